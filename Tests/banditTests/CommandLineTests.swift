import Foundation
import Testing

/// Runs the built `bandit` executable, as scripts will.
struct CommandLine {
    /// The executable beside the test bundle in SwiftPM's products directory.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("bandit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/bandit")
    }()

    struct Output {
        var status: Int32
        var reason: Process.TerminationReason
        var standardOutput: String
        var standardError: String
    }

    static func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, reason: process.terminationReason,
            standardOutput: String(decoding: outData, as: UTF8.self), standardError: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("bandit-cli-\(UUID().uuidString)")
    }
}

@Suite("bandit command line")
struct CommandLineTests {
    static let study = [
        "simulate", "--arm", "bernoulli(0.9)", "--arm", "bernoulli(0.8)", "--arm", "bernoulli(0.5)",
        "--policy", "ucb1", "--policy", "thompson", "--policy", "epsilon-greedy(epsilon=0.05)",
        "--horizon", "3000", "--repetitions", "30", "--seed", "7",
    ]

    @Test("--jobs 1 and --jobs 2 write byte-identical CSV")
    func threadCountInvariance() throws {
        let one = CommandLine.temporaryDirectory(), two = CommandLine.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: one); try? FileManager.default.removeItem(at: two) }
        let first = try CommandLine.run(Self.study + ["--jobs", "1", "--output", one.path, "--quiet"])
        let second = try CommandLine.run(Self.study + ["--jobs", "2", "--output", two.path, "--quiet"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(second.status == 0, "\(second.standardError)")
        for file in ["regret.csv", "metrics.csv", "repetitions.csv"] {
            let a = try Data(contentsOf: one.appendingPathComponent(file))
            let b = try Data(contentsOf: two.appendingPathComponent(file))
            #expect(a == b, "\(file) differs between --jobs 1 and --jobs 2")
            #expect(!a.isEmpty)
        }
        let csv = try String(contentsOf: one.appendingPathComponent("regret.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        for column in ["policy", "t", "mean_regret", "stderr", "q05", "q50", "q95"] { #expect(header.contains(column)) }
        #expect(lines.last!.split(separator: ",")[1] == "3000")
        for file in ["summary.json", "regret.svg"] {
            #expect(FileManager.default.fileExists(atPath: one.appendingPathComponent(file).path))
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: one.appendingPathComponent("summary.json"))) as? [String: Any]
        let metadata = summary?["metadata"] as? [String: Any]
        #expect(metadata?["seed"] as? Int == 7)
        #expect((metadata?["openBLASCore"] as? String)?.isEmpty == false)
    }

    @Test("a drawn seed is printed and reproduces the run")
    func drawnSeed() throws {
        let arguments = ["simulate", "--arm", "bernoulli(0.6)", "--arm", "bernoulli(0.4)", "--policy", "thompson",
                         "--horizon", "500", "--repetitions", "5", "--quiet"]
        let directory = CommandLine.temporaryDirectory(), again = CommandLine.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory); try? FileManager.default.removeItem(at: again) }
        let first = try CommandLine.run(arguments + ["--output", directory.path])
        #expect(first.status == 0)
        let seedLine = first.standardError.split(separator: "\n").first { $0.hasPrefix("seed: ") }
        let seed = try #require(seedLine.flatMap { $0.dropFirst(6).split(separator: " ").first }.map(String.init))
        let second = try CommandLine.run(arguments + ["--output", again.path, "--seed", seed])
        #expect(second.status == 0)
        #expect(try Data(contentsOf: directory.appendingPathComponent("regret.csv")) == Data(contentsOf: again.appendingPathComponent("regret.csv")))
    }

    @Test("bad input exits non-zero with a one-line message, never a crash", arguments: [
        ["simulate", "--arm", "bernoulli(2)", "--policy", "ucb1"],
        ["simulate", "--arm", "bernoulli(0.5", "--policy", "ucb1"],
        ["simulate", "--arm", "bernoulli(0.5)", "--policy", "nope"],
        ["simulate", "--arm", "bernoulli(0.5)", "--policy", "ucb1(alpha=nan)"],
        ["simulate", "--arm", "bernoulli(0.5)"],
        ["simulate", "--arm", "bernoulli(0.5)", "--policy", "ucb1", "--horizon", "0"],
        ["simulate", "--arm", "bernoulli(0.5)", "--policy", "ucb1", "--jobs", "0"],
        ["simulate", "/nonexistent/scenario.yaml"],
    ])
    func badInput(arguments: [String]) throws {
        let output = try CommandLine.run(arguments)
        #expect(output.reason == .exit, "terminated by a signal: \(output.standardError)")
        #expect(output.status != 0)
        let lines = output.standardError.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(output.standardError)")
    }

    @Test("malformed scenario files name the field")
    func malformedScenario() throws {
        let file = CommandLine.temporaryDirectory().appendingPathExtension("yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try "name: x\nhorizon: ten\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]\n".write(to: file, atomically: true, encoding: .utf8)
        let output = try CommandLine.run(["simulate", file.path])
        #expect(output.status != 0)
        #expect(output.standardError.contains("horizon"))
        #expect(output.standardError.split(separator: "\n").count == 1)
    }

    @Test("bandit list shows every policy and distribution with defaults")
    func list() throws {
        let output = try CommandLine.run(["list"])
        #expect(output.status == 0)
        for name in ["ucb1", "epsilon-greedy", "thompson", "gaussian-thompson", "bernoulli", "gaussian", "beta", "gamma",
                     "exponential", "poisson", "uniform", "student-t", "pareto", "lognormal", "constant"] {
            #expect(output.standardOutput.contains("  \(name)"), "missing \(name)")
        }
        #expect(output.standardOutput.contains("default 0.1"))
    }
}

