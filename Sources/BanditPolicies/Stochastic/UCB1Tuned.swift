import BanditCore
import RealModule

/// UCB1-Tuned (Auer, Cesa-Bianchi & Fischer 2002, "Finite-time Analysis of the Multiarmed
/// Bandit Problem", Machine Learning 47, §4).
///
/// Pull each arm once; then pull the arm maximising
/// x̄ⱼ + √((ln n / nⱼ)·min(¼, Vⱼ(nⱼ))), with Vⱼ(s) = (1/s)·Σ X²ⱼ,τ − x̄ⱼ² + √(2 ln n / s),
/// where n is the number of rewards recorded and nⱼ the pulls of arm j. ¼ is the largest
/// variance of a reward in [0, 1]. The paper gives no regret bound for this variant (it reports
/// it as the best performer of its experiments); rewards are not range-checked. Ties go to the
/// lowest arm.
public struct UCB1Tuned: BanditPolicy, Hashable, Codable {
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
        let logN = CountReciprocals.shared.logarithm(of: statistics.totalCount)
        let reciprocals = CountReciprocals.shared
        return statistics.withColumns { counts, means, deviations, _ in
            var best = 0
            var bestValue = -Double.infinity
            for arm in 0..<means.count {
                let inverse = reciprocals.reciprocals(of: counts[arm]).inverse
                let variance = deviations[arm] * inverse + (2 * logN * inverse).squareRoot()
                let value = means[arm] + (logN * inverse * min(0.25, variance)).squareRoot()
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
