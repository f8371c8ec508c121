import BanditCore
import Foundation

/// `summary.json`: the study's metadata and per-checkpoint summaries, for programs and for
/// tracing a result back to how it was made.
///
/// The raw per-repetition values are deliberately left out — they can be large and live in
/// `repetitions.csv`. Output is pretty-printed with sorted keys, so the same result always gives
/// the same bytes and diffs between runs are readable.
///
/// **Non-finite numbers are written as `null`.** JSON has no NaN or infinity, and
/// `JSONEncoder`'s default would throw. `null` keeps every numeric field either a number or
/// absent, which typed readers (JavaScript, `jq`, schema validators) handle without special
/// cases; a string such as `"NaN"` would change a field's type. The library's numerical promises
/// make such values an anomaly, and `metrics.csv` still spells out which (`NaN`, `inf`, `-inf`).
///
/// Layout (keys sorted in the file):
/// ```
/// { "metadata":    { every RunMetadata field; lowerBoundConstant null when absent; for a
///                    shard only, "shard": { "index", "count", "totalRepetitions",
///                    "firstRepetition", "repetitionCount" } },
///   "checkpoints": [1, 2, …, horizon],
///   "policies":    [ { "label", "specification",
///                      "metrics": [ { "name", "label",
///                                     "final":       { "t", "mean", "standardError",
///                                                      "q05", "q25", "q50", "q75", "q95" },
///                                     "checkpoints": [ same shape, one per checkpoint ] } ] } ] }
/// ```
public enum JSONReport {
    /// The pretty-printed, key-sorted JSON text of `result` (see the type's documentation for
    /// the layout and the treatment of non-finite numbers).
    public static func summary(_ result: SimulationResult) -> String {
        let document = Document(
            metadata: Metadata(result.metadata),
            checkpoints: result.checkpoints,
            policies: result.policies.map(Policy.init)
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(document)
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            // Unreachable: every Double passes through `Number`, which never hands the encoder
            // a non-finite value, and the top level is an object. Kept as valid JSON rather than
            // a trap so a report can never take a finished study down with it.
            return "{\n  \"error\" : \"summary could not be encoded\"\n}\n"
        }
    }

