import BanditCore
import RealModule

/// The UCB variant Chapelle & Li (2011, "An Empirical Evaluation of Thompson Sampling", NIPS,
/// §3, Figure 1) compare Thompson sampling against: a Bernstein-type index for rewards in [0, 1],
///
///     x̄ⱼ + √(2 x̄ⱼ ln(1/δ) / mⱼ) + 2 ln(1/δ) / mⱼ,   δ = √(1/t),
///
/// where mⱼ is the number of pulls of arm j and t the round; so ln(1/δ) = ½ ln t. The variance
/// proxy x̄ⱼ (the Bernoulli variance bound x̄(1 − x̄) ≤ x̄) makes it much tighter than UCB1 on
/// low-reward arms. Arms are pulled once first; ties go to the lowest index.
public struct ChapelleLiUCB: BanditPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1`.
    public init(armCount: Int) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        statistics = ArmStatistics(armCount: armCount)
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        // ln(1/δ) with δ = √(1/t), t the round about to be played.
        let logInverseDelta = 0.5 * CountReciprocals.shared.logarithm(of: statistics.totalCount + 1)
        return statistics.withColumns { _, means, _, inverseRoots in
            var best = 0
            var bestIndex = -Double.infinity
            for arm in 0..<means.count {
                let inverseCount = inverseRoots[arm] * inverseRoots[arm]
                let mean = means[arm]
                let index = mean + (2 * max(mean, 0) * logInverseDelta * inverseCount).squareRoot()
                    + 2 * logInverseDelta * inverseCount
                if index > bestIndex {
                    bestIndex = index
                    best = arm
                }
            }
            return best
        }
    }

    /// - Throws: also for a reward outside [0, 1], the range the index assumes.
    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        guard reward >= 0 && reward <= 1 else {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "Chapelle & Li's UCB needs rewards in [0, 1]")
        }
        statistics.record(arm: arm, reward: reward)
    }

    /// Forgets `arm`'s rewards: it is pulled again before the index applies to it.
    public mutating func resetArm(_ arm: Int) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        statistics.reset(arm: arm)
    }
}
