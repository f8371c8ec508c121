extension SimulationResult {
    /// The result of the whole study that `shards` are parts of — bit-identical, in every
    /// value and summary, to running the study at once.
    ///
    /// Each shard's repetitions used the random streams of their indices in the whole study
    /// (``RepetitionShard``), and summaries are recomputed from the concatenated raw values in
    /// repetition order, the same order a whole run sums in. The shards may come in any order,
    /// and need not share a shard count (a failed shard can be re-run as finer shards) as long
    /// as together they cover every repetition once.
    /// Only the run-time facts differ from a whole run: `wallTimeSeconds` is the shards' total,
    /// `startedAt` the earliest start, `jobs` the most threads any shard used, and
    /// `openBLASCore` lists every kernel the shards ran on (the contextual families' results can
    /// depend on the kernel; the other families' cannot).
    ///
    /// - Throws: ``ReportError/shardsDoNotMerge(reason:)`` when the results are not parts of one
    ///   study — a different seed, scenario, horizon, checkpoints, tool version, policies or
    ///   metrics — or when they do not cover its repetitions exactly once (a shard missing or
    ///   given twice).
    public static func merging(_ shards: [SimulationResult]) throws(ReportError) -> SimulationResult {
        guard let first = shards.first else { throw .shardsDoNotMerge(reason: "no results given") }
        let total = first.metadata.shard?.totalRepetitions ?? first.metadata.repetitions
        for (position, shard) in shards.enumerated().dropFirst() {
            if let difference = Self.studyDifference(first, shard) {
                throw .shardsDoNotMerge(reason: "result \(position + 1) differs from result 1 in \(difference)")
            }
            let shardTotal = shard.metadata.shard?.totalRepetitions ?? shard.metadata.repetitions
            guard shardTotal == total else {
                throw .shardsDoNotMerge(reason: "result \(position + 1) is part of a study of \(shardTotal) repetitions, result 1 of \(total)")
            }
        }
        let ordered = shards.sorted { $0.metadata.firstRepetition < $1.metadata.firstRepetition }
        var covered = 0
        for shard in ordered {
            let range = shard.metadata.firstRepetition..<(shard.metadata.firstRepetition + shard.metadata.repetitions)
            let name = shard.metadata.shard.map { "shard \($0)" } ?? "the whole run"
            if range.lowerBound > covered {
                throw .shardsDoNotMerge(reason: "repetitions \(covered)..<\(range.lowerBound) of \(total) are in no result (a shard is missing)")
            }
            if range.lowerBound < covered {
                throw .shardsDoNotMerge(reason: "\(name) repeats repetitions \(range.lowerBound)..<\(min(covered, range.upperBound)) (a shard is given twice)")
            }
            covered = range.upperBound
        }
        guard covered == total else {
            throw .shardsDoNotMerge(reason: "repetitions \(covered)..<\(total) of \(total) are in no result (a shard is missing)")
        }

        let policies = first.policies.enumerated().map { policyIndex, policy in
            PolicySeries(
                label: policy.label, specification: policy.specification,
                metrics: policy.metrics.enumerated().map { metricIndex, series in
                    Simulator.summarise(
                        metric: series.metric, checkpoints: first.checkpoints,
                        values: ordered.flatMap { $0.policies[policyIndex].metrics[metricIndex].values })
                })
        }
        var metadata = first.metadata
        metadata.repetitions = total
        metadata.shard = nil
        metadata.wallTimeSeconds = ordered.reduce(0) { $0 + $1.metadata.wallTimeSeconds }
        metadata.startedAt = ordered.map(\.metadata.startedAt).min() ?? metadata.startedAt
        metadata.jobs = ordered.map(\.metadata.jobs).max() ?? metadata.jobs
        var cores: [String] = []
        for shard in ordered where !cores.contains(shard.metadata.openBLASCore) { cores.append(shard.metadata.openBLASCore) }
        metadata.openBLASCore = cores.joined(separator: ", ")
        return SimulationResult(metadata: metadata, checkpoints: first.checkpoints, policies: policies)
    }

    /// The first study-defining fact in which `a` and `b` differ, or `nil` for parts of one study.
    private static func studyDifference(_ a: SimulationResult, _ b: SimulationResult) -> String? {
        let x = a.metadata, y = b.metadata
        if x.seed != y.seed { return "seed (\(y.seed) vs \(x.seed))" }
        if x.scenarioHash != y.scenarioHash { return "scenario (hash \(y.scenarioHash) vs \(x.scenarioHash))" }
        if x.toolVersion != y.toolVersion { return "BanditKit version (\(y.toolVersion) vs \(x.toolVersion))" }
        if x.horizon != y.horizon { return "horizon (\(y.horizon) vs \(x.horizon))" }
        if x.environment != y.environment { return "environment" }
        if a.checkpoints != b.checkpoints { return "checkpoints" }
        guard a.policies.count == b.policies.count else { return "policies" }
        for (p, q) in zip(a.policies, b.policies) {
            if p.label != q.label || p.specification != q.specification { return "policies ('\(q.label)' vs '\(p.label)')" }
            if p.metrics.map(\.metric) != q.metrics.map(\.metric) { return "the metrics of '\(p.label)'" }
        }
        return nil
    }
}
