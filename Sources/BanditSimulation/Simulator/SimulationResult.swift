import BanditCore

/// Summary statistics of one metric at one checkpoint, across repetitions.
public struct CheckpointSummary: Sendable, Hashable, Codable {
    /// The round.
    public var t: Int
    /// The mean across repetitions.
    public var mean: Double
    /// The standard error of the mean, s/√n (0 for a single repetition).
    public var standardError: Double
    /// Quantiles 5 %, 25 %, 50 %, 75 %, 95 % (Hyndman & Fan type 7, R's default).
    public var q05: Double
    public var q25: Double
    public var q50: Double
    public var q75: Double
    public var q95: Double

    /// Summarises `values` (one per repetition, in repetition order — the order fixes the
    /// floating-point sums, which is why results do not depend on thread count).
    public init(t: Int, values: [Double]) {
        self.t = t
        let n = Double(values.count)
        var sum = 0.0
        for value in values { sum += value }
        let mean = sum / n
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        self.mean = mean
        standardError = values.count > 1 ? (squares / (n - 1)).squareRoot() / n.squareRoot() : 0
        let sorted = values.sorted()
        func quantile(_ p: Double) -> Double {
            let position = p * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, sorted.count - 1)
            let fraction = position - Double(lower)
            return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
        }
        q05 = quantile(0.05)
        q25 = quantile(0.25)
        q50 = quantile(0.5)
        q75 = quantile(0.75)
        q95 = quantile(0.95)
    }
}

/// One metric of one policy: per-checkpoint summaries and the raw per-repetition values.
public struct MetricSeries: Sendable, Hashable, Codable {
    /// The metric.
    public var metric: MetricDescriptor
    /// Summaries at each checkpoint.
    public var summaries: [CheckpointSummary]
    /// `values[r][c]`: repetition r at checkpoint c. Kept so shards of repetitions merge exactly.
    public var values: [[Double]]

    /// The summary at the last checkpoint (the horizon).
    public var final: CheckpointSummary { summaries[summaries.count - 1] }
}

/// Everything one policy produced.
public struct PolicySeries: Sendable, Hashable, Codable {
    /// The curve's label.
    public var label: String
    /// The specification it was built from.
    public var specification: String
    /// One series per metric, in the family's order.
    public var metrics: [MetricSeries]

    /// The series of a named metric.
    public func series(_ name: String) -> MetricSeries? { metrics.first { $0.metric.name == name } }
}

/// Facts about a run, written to `summary.json` so a result can be traced and repeated.
public struct RunMetadata: Sendable, Hashable, Codable {
    /// BanditKit's version.
    public var toolVersion: String
    /// The master seed.
    public var seed: UInt64
    /// Rounds per repetition.
    public var horizon: Int
    /// Repetitions per policy in this result (a shard's own count, not the whole study's).
    public var repetitions: Int
    /// Worker threads used (does not affect results).
    public var jobs: Int
    /// What was simulated, for people: scenario name or a description of the flags.
    public var scenarioName: String
    /// FNV-1a hash of the canonical scenario text, to tell runs of different settings apart.
    public var scenarioHash: String
    /// The environment, e.g. the arms' specifications.
    public var environment: [String]
    /// OpenBLAS's kernel for this CPU (`openblas_get_corename`).
    public var openBLASCore: String
    /// Wall-clock seconds of the simulation (excluded from byte-identical comparisons).
    public var wallTimeSeconds: Double
    /// When the run started, ISO 8601.
    public var startedAt: String
    /// Lai–Robbins-type asymptotic lower-bound constant c such that regret ≳ c·ln t, when the
    /// environment defines one.
    public var lowerBoundConstant: Double?
    /// What that bound is called on plots and in reports, e.g. "Lai–Robbins lower bound".
    public var lowerBoundName: String? = nil
    /// The part of the study this result holds, when it was run as a shard; `nil` for a whole
    /// run. Repetition r of this result is repetition `shard.repetitions.lowerBound + r` of the
    /// study.
    public var shard: RepetitionShard? = nil

    /// The index in the whole study of this result's first repetition.
    public var firstRepetition: Int { shard?.repetitions.lowerBound ?? 0 }
}

/// The one result type every family produces.
public struct SimulationResult: Sendable, Hashable, Codable {
    /// How the run was made.
    public var metadata: RunMetadata
    /// The rounds at which metrics were recorded (the last is the horizon).
    public var checkpoints: [Int]
    /// One entry per policy, in the order given.
    public var policies: [PolicySeries]

    /// The policy with a label.
    public func policy(_ label: String) -> PolicySeries? { policies.first { $0.label == label } }
}
