import BanditCore
import RealModule

/// The `growth` expectation: a check on the exponent k of a metric that grows like t^k, such as
/// the T^{1/(1+ε)} regret order of heavy-tailed bandits (Bubeck, Cesa-Bianchi & Lugosi 2013) or
/// √T against log T.
///
/// YAML: `{type: growth, policy: P, from: t₀, t: t₁, min: k_min, max: k_max, metric: M?}`.
/// The slope is k̂ = ln(R̄(t₁)/R̄(t₀)) / ln(t₁/t₀) on the means across repetitions. Its standard
/// error by the delta method is √((s₁/R̄₁)² + (s₀/R̄₀)²) / ln(t₁/t₀), with sᵢ the standard errors
/// of the means; treating the two means as independent overstates it, because regret at t₁
/// includes regret at t₀ (positively correlated), so the check errs towards passing a true
/// exponent — like `range`, it fails only when k̂ is more than three such errors outside
/// [k_min, k_max]. Both means must be positive (a slope of a non-positive metric is undefined:
/// the check fails, saying so).
public enum ExpectationGrowth {
    /// The verdict for `expectation` (a ``Expectation/growth(policy:metric:from:t:minimum:maximum:)``).
    static func verdict(
        _ expectation: Expectation, start: CheckpointSummary, end: CheckpointSummary, from: Int, t: Int,
        minimum: Double, maximum: Double
    ) -> ExpectationVerdict {
        guard start.mean > 0, end.mean > 0 else {
            return ExpectationVerdict(
                expectation: expectation, passed: false,
                measured: "non-positive mean (\(Expectation.format(start.mean)) at t=\(from), \(Expectation.format(end.mean)) at t=\(t))")
        }
        let span = Double.log(Double(t) / Double(from))
        let slope = Double.log(end.mean / start.mean) / span
        let relative0 = start.standardError / start.mean
        let relative1 = end.standardError / end.mean
        let error = (relative0 * relative0 + relative1 * relative1).squareRoot() / span
        let slack = 3 * error
        return ExpectationVerdict(
            expectation: expectation, passed: slope >= minimum - slack && slope <= maximum + slack,
            measured: "slope \(Expectation.format(slope)) ± \(Expectation.format(1.96 * error))")
    }
}

extension Expectation {
    /// Every round the expectation reads (checkpoints the simulator must record).
    public var rounds: [Int] {
        switch self {
        case .range, .beats: return [t]
        case let .growth(_, _, from, t, _, _): return [from, t]
        }
    }

    /// Parses a `growth` entry (see ``ExpectationGrowth``).
    static func parseGrowth(_ entry: ScenarioFields, t: Int, path: String) throws(BanditError) -> Expectation {
        try entry.allowOnly(["type", "policy", "metric", "from", "t", "min", "max"])
        let from = try entry.integer("from", minimum: 1)
        guard from < t else { throw .invalidScenario(field: path + ".from", reason: "from=\(from) must be before t=\(t)") }
        let minimum = try entry.number("min")
        let maximum = try entry.number("max")
        guard minimum <= maximum else { throw .invalidScenario(field: path + ".min", reason: "min > max") }
        return .growth(
            policy: try entry.string("policy"), metric: try entry.optionalString("metric"), from: from, t: t,
            minimum: minimum, maximum: maximum)
    }
}
