import Foundation
import Testing

/// `bandit simulate --shard` and `bandit merge`, as a batch script on several machines uses them.
@Suite("bandit merge")
struct MergeCommandLineTests {
    static let study = CommandLineTests.study.filter { $0 != "--repetitions" && $0 != "30" } + ["--repetitions", "9"]

    @Test("three shards merged write the whole run's CSV and plots byte for byte")
    func shardsMergeToWholeRun() throws {
        let root = CommandLine.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = root.appendingPathComponent("whole"), merged = root.appendingPathComponent("merged")
        let run = try CommandLine.run(Self.study + ["--output", whole.path, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        var parts: [String] = []
        for index in [2, 3, 1] {
            let part = root.appendingPathComponent("part-\(index)").path
            let shard = try CommandLine.run(Self.study + ["--shard", "\(index)/3", "--jobs", "1", "--output", part, "--quiet"])
            #expect(shard.status == 0, "\(shard.standardError)")
            parts.append(part)
        }
        let merge = try CommandLine.run(["merge"] + parts + ["--output", merged.path])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(merge.standardOutput.contains("wrote \(merged.path)/regret.csv"))
        for name in ["regret.csv", "metrics.csv", "repetitions.csv", "regret.svg", "regret-log.svg"] {
            #expect(try Data(contentsOf: whole.appendingPathComponent(name)) == Data(contentsOf: merged.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test("bad shard use is a one-line error and a non-zero exit", arguments: [
        (["--shard", "4/3"], "--shard '4/3'"),
        (["--shard", "1/10"], "would leave a shard empty"),
        (["--shard", "half"], "expected I/N"),
    ])
    func badShards(extra: [String], message: String) throws {
        let output = CommandLine.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try CommandLine.run(Self.study + extra + ["--output", output.path, "--quiet"])
        #expect(run.status != 0 && run.reason == .exit)
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(run.standardError.split(separator: "\n").count == 1)
    }

    @Test("a shard without a fixed seed or without --output is refused before running")
    func shardNeedsSeedAndOutput() throws {
        let withoutSeed = CommandLineTests.study.filter { $0 != "--seed" && $0 != "7" }
        let drawn = try CommandLine.run(withoutSeed + ["--shard", "1/2", "--output", CommandLine.temporaryDirectory().path])
        #expect(drawn.status != 0 && drawn.standardError.contains("fixed seed"), "\(drawn.standardError)")
        let noOutput = try CommandLine.run(Self.study + ["--shard", "1/2"])
        #expect(noOutput.status != 0 && noOutput.standardError.contains("--output"), "\(noOutput.standardError)")
    }

    @Test("merging a directory that is not a result names the missing file")
    func mergeOfNonResult() throws {
        let empty = CommandLine.temporaryDirectory()
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try CommandLine.run(["merge", empty.path, "--output", CommandLine.temporaryDirectory().path])
        #expect(run.status != 0 && run.reason == .exit)
        #expect(run.standardError.contains("summary.json"), "\(run.standardError)")
    }
}
