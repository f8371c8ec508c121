import BanditCore
import Foundation
import Testing
@testable import BanditSimulation

/// DESIGN §2 "Results merge exactly": shards of repetitions, written to disk and read back,
/// merge into the bytes one run of the whole study writes.
@Suite("Shards and merging")
struct ShardMergeTests {
    static func scenario(family: String = "stochastic", repetitions: Int) throws -> Scenario {
        let environment = family == "stochastic"
            ? "arms:\n  - bernoulli(0.6)\n  - bernoulli(0.5)\n  - bernoulli(0.55)"
            : "dimension: 3\narms: 4\ntheta: gaussian\nnoise: gaussian(mean=0, sd=0.1)"
        let policies = family == "stochastic"
            ? ["ucb1", "thompson", "\"kl-ucb(divergence=bernoulli, c=0)\""] : ["linucb", "lints"]
        return try Scenario(yaml: """
            name: shard test
            family: \(family)
            horizon: 300
            repetitions: \(repetitions)
            seed: 11
            \(environment)
            policies:
            \(policies.map { "  - \($0)" }.joined(separator: "\n"))
            """)
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("banditkit-shards-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ result: SimulationResult, to directory: URL) throws {
        let constant = result.metadata.lowerBoundConstant
        try ResultWriter.write(
            result, to: directory, lowerBound: constant.map { c in { c * log(Double($0)) } }, title: result.metadata.scenarioName)
    }

    /// Run as `count` shards (given to the merge in a scrambled order), through the files.
    private func shardedRun(_ scenario: Scenario, count: Int, root: URL, jobs: Int = 1) throws -> SimulationResult {
        var parts: [SimulationResult] = []
        for index in (1...count).reversed() {
            let part = try Study(scenario: scenario, seed: 11, jobs: jobs, shard: (index, count)).run()
            #expect(part.metadata.shard?.index == index && part.metadata.repetitions == part.metadata.shard?.repetitions.count)
            let directory = root.appendingPathComponent("shard-\(index)", isDirectory: true)
            try write(part, to: directory)
            parts.append(try ResultReader.read(directory: directory))
        }
        return try SimulationResult.merging(parts)
    }

    @Test("merged shards write the same CSV and SVG bytes as one whole run, in every family shape", arguments: [
        ("stochastic", 7, 3), ("stochastic", 5, 5), ("stochastic", 4, 1), ("contextual", 5, 2),
    ])
    func mergedShardsEqualWholeRun(family: String, repetitions: Int, shards: Int) throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let scenario = try Self.scenario(family: family, repetitions: repetitions)
        let whole = try Study(scenario: scenario, seed: 11, jobs: 2).run()
        let merged = try shardedRun(scenario, count: shards, root: root)
        #expect(merged.policies == whole.policies)
        #expect(merged.checkpoints == whole.checkpoints)
        #expect(merged.metadata.repetitions == repetitions && merged.metadata.shard == nil)

        let wholeDirectory = root.appendingPathComponent("whole"), mergedDirectory = root.appendingPathComponent("merged")
        try write(whole, to: wholeDirectory)
        try write(merged, to: mergedDirectory)
        for name in ["regret.csv", "metrics.csv", "repetitions.csv", "regret.svg", "regret-log.svg"] {
            let a = try Data(contentsOf: wholeDirectory.appendingPathComponent(name))
            let b = try Data(contentsOf: mergedDirectory.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
        // summary.json may differ only in the run-time facts.
        func summary(_ directory: URL) throws -> NSDictionary {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("summary.json")))
            let dictionary = try #require(object as? [String: Any])
            var metadata = try #require(dictionary["metadata"] as? [String: Any])
            for key in ["wallTimeSeconds", "startedAt", "jobs"] { metadata[key] = nil }
            var copy = dictionary
            copy["metadata"] = metadata
            return copy as NSDictionary
        }
        #expect(try summary(wholeDirectory) == summary(mergedDirectory))
    }

