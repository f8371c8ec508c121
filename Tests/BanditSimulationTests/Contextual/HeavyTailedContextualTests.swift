import BanditCore
import BanditPolicies
import Foundation
import LinearAlgebra
import Testing
@testable import BanditSimulation

@Suite("Heavy-tailed contextual environments and policies")
struct HeavyTailedContextualTests {
    @Test("positive-sphere contexts are non-negative unit vectors; repeat keeps them for r rounds")
    func positiveSphereAndRepeat() throws {
        let environment = try ContextualEnvironment(
            dimension: 4, armCount: 3, contexts: .positiveSphere, noise: try StudentT(degreesOfFreedom: 3), contextRepeat: 5)
        let stream = RandomStreams(masterSeed: 8).rewardStream(repetition: 0)
        var features = ArmFeatures(dimension: 4, armCount: 3)
        var rounds: [[Double]] = []
        for round in 1...11 {
            environment.fillFeatures(round: round, stream: stream, into: &features)
            for arm in 0..<3 {
                let column = features.column(arm)
                #expect(column.allSatisfy { $0 >= 0 })
                #expect(abs(column.reduce(0) { $0 + $1 * $1 } - 1) < 1e-14)
            }
            rounds.append(features.storage)
        }
        // Rounds 1–5 share one draw, 6–10 the next, 11 starts a third.
        #expect(Set(rounds[0..<5].map { $0 }).count == 1)
        #expect(Set(rounds[5..<10].map { $0 }).count == 1)
        #expect(rounds[0] != rounds[5] && rounds[5] != rounds[10])
        #expect(throws: BanditError.self) {
            _ = try ContextualEnvironment(dimension: 2, armCount: 2, noise: try Gaussian(mean: 0), contextRepeat: 0)
        }
    }

    @Test("logistic-noise rewards are μ(xᵀθ*) plus the centred noise (mean within 4.5 standard errors)")
    func logisticNoiseRewards() throws {
        let noise = try Lomax(shape: 3, scale: 1)  // asymmetric; variance 3/4
        let environment = try ContextualEnvironment(dimension: 2, armCount: 1, link: .logisticNoise, noise: noise)
        let stream = RandomStreams(masterSeed: 4).rewardStream(repetition: 0)
        let mean = environment.meanReward(predictor: 0.7)
        #expect(abs(mean - 1 / (1 + exp(-0.7))) < 1e-15)
        let n = 40_000
        let total = (1...n).reduce(0.0) { $0 + environment.reward(arm: 0, round: $1, mean: mean, stream: stream) }
        #expect(abs(total / Double(n) - mean) <= 4.5 * (noise.variance! / Double(n)).squareRoot())
    }

    static let glbScenario = """
        name: glb
        family: contextual
        horizon: 600
        repetitions: 2
        seed: 23
        dimension: 4
        arms: 6
        contexts: positive-sphere
        theta: [0.5, 0.5, 0.5, 0.5]
        noise: student-t(1.5)
        repeat: 6
        policies:
          - crtm(epsilon=0.4, u=2, alpha=0.1)
          - crmm(r=6, epsilon=0.4, u=2, alpha=0.1)
          - menu(r=6, epsilon=0.4, u=2, alpha=0.1)
          - tofu(epsilon=0.4, u=2, alpha=0.1)
          - oful(r=1, s=1)
        """

    @Test("bandit scenarios run CRTM, CRMM, MENU and TOFU through the one simulator, deterministically")
    func runsThroughTheSimulator() throws {
        let scenario = try Scenario(yaml: Self.glbScenario)
        let first = try Study(scenario: scenario, seed: 23, jobs: 1).run()
        let second = try Study(scenario: scenario, seed: 23, jobs: 2).run()
        for label in scenario.policies.map(\.description) {
            let a = try #require(first.policy(label)?.series("pseudo_regret"))
            let b = try #require(second.policy(label)?.series("pseudo_regret"))
            #expect(a.values == b.values, "\(label): same seed, any thread count ⇒ identical")
            // Pseudo-regret per round is at most the largest gap, ≤ 2‖θ*‖ = 2.
            #expect(a.final.mean >= 0 && a.final.mean <= 2 * 600)
        }
    }

    @Test("MENU refuses the logistic model; a logistic CRTM runs on logistic-noise rewards")
    func links() throws {
        let menu = Self.glbScenario.replacingOccurrences(of: "noise: student-t(1.5)", with: "link: logistic-noise\nnoise: student-t(3)")
        #expect(throws: BanditError.self) { _ = try Study(scenario: try Scenario(yaml: menu), seed: 1, jobs: 1) }
        let logistic = try Scenario(yaml: """
            name: logistic
            family: contextual
            horizon: 50
            repetitions: 1
            dimension: 3
            arms: 4
            contexts: positive-sphere
            link: logistic-noise
            noise: pareto(3)
            policies:
              - crtm(link=logistic)
              - crmm(link=logistic, r=5)
            """)
        let result = try Study(scenario: logistic, seed: 2, jobs: 1).run()
        #expect(result.policies.count == 2)
    }

    @Test("robust-ucb(u=auto) takes the largest moment bound the arms report")
    func automaticMomentBound() throws {
        func resolved(_ policy: String, arms: [String]) throws -> String {
            let scenario = try Scenario(yaml: """
                name: auto
                horizon: 10
                repetitions: 1
                arms: [\(arms.map { "\"\($0)\"" }.joined(separator: ", "))]
                policies: ["\(policy)"]
                """)
            return try Study(scenario: scenario, seed: 1, jobs: 1).makeJobs()[0].specification
        }
        // Var of t(3) is 3, of t(4, scale 2) is 4·4/2 = 8: the median of means gets u = 8.
        func u(_ specification: String) throws -> Double {
            try #require(specification.split(separator: "u=").last.flatMap { Double($0.prefix { $0 != ")" && $0 != "," }) })
        }
        let mom = try u(try resolved("robust-ucb(u=auto)", arms: ["student-t(3)", "student-t(4, scale=2)"]))
        #expect(abs(mom - 8) < 1e-12)  // Γ-function round-off only
        // The truncated mean needs the raw moment: E X² = Var + μ² = 3 + 1 for t(3) at location 1.
        let truncated = try u(try resolved("robust-ucb(estimator=truncated, u=auto)", arms: ["student-t(3, location=1)"]))
        #expect(truncated >= 4 - 1e-12, "a valid raw bound is at least E X² = 4 (got \(truncated))")
        #expect(throws: BanditError.self) { _ = try resolved("robust-ucb(u=auto)", arms: ["student-t(1.5)"]) }
        #expect(throws: BanditError.self) { _ = try resolved("robust-ucb(u=auto)", arms: ["bernoulli(0.5)"]) }
    }

    @Test("crtm/crmm/menu/tofu(u=auto) read the moment bound the contextual environment reports")
    func contextualAutomaticMomentBound() throws {
        func resolved(_ policy: String, contexts: String = "positive-sphere") throws -> Double {
            let scenario = try Scenario(yaml: """
                name: auto
                family: contextual
                horizon: 10
                repetitions: 1
                dimension: 2
                arms: 3
                contexts: \(contexts)
                theta: [0.6, 0.8]
                noise: student-t(3, scale=2)
                policies: ["\(policy)"]
                """)
            let specification = try Study(scenario: scenario, seed: 1, jobs: 1).makeJobs()[0].specification
            return try #require(specification.split(separator: "u=").last.flatMap { Double($0.prefix { $0 != ")" && $0 != "," }) })
        }
        // Var η = s²ν/(ν − 2) = 12 (ε = 1); ‖θ*‖ = 1 and unit contexts: E y² ≤ 2(1 + 12) = 26.
        #expect(abs(try resolved("crmm(u=auto)") - 12) < 1e-12)
        #expect(abs(try resolved("menu(u=auto)") - 12) < 1e-12)
        #expect(abs(try resolved("crtm(u=auto)") - 26) < 1e-12)
        // TOFU's b bounds the payoff's raw moment, as CRTM's u does (Shao et al. 2018).
        #expect(abs(try resolved("tofu(u=auto)") - 26) < 1e-12)
        #expect(throws: BanditError.self) { _ = try resolved("tofu(u=auto)", contexts: "gaussian") }
        // Gaussian contexts are unbounded: CRTM's raw bound is unknown, the noise's is not.
        #expect(throws: BanditError.self) { _ = try resolved("crtm(u=auto)", contexts: "gaussian") }
        #expect(abs(try resolved("crmm(u=auto)", contexts: "gaussian") - 12) < 1e-12)
        // ε = 2.5 is refused (ν = 3 has no moment of order 3.5, and ε must be ≤ 1), never silently wrong.
        #expect(throws: BanditError.self) { _ = try resolved("crmm(u=auto, epsilon=2.5)") }
    }
}
