import BanditCore
import RealModule

/// UCB-V (Audibert, Munos & Szepesvári 2009, "Exploration–exploitation tradeoff using variance
/// estimates in multi-armed bandits", Theoretical Computer Science 410(19), §2: the index
/// B_{k,s,t} with the exploration function ℰₜ = ζ ln t of Theorem 1).
///
/// Pull each arm once; then pull the arm maximising the bound
/// Bⱼ = x̄ⱼ + √(2 Vⱼ ℰₜ / sⱼ) + c·3b ℰₜ / sⱼ, with ℰₜ = ζ·ln t,
/// where Vⱼ = (1/sⱼ) Σ (X − x̄ⱼ)² is the empirical variance (divided by sⱼ, as in the paper),
/// sⱼ the pulls of arm j, t the number of rewards recorded and b the range of the rewards
/// (assumed in [0, b]). Theorem 1 proves logarithmic regret for c = 1 and ζ > 1. Choices: the
/// default ζ = 1.2 (just above that threshold) with c = 1 and b = 1; values ζ ∈ (0, 1] are
/// accepted for experiments; rewards are not range-checked; ties go to the lowest arm.
public struct UCBV: BanditPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics
    /// ζ, the factor of ln t in the exploration function ℰₜ = ζ ln t.
    public let explorationFactor: Double
    /// c, the weight of the range term (1 in Theorem 1).
    public let rangeTermScale: Double
    /// b, the width of the reward range [0, b].
    public let rewardRange: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1`, ζ or b
    ///   is not finite and > 0, or c is not finite and ≥ 0.
    public init(armCount: Int, explorationFactor: Double = 1.2, rangeTermScale: Double = 1, rewardRange: Double = 1) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard explorationFactor.isFinite, explorationFactor > 0 else {
            throw .invalidParameter(name: "ucb-v.zeta", value: "\(explorationFactor)", reason: "must be finite and > 0")
        }
        guard rangeTermScale.isFinite, rangeTermScale >= 0 else {
            throw .invalidParameter(name: "ucb-v.c", value: "\(rangeTermScale)", reason: "must be finite and ≥ 0")
        }
        guard rewardRange.isFinite, rewardRange > 0 else {
            throw .invalidParameter(name: "ucb-v.b", value: "\(rewardRange)", reason: "must be finite and > 0")
        }
        statistics = ArmStatistics(armCount: armCount)
        self.explorationFactor = explorationFactor
        self.rangeTermScale = rangeTermScale
        self.rewardRange = rewardRange
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        let exploration = explorationFactor * CountReciprocals.shared.logarithm(of: statistics.totalCount)
        let rangeTerm = rangeTermScale * 3 * rewardRange * exploration
        let reciprocals = CountReciprocals.shared
        return statistics.withColumns { counts, means, deviations, _ in
            var best = 0
            var bestValue = -Double.infinity
            for arm in 0..<means.count {
                let inverse = reciprocals.reciprocals(of: counts[arm]).inverse
                let variance = deviations[arm] * inverse
                let value = means[arm] + (2 * variance * exploration * inverse).squareRoot() + rangeTerm * inverse
                if value > bestValue {
                    bestValue = value
                    best = arm
                }
            }
            return best
        }
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        statistics.record(arm: arm, reward: reward)
    }
}