    @Test("a whole run read back from its files summarises to the identical result")
    func readBackIsExact() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = try Study(scenario: Self.scenario(repetitions: 6), seed: 11, jobs: 2).run()
        try write(whole, to: root)
        let read = try ResultReader.read(directory: root)
        #expect(read.policies == whole.policies && read.checkpoints == whole.checkpoints)
        #expect(read.metadata.seed == whole.metadata.seed && read.metadata.scenarioHash == whole.metadata.scenarioHash)
    }

    @Test("shards of R repetitions tile 0..<R in contiguous blocks whose sizes differ by at most one")
    func shardsTile() throws {
        for total in 1...40 {
            for count in 1...total {
                var next = 0
                var sizes: [Int] = []
                for index in 1...count {
                    let range = try RepetitionShard(index: index, count: count, totalRepetitions: total).repetitions
                    #expect(range.lowerBound == next && !range.isEmpty)
                    next = range.upperBound
                    sizes.append(range.count)
                }
                #expect(next == total && sizes.max()! - sizes.min()! <= 1)
            }
        }
    }

    @Test("impossible shards are typed errors", arguments: ["0/3", "4/3", "1/0", "a/b", "2", "1/2/3", "3/7"])
    func invalidShards(text: String) {
        #expect(throws: BanditError.self) { try RepetitionShard(parsing: text, totalRepetitions: 5) }
    }

    @Test("a missing, repeated or foreign shard is refused, naming the problem")
    func refusedMerges() throws {
        let scenario = try Self.scenario(repetitions: 6)
        let parts = try (1...3).map { try Study(scenario: scenario, seed: 11, jobs: 1, shard: ($0, 3)).run() }
        func reason(_ shards: [SimulationResult]) -> String? {
            do { _ = try SimulationResult.merging(shards); return nil } catch {
                guard case let .shardsDoNotMerge(reason) = error else { return "wrong error \(error)" }
                return reason
            }
        }
        #expect(reason([parts[0], parts[2]])?.contains("missing") == true)
        #expect(reason([parts[0], parts[1]])?.contains("missing") == true)
        #expect(reason(parts + [parts[1]])?.contains("twice") == true)
        #expect(reason([]) != nil)
        let otherSeed = try Study(scenario: scenario, seed: 12, jobs: 1, shard: (2, 3)).run()
        #expect(reason([parts[0], otherSeed, parts[2]])?.contains("seed") == true)
        let otherScenario = try Study(scenario: Self.scenario(repetitions: 7), seed: 11, jobs: 1, shard: (3, 3)).run()
        #expect(reason([parts[0], parts[1], otherScenario]) != nil)
        // Finer shards may replace coarse ones: of 6 repetitions, 1/3 = 0..<2 and 3/6 … 6/6 =
        // 2..<3, …, 5..<6 tile the study.
        let finer = try (3...6).map { try Study(scenario: scenario, seed: 11, jobs: 1, shard: ($0, 6)).run() }
        let whole = try Study(scenario: scenario, seed: 11, jobs: 1).run()
        #expect(try SimulationResult.merging([parts[0]] + finer).policies == whole.policies)
    }

    @Test("damaged shard files are typed errors naming the file and line")
    func damagedFiles() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let part = try Study(scenario: Self.scenario(repetitions: 4), seed: 11, jobs: 1, shard: (2, 2)).run()
        try write(part, to: root)
        let csv = root.appendingPathComponent("repetitions.csv")
        let original = try String(contentsOf: csv, encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        func failure() -> ReportError? {
            do { _ = try ResultReader.read(directory: root); return nil } catch { return error }
        }
        // A repetition of shard 1 in shard 2's file.
        let firstRow = lines[1].split(separator: ",").map(String.init)
        lines[1] = [firstRow[0], firstRow[1], "0", firstRow[3], firstRow[4]].joined(separator: ",")
        try lines.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        #expect(failure() == .malformedFile(path: csv.path, line: 2, reason: "repetition '0' is outside 2..<4"))
        // A number that does not parse.
        lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = lines[3].split(separator: ",").dropLast().joined(separator: ",") + ",1.2.3"
        try lines.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        #expect(failure() == .malformedFile(path: csv.path, line: 4, reason: "'1.2.3' is not a number"))
        // A row missing.
        lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.remove(at: 5)
        try lines.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        guard case .malformedFile(_, nil, let reason)? = failure() else { Issue.record("no error for a missing row"); return }
        #expect(reason.hasPrefix("no value for"))
        // A row given twice.
        lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(lines[5], at: 6)
        try lines.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        guard case .malformedFile(_, 7?, let duplicate)? = failure() else { Issue.record("no error for a repeated row"); return }
        #expect(duplicate.hasPrefix("a second value"))
        // No summary at all.
        try FileManager.default.removeItem(at: root.appendingPathComponent("summary.json"))
        guard case .cannotRead? = failure() else { Issue.record("no error for a missing summary"); return }
    }

    @Test("CSV records: quoted fields with commas, doubled quotes and CRLF read back as written")
    func csvRecords() throws {
        let fields = ["kl-ucb(c=0, model=bernoulli)", "say \"hi\"", "plain", ""]
        let text = fields.map(CSVReport.field).joined(separator: ",") + "\r\n" + "a,b\n"
        #expect(try CSVRecords.parse(text) == [fields, ["a", "b"]])
        #expect(throws: CSVRecords.Failure.self) { try CSVRecords.parse("\"open") }
        #expect(throws: CSVRecords.Failure.self) { try CSVRecords.parse("\"closed\"x") }
        #expect(throws: CSVRecords.Failure.self) { try CSVRecords.parse("in\"side") }
    }
}
