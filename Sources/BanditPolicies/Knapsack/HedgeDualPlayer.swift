import BanditCore
import RealModule

/// Hedge over the probability simplex of n multipliers (Freund & Schapire 1997): λⱼ ∝
/// exp(η·Σₜ ĝₜⱼ) with the gains mapped to [0, 1] by ĝ = (g + 1 + ρ)/2, and
/// η = √(8 ln n / T) — Cesa-Bianchi & Lugosi (2006), Theorem 2.2, regret ≤ √(T ln n / 2) on
/// [0, 1] gains. The dual player ALG₂ of LagrangeBwK (Immorlica et al. 2019).
public struct HedgeDualPlayer: KnapsackDualPlayer, Hashable, Codable {
    /// η.
    public let learningRate: Double
    /// ρ, the per-round budget the gains are centred on.
    public let rate: Double
    /// ln wⱼ, kept as logarithms so no weight overflows however long the run.
    public private(set) var logWeights: [Double]
    public private(set) var multipliers: [Double]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `count ≥ 1`,
    ///   `horizon ≥ 1` and ρ ∈ (0, 1].
    public init(count: Int, rate: Double, horizon: Int) throws(BanditError) {
        guard count >= 1 else { throw .invalidParameter(name: "hedge.count", value: "\(count)", reason: "needs a multiplier") }
        guard horizon >= 1 else { throw .invalidParameter(name: "hedge.horizon", value: "\(horizon)", reason: "must be ≥ 1") }
        guard rate > 0 && rate <= 1 else { throw .invalidParameter(name: "hedge.rate", value: "\(rate)", reason: "must lie in (0, 1]") }
        learningRate = (8 * Double.log(Double(count)) / Double(horizon)).squareRoot()
        self.rate = rate
        logWeights = [Double](repeating: 0, count: count)
        multipliers = [Double](repeating: 1 / Double(count), count: count)
    }

    public mutating func update(gains: [Double]) {
        precondition(gains.count == logWeights.count)
        var largest = -Double.infinity
        for j in logWeights.indices {
            logWeights[j] += learningRate * 0.5 * (gains[j] + 1 + rate)
            largest = Swift.max(largest, logWeights[j])
        }
        var total = 0.0
        for j in logWeights.indices {
            logWeights[j] -= largest
            multipliers[j] = Double.exp(logWeights[j])
            total += multipliers[j]
        }
        for j in multipliers.indices { multipliers[j] /= total }
    }
}
