import BanditCore

/// Online projected gradient ascent (Zinkevich 2003) on the box [0, 1/ρ]^m:
/// λ ← Π(λ + η·g), starting from 0, with η = D/(G√T) for the box's diameter D = √m/ρ and the
/// gain norm bound G = √m·(1 + ρ), i.e. η = 1/(ρ(1 + ρ)√T) — regret ≤ D·G·√T. The dual
/// regret minimiser R^D of the replenishable primal-dual template (Bernasconi, Castiglioni,
/// Celli & Fusco, ICLR 2024, Algorithm 1, dual set D = [0, 1/ρ]^m).
public struct ProjectedGradientDualPlayer: KnapsackDualPlayer, Hashable, Codable {
    /// η.
    public let stepSize: Double
    /// 1/ρ, the upper end of each multiplier's range.
    public let ceiling: Double
    public private(set) var multipliers: [Double]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `count ≥ 1`,
    ///   `horizon ≥ 1` and ρ ∈ (0, 1].
    public init(count: Int, rate: Double, horizon: Int) throws(BanditError) {
        guard count >= 1 else { throw .invalidParameter(name: "ogd.count", value: "\(count)", reason: "needs a multiplier") }
        guard horizon >= 1 else { throw .invalidParameter(name: "ogd.horizon", value: "\(horizon)", reason: "must be ≥ 1") }
        guard rate > 0 && rate <= 1 else { throw .invalidParameter(name: "ogd.rate", value: "\(rate)", reason: "must lie in (0, 1]") }
        stepSize = 1 / (rate * (1 + rate) * Double(horizon).squareRoot())
        ceiling = 1 / rate
        multipliers = [Double](repeating: 0, count: count)
    }

    public mutating func update(gains: [Double]) {
        precondition(gains.count == multipliers.count)
        for j in multipliers.indices {
            multipliers[j] = Swift.min(ceiling, Swift.max(0, multipliers[j] + stepSize * gains[j]))
        }
    }
}
