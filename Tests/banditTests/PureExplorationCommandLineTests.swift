import Foundation
import Testing

@Suite("bandit simulate --budget / --confidence")
struct PureExplorationCommandLineTests {
    static let arms = ["--arm", "bernoulli(0.6)", "--arm", "bernoulli(0.5)", "--arm", "bernoulli(0.4)"]

    @Test("--budget runs fixed-budget policies and writes their metrics; --confidence runs LUCB")
    func modes() throws {
        let directory = CommandLine.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let budget = try CommandLine.run(
            ["simulate", "--budget", "300", "--policy", "sh", "--policy", "uniform", "--repetitions", "20", "--seed", "1",
             "--output", directory.path, "--quiet"] + Self.arms)
        #expect(budget.status == 0, "\(budget.standardError)")
        let metrics = try String(contentsOf: directory.appendingPathComponent("metrics.csv"), encoding: .utf8)
        for name in ["simple_regret", "error_eps_0,", "error_eps_0.05", "samples", "stopped"] { #expect(metrics.contains(name)) }

        let confidence = try CommandLine.run(
            ["simulate", "--confidence", "0.1", "--horizon", "5000", "--policy", "lucb", "--repetitions", "5", "--seed", "1"] + Self.arms)
        #expect(confidence.status == 0, "\(confidence.standardError)")
        #expect(confidence.standardOutput.contains("simple regret"))
    }

    @Test("bad flags: a one-line error and a non-zero exit, never a crash")
    func badFlags() throws {
        for flags in [["--budget", "0"], ["--budget", "10", "--horizon", "10"], ["--confidence", "1.5"],
                      ["--budget", "10", "--family", "stochastic"]] {
            let output = try CommandLine.run(["simulate", "--policy", "sh"] + flags + Self.arms)
            #expect(output.status != 0 && output.reason == .exit)
            #expect(output.standardError.split(separator: "\n").count == 1, "\(output.standardError)")
        }
    }
}
