import BanditCore
import RealModule

/// UCB1 (Auer, Cesa-Bianchi & Fischer 2002, "Finite-time Analysis of the Multiarmed Bandit
/// Problem", Machine Learning 47, Figure 1).
///
/// Pull each arm once; then pull the arm maximising x̄ⱼ + √(2 ln n / nⱼ), where n is the total
/// number of rewards recorded and nⱼ the pulls of arm j. Theorem 1 bounds the expected regret of
/// rewards in [0, 1] by 8 Σ_{j: Δⱼ>0} ln n / Δⱼ + (1 + π²/3) Σ Δⱼ.
///
/// The exploration constant 2 is the paper's; `explorationScale` multiplies the bonus (α in
/// x̄ⱼ + α·√(2 ln n / nⱼ)) for users who want the common tuned variants. Ties go to the lowest
/// arm index, which keeps the policy deterministic.
public struct UCB1: PropensityReportingPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public internal(set) var statistics: ArmStatistics
    /// α, multiplying the confidence width; 1 is the paper's UCB1.
    public let explorationScale: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1` or
    ///   `explorationScale` is negative or not finite.
    public init(armCount: Int, explorationScale: Double = 1) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard explorationScale.isFinite, explorationScale >= 0 else {
            throw .invalidParameter(name: "ucb1.alpha", value: "\(explorationScale)", reason: "must be finite and ≥ 0")
        }
        statistics = ArmStatistics(armCount: armCount)
        self.explorationScale = explorationScale
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        let width = explorationScale * (2 * statistics.tables.logarithm(of: statistics.totalCount)).squareRoot()
        // 1/√nⱼ is kept by the statistics, so a decision costs one logarithm, one square root
        // and K multiply-adds.
        return statistics.withColumns { _, means, _, inverseRoots in
            do {
                // Two interleaved running maxima halve the compare-and-select dependency chain;
                // ties resolve to the lowest index, as in a left-to-right scan.
                var bestEven = 0, bestOdd = 1
                var bestEvenValue = -Double.infinity, bestOddValue = -Double.infinity
                var arm = 0
                let count = means.count
                while arm + 1 < count {
                    let even = means[arm] + width * inverseRoots[arm]
                    let odd = means[arm + 1] + width * inverseRoots[arm + 1]
                    if even > bestEvenValue { bestEvenValue = even; bestEven = arm }
                    if odd > bestOddValue { bestOddValue = odd; bestOdd = arm + 1 }
                    arm += 2
                }
                if arm < count {
                    let even = means[arm] + width * inverseRoots[arm]
                    if even > bestEvenValue { bestEvenValue = even; bestEven = arm }
                }
                if bestOddValue > bestEvenValue || (bestOddValue == bestEvenValue && bestOdd < bestEven) {
                    return bestOdd
                }
                return bestEven
            }
        }
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        statistics.record(arm: arm, reward: reward)
    }

    /// UCB1 is deterministic: probability 1 for the arm it would pick now, 0 for the others.
    public func propensity(of arm: Int) -> Double {
        var copy = self
        return copy.selectArm() == arm ? 1 : 0
    }

    /// Forgets `arm`'s rewards: it is pulled again before the index applies to it.
    public mutating func resetArm(_ arm: Int) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        statistics.reset(arm: arm)
    }
}
