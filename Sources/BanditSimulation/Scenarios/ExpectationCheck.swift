import BanditCore

/// The outcome of checking one ``Expectation`` against a result.
public struct ExpectationVerdict: Sendable, Hashable {
    /// The expectation checked.
    public var expectation: Expectation
    /// Whether it holds.
    public var passed: Bool
    /// What was measured, for the report, e.g. `mean 41.2 ± 1.3`.
    public var measured: String
}

extension Expectation {
    /// Checks the expectation against a result.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` if it names a policy, metric or
    ///   round the result lacks.
    public func check(against result: SimulationResult) throws(BanditError) -> ExpectationVerdict {
        func summary(_ policy: String, _ metric: String?, at round: Int? = nil) throws(BanditError) -> CheckpointSummary {
            let t = round ?? self.t
            guard let series = result.policy(policy) else {
                throw .invalidScenario(field: "expectations", reason: "no policy '\(policy)' in the result")
            }
            let metricSeries: MetricSeries?
            if let metric { metricSeries = series.series(metric) } else { metricSeries = series.metrics.first }
            guard let metricSeries else {
                throw .invalidScenario(field: "expectations", reason: "policy '\(policy)' has no metric '\(metric ?? "")'")
            }
            guard let found = metricSeries.summaries.first(where: { $0.t == t }) else {
                throw .invalidScenario(field: "expectations", reason: "no checkpoint at t=\(t)")
            }
            return found
        }
        switch self {
        case let .range(policy, metric, _, minimum, maximum):
            let value = try summary(policy, metric)
            // Theory bounds the expected value; the mean estimates it with standard error s.
            // Fail only when the mean lies significantly outside (more than 3 s, a two-sided
            // false-alarm rate of about 0.3 %), so a true value at a bound does not fail by chance.
            let slack = 3 * value.standardError
            return ExpectationVerdict(
                expectation: self, passed: value.mean >= minimum - slack && value.mean <= maximum + slack,
                measured: "mean \(Self.format(value.mean)) ± \(Self.format(1.96 * value.standardError))")
        case let .beats(policy, other, metric, _, z):
            let mine = try summary(policy, metric)
            let theirs = try summary(other, metric)
            let spread = (mine.standardError * mine.standardError + theirs.standardError * theirs.standardError).squareRoot()
            let difference = theirs.mean - mine.mean
            let score = spread > 0 ? difference / spread : (difference > 0 ? Double.infinity : 0)
            return ExpectationVerdict(
                expectation: self, passed: score >= z,
                measured: "\(Self.format(mine.mean)) vs \(Self.format(theirs.mean)), z = \(Self.format(score))")
        case let .growth(policy, metric, from, t, minimum, maximum):
            return ExpectationGrowth.verdict(
                self, start: try summary(policy, metric, at: from), end: try summary(policy, metric, at: t), from: from, t: t,
                minimum: minimum, maximum: maximum)
        }
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude >= 1000 || magnitude == 0 { return String(Int64(value.rounded())) }
        let digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 4
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return "\(rounded)"
    }
}