@Suite("bandit reproduce")
struct ReproduceCommandTests {
    static func scenario(name: String, maximum: Double) -> String {
        """
        name: \(name)
        source: "a test"
        horizon: 400
        repetitions: 8
        seed: 5
        arms:
          - bernoulli(0.7)
          - bernoulli(0.3)
        policies:
          - ucb1
        expectations:
          - type: range
            policy: ucb1
            min: 0
            max: \(maximum)
        """
    }

    @Test("writes a report with verdicts and figures; exit code follows the verdicts")
    func report() throws {
        let directory = CommandLine.temporaryDirectory()
        let output = directory.appendingPathComponent("report")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Uniform play's regret is 0.4·400/2 = 80, an upper bound any learner stays below.
        try Self.scenario(name: "passing", maximum: 80).write(to: directory.appendingPathComponent("a-quick.yaml"), atomically: true, encoding: .utf8)
        let passing = try CommandLine.run(["reproduce", directory.path, "--quick", "--output", output.path])
        #expect(passing.status == 0, "\(passing.standardError)")
        let text = try String(contentsOf: output.appendingPathComponent("REPORT.md"), encoding: .utf8)
        #expect(text.contains("## passing"))
        #expect(text.contains("PASS"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("passing.svg").path))
        // An impossible bound: regret below 0.001 after the two initial pulls cost 0.4.
        try Self.scenario(name: "failing", maximum: 0.001).write(to: directory.appendingPathComponent("b-quick.yaml"), atomically: true, encoding: .utf8)
        let failing = try CommandLine.run(["reproduce", directory.path, "--output", output.path])
        #expect(failing.status != 0)
        #expect(failing.reason == .exit)
        let failed = try String(contentsOf: output.appendingPathComponent("REPORT.md"), encoding: .utf8)
        #expect(failed.contains("**FAIL**"))
        #expect(failed.contains("## failing"))
    }
}

@Suite("bandit simulate --family knapsack")
struct KnapsackCommandLineTests {
    @Test("budgets by --budget, arms by --set; consumption curves in metrics.csv")
    func knapsackFlags() throws {
        let directory = CommandLine.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try CommandLine.run([
            "simulate", "--family", "knapsack", "--resource-budget", "50", "--resource-budget", "80", "--horizon", "200", "--repetitions", "4",
            "--set", "arms=[{model: bernoulli, reward: 0.9, consumption: [0.8, 0.2]}, {model: bernoulli, reward: 0.4, consumption: [0.1, 0.3]}]",
            "--policy", "ucb-bwk", "--policy", "primal-dual-bwk", "--seed", "5", "--output", directory.path, "--quiet",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let metrics = try String(contentsOf: directory.appendingPathComponent("metrics.csv"), encoding: .utf8)
        for name in ["regret", "reward", "stopped", "consumption_1", "consumption_2"] {
            #expect(metrics.contains(",\(name),"), "\(name)")
        }
    }

    @Test("a knapsack arm without a budget for each resource is refused naming the field")
    func mismatchedResources() throws {
        let output = try CommandLine.run([
            "simulate", "--family", "knapsack", "--resource-budget", "50", "--horizon", "20", "--repetitions", "1",
            "--set", "arms=[{model: bernoulli, reward: 0.9, consumption: [0.8, 0.2]}]", "--policy", "ucb-bwk", "--seed", "1",
        ])
        #expect(output.status != 0)
        #expect(output.standardError.contains("arms[0].consumption"), "\(output.standardError)")
    }
}