    /// A `Double` that encodes as `null` when it is not finite (and reads `null` back as NaN).
    struct Number: Codable {
        let value: Double
        init(_ value: Double) { self.value = value }
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            value = container.decodeNil() ? .nan : try container.decode(Double.self)
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        }
    }

    /// The file's top level; also what ``ResultReader`` decodes.
    struct Document: Codable {
        let metadata: Metadata
        let checkpoints: [Int]
        let policies: [Policy]
    }

    /// Mirrors ``RunMetadata`` field for field; spelled out so optional and non-finite values
    /// become explicit `null`s instead of missing keys or encoding errors.
    struct Metadata: Codable {
        let toolVersion: String
        let seed: UInt64
        let horizon: Int
        let repetitions: Int
        let jobs: Int
        let scenarioName: String
        let scenarioHash: String
        let environment: [String]
        let openBLASCore: String
        let wallTimeSeconds: Number
        let startedAt: String
        let lowerBoundConstant: Number?
        let lowerBoundName: String?
        let shard: Shard?

        init(_ metadata: RunMetadata) {
            toolVersion = metadata.toolVersion
            seed = metadata.seed
            horizon = metadata.horizon
            repetitions = metadata.repetitions
            jobs = metadata.jobs
            scenarioName = metadata.scenarioName
            scenarioHash = metadata.scenarioHash
            environment = metadata.environment
            openBLASCore = metadata.openBLASCore
            wallTimeSeconds = Number(metadata.wallTimeSeconds)
            startedAt = metadata.startedAt
            lowerBoundConstant = metadata.lowerBoundConstant.map(Number.init)
            lowerBoundName = metadata.lowerBoundName
            shard = metadata.shard.map(Shard.init)
        }

        /// The ``RunMetadata`` this was written from (non-finite numbers come back as NaN).
        /// - Throws: ``BanditError`` when the shard fields describe an impossible shard.
        func runMetadata() throws(BanditError) -> RunMetadata {
            RunMetadata(
                toolVersion: toolVersion, seed: seed, horizon: horizon, repetitions: repetitions, jobs: jobs,
                scenarioName: scenarioName, scenarioHash: scenarioHash, environment: environment, openBLASCore: openBLASCore,
                wallTimeSeconds: wallTimeSeconds.value, startedAt: startedAt, lowerBoundConstant: lowerBoundConstant?.value,
                lowerBoundName: lowerBoundName,
                shard: try shard.map { shard throws(BanditError) in
                    try RepetitionShard(index: shard.index, count: shard.count, totalRepetitions: shard.totalRepetitions)
                })
        }

        private enum CodingKeys: String, CodingKey {
            case toolVersion, seed, horizon, repetitions, jobs, scenarioName, scenarioHash, environment
            case openBLASCore, wallTimeSeconds, startedAt, lowerBoundConstant, lowerBoundName, shard
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(toolVersion, forKey: .toolVersion)
            try container.encode(seed, forKey: .seed)
            try container.encode(horizon, forKey: .horizon)
            try container.encode(repetitions, forKey: .repetitions)
            try container.encode(jobs, forKey: .jobs)
            try container.encode(scenarioName, forKey: .scenarioName)
            try container.encode(scenarioHash, forKey: .scenarioHash)
            try container.encode(environment, forKey: .environment)
            try container.encode(openBLASCore, forKey: .openBLASCore)
            try container.encode(wallTimeSeconds, forKey: .wallTimeSeconds)
            try container.encode(startedAt, forKey: .startedAt)
            // Always present, so readers can tell "no bound for this environment" from an old file.
            if let lowerBoundConstant {
                try container.encode(lowerBoundConstant, forKey: .lowerBoundConstant)
            } else {
                try container.encodeNil(forKey: .lowerBoundConstant)
            }
            try container.encodeIfPresent(lowerBoundName, forKey: .lowerBoundName)
            // Only shards carry the key, so a whole run's summary is unchanged by sharding's
            // existence and a merged result's summary matches a whole run's.
            try container.encodeIfPresent(shard, forKey: .shard)
        }
    }

    /// ``RepetitionShard`` plus the repetitions it covers, spelled out for readers.
    struct Shard: Codable {
        let index: Int
        let count: Int
        let totalRepetitions: Int
        let firstRepetition: Int
        let repetitionCount: Int

        init(_ shard: RepetitionShard) {
            index = shard.index
            count = shard.count
            totalRepetitions = shard.totalRepetitions
            firstRepetition = shard.repetitions.lowerBound
            repetitionCount = shard.repetitions.count
        }
    }

    struct Policy: Codable {
        let label: String
        let specification: String
        let metrics: [Metric]

        init(_ policy: PolicySeries) {
            label = policy.label
            specification = policy.specification
            metrics = policy.metrics.map(Metric.init)
        }
    }

    struct Metric: Codable {
        let name: String
        let label: String
        let final: Summary?
        let checkpoints: [Summary]

        init(_ series: MetricSeries) {
            name = series.metric.name
            label = series.metric.label
            // `MetricSeries.final` traps on an empty series; a hand-built result may have one.
            final = series.summaries.last.map(Summary.init)
            checkpoints = series.summaries.map(Summary.init)
        }

        private enum CodingKeys: String, CodingKey { case name, label, final, checkpoints }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(label, forKey: .label)
            if let final { try container.encode(final, forKey: .final) } else { try container.encodeNil(forKey: .final) }
            try container.encode(checkpoints, forKey: .checkpoints)
        }
    }

    struct Summary: Codable {
        let t: Int
        let mean: Number
        let standardError: Number
        let q05: Number
        let q25: Number
        let q50: Number
        let q75: Number
        let q95: Number

        init(_ summary: CheckpointSummary) {
            t = summary.t
            mean = Number(summary.mean)
            standardError = Number(summary.standardError)
            q05 = Number(summary.q05)
            q25 = Number(summary.q25)
            q50 = Number(summary.q50)
            q75 = Number(summary.q75)
            q95 = Number(summary.q95)
        }
    }
}
