import Foundation
import Testing

@Suite("bandit simulate --preference-matrix")
struct DuelingCommandLineTests {
    static let matrixFile: String = {
        // Tests/banditTests/ → the package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/Dueling/data/cyclic-4.txt").path
    }()

    @Test("a dueling run from flags reports average regret for each policy")
    func fromFlags() throws {
        let output = try CommandLine.run([
            "simulate", "--preference-matrix", Self.matrixFile, "--policy", "rmed1", "--policy", "rmed2",
            "--horizon", "500", "--repetitions", "2", "--seed", "1", "--no-progress",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("rmed2"))
        #expect(output.standardOutput.contains("average_regret") || output.standardOutput.contains("average regret"))
    }

    @Test("a bad matrix file or family exits non-zero with one line naming the flag")
    func badInput() throws {
        let directory = CommandLine.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.txt")
        try "0.5 0.7\n0.7 0.5\n".write(to: bad, atomically: true, encoding: .utf8)
        let output = try CommandLine.run(["simulate", "--preference-matrix", bad.path, "--policy", "rucb", "--horizon", "10"])
        #expect(output.status != 0 && output.reason == .exit)
        #expect(output.standardError.contains("--preference-matrix") && output.standardError.contains("[1][0]"))
        #expect(output.standardError.split(separator: "\n").count == 1)
        let mixed = try CommandLine.run(["simulate", "--preference-matrix", bad.path, "--family", "stochastic", "--policy", "ucb1"])
        #expect(mixed.status != 0 && mixed.standardError.contains("--preference-matrix"))
    }
}
