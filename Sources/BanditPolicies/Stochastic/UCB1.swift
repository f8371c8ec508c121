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
    // The snapshot keys predate the stored property's name.
    enum CodingKeys: String, CodingKey {
        case storedStatistics = "statistics"
        case explorationScale
    }

    @inlinable public var armCount: Int { storedStatistics.armCount }
    /// The per-arm estimates.
    @inlinable public var statistics: ArmStatistics { storedStatistics }
    // Stored under a name of its own so the hot methods can be `@inlinable` (inlined into the
    // simulator's specialised loop) while the public property stays read-only.
    @usableFromInline var storedStatistics: ArmStatistics
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
        storedStatistics = ArmStatistics(armCount: armCount)
        self.explorationScale = explorationScale
    }

    @inlinable @inline(__always)
    public mutating func selectArm() -> Int {
        if storedStatistics.hasUnpulledArm, let arm = storedStatistics.firstUnpulledArm { return arm }
        let width = explorationScale * (2 * storedStatistics.tables.logarithm(of: storedStatistics.totalCount)).squareRoot()
        // 1/√nⱼ is kept by the statistics, so a decision costs one logarithm, one square root
        // and K multiply-adds.
        return storedStatistics.withColumns { _, means, _, inverseRoots in
            IndexArgMax.firstMaximum(means: means, widths: inverseRoots, scale: width)
        }
    }

    @inlinable @inline(__always)
    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        storedStatistics.record(arm: arm, reward: reward)
    }

    /// UCB1 is deterministic: probability 1 for the arm it would pick now, 0 for the others.
    public func propensity(of arm: Int) -> Double {
        var copy = self
        return copy.selectArm() == arm ? 1 : 0
    }

    /// Forgets `arm`'s rewards: it is pulled again before the index applies to it.
    public mutating func resetArm(_ arm: Int) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        storedStatistics.reset(arm: arm)
    }
}
