import BanditCore
import RealModule

/// MOSS-anytime (Degenne & Perchet 2016, "Anytime optimal algorithms in stochastic
/// multi-armed bandits", ICML, §2, Algorithm 1).
///
/// ``MOSS`` without the horizon: pull each arm once, then the arm maximising
/// x̄ⱼ + √(((1 + α)/2)·max(ln(t/(K·nⱼ)), 0) / nⱼ),
/// where t is the number of rewards recorded so far. Choice: the default α = 1.35 is the value
/// reported as the best in practice for this index (the anytime O(√(KT)) bound is stated for
/// α > 1; smaller α ≥ 0 are accepted for experiments). Ties go to the lowest arm; rewards are
/// not range-checked.
public struct MOSSAnytime: BanditPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics
    /// α ≥ 0: the width is scaled by (1 + α)/2.
    public let alpha: Double
    /// ln K, computed once.
    let logArmCount: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1` or α is
    ///   negative or not finite.
    public init(armCount: Int, alpha: Double = 1.35) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard alpha.isFinite, alpha >= 0 else {
            throw .invalidParameter(name: "moss-anytime.alpha", value: "\(alpha)", reason: "must be finite and ≥ 0")
        }
        statistics = ArmStatistics(armCount: armCount)
        self.alpha = alpha
        logArmCount = Double.log(Double(armCount))
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        let logScale = CountReciprocals.shared.logarithm(of: statistics.totalCount) - logArmCount
        return MOSS.argmax(statistics, logScale: logScale, widthFactor: 0.5 * (1 + alpha))
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        statistics.record(arm: arm, reward: reward)
    }
}
