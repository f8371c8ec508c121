import Foundation
import Testing

@Suite("bandit simulate runs every heavy-tailed policy and distribution")
struct HeavyTailedCommandLineTests {
    @Test("K-armed: Robust UCB's estimators and schedules, u=auto, on Fréchet, Pareto, Student-t and log-normal arms")
    func armed() throws {
        let output = try CommandLine.run([
            "simulate", "--arm", "frechet(3, 0.5, location=0.2)", "--arm", "pareto(2.5, 0.3)",
            "--arm", "student-t(2.5, location=0.1, scale=0.2)", "--arm", "lognormal(-1, 0.5, location=-0.3)",
            "--policy", "robust-ucb(u=auto)", "--policy", "robust-ucb(estimator=truncated, u=auto, schedule=doubling)",
            "--policy", "robust-ucb(estimator=catoni, u=auto)", "--policy", "robust-ucb(epsilon=0.4, u=2)",
            "--horizon", "300", "--repetitions", "2", "--seed", "1",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        // u=auto with an arm whose moment of that order is infinite is refused, naming the arm.
        let refused = try CommandLine.run([
            "simulate", "--arm", "student-t(1.5)", "--arm", "bernoulli(0.5)", "--policy", "robust-ucb(u=auto)",
            "--horizon", "10", "--repetitions", "1", "--seed", "1",
        ])
        #expect(refused.status != 0 && refused.reason == .exit && refused.standardError.contains("arm 0"))
    }

    @Test("contextual: CRTM, CRMM, MENU and TOFU with heavy-tailed noise, identity and logistic-noise links")
    func contextual() throws {
        let linear = try CommandLine.run([
            "simulate", "--family", "contextual", "--set", "dimension=4", "--set", "arms=6", "--set", "contexts=positive-sphere",
            "--set", "noise=student-t(1.5)", "--set", "repeat=5", "--policy", "crtm", "--policy", "crmm(r=5)",
            "--policy", "menu(r=5)", "--policy", "tofu(epsilon=0.4, u=9)", "--horizon", "300", "--repetitions", "2", "--seed", "1",
        ])
        #expect(linear.status == 0, "\(linear.standardError)")
        #expect(linear.standardOutput.contains("tofu(epsilon=0.4, u=9)"))
        let logistic = try CommandLine.run([
            "simulate", "--family", "contextual", "--set", "dimension=4", "--set", "arms=6", "--set", "link=logistic-noise",
            "--set", "noise=pareto(3)", "--policy", "crtm(link=logistic)", "--policy", "crmm(link=logistic, r=5)",
            "--horizon", "300", "--repetitions", "2", "--seed", "1",
        ])
        #expect(logistic.status == 0, "\(logistic.standardError)")
        // TOFU models the identity link only: the logistic model is refused, naming the link.
        let refused = try CommandLine.run([
            "simulate", "--family", "contextual", "--set", "dimension=4", "--set", "arms=6", "--set", "link=logistic-noise",
            "--set", "noise=pareto(3)", "--policy", "tofu", "--horizon", "10", "--repetitions", "1", "--seed", "1",
        ])
        #expect(refused.status != 0 && refused.standardError.contains("identity"))
    }
}
