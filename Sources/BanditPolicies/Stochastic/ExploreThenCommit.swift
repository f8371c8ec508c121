import BanditCore
import RealModule

/// Explore-then-commit (Lattimore & Szepesvári 2020, "Bandit Algorithms", ch. 6, Algorithm 1).
///
/// Pull every arm m times in round-robin order, then commit for good to the arm with the best
/// empirical mean after those mK rounds. Theorem 6.1 bounds the regret of 1-subgaussian rewards
/// by
///
///     R_n ≤ m Σᵢ Δᵢ + (n − mK) Σᵢ Δᵢ exp(−m Δᵢ² / 4),
///
/// and for two arms with gap Δ and horizon n = T, eq. (6.5) picks
///
///     m = max{1, ⌈4/Δ² · ln(TΔ²/4)⌉}
///
/// (``explorationLength(gap:horizon:)``), for which R_n ≤ Δ + (4/Δ)(1 + max{0, ln(TΔ²/4)}).
///
/// Choices where the book is silent or informal:
/// - The exploration phase pulls the arm with the fewest recorded rewards (lowest index on
///   ties), which is the book's round robin A_t = (t mod K) + 1 when every selection is
///   followed by its update, and still explores each arm m times when feedback arrives late.
/// - The commitment is made once, when every arm has m rewards, to the best empirical mean at
///   that moment (lowest index on ties); later rewards are recorded in ``statistics`` but never
///   change the committed arm.
public struct ExploreThenCommit: PropensityReportingPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics
    /// m ≥ 1, the pulls of each arm before committing.
    public let explorationLength: Int
    /// The arm committed to, `nil` while exploring.
    public private(set) var committedArm: Int?

    /// ETC with a given m.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `armCount ≥ 1` and
    ///   `m ≥ 1` with mK representable.
    public init(armCount: Int, explorationLength: Int) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard explorationLength >= 1, !explorationLength.multipliedReportingOverflow(by: armCount).overflow else {
            throw .invalidParameter(
                name: "explore-then-commit.m", value: "\(explorationLength)", reason: "must be ≥ 1 (and mK must fit in an Int)")
        }
        statistics = ArmStatistics(armCount: armCount)
        self.explorationLength = explorationLength
        committedArm = nil
    }

    /// ETC with m from eq. (6.5) of Lattimore & Szepesvári for gap Δ and horizon T.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` as
    ///   ``explorationLength(gap:horizon:)`` and ``init(armCount:explorationLength:)``.
    public init(armCount: Int, gap: Double, horizon: Int) throws(BanditError) {
        try self.init(armCount: armCount, explorationLength: Self.explorationLength(gap: gap, horizon: horizon))
    }

    /// m = max{1, ⌈4/Δ² · ln(TΔ²/4)⌉}, Lattimore & Szepesvári (2020), eq. (6.5).
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless Δ is finite and > 0,
    ///   T ≥ 1, and m is below 2⁵³.
    public static func explorationLength(gap: Double, horizon: Int) throws(BanditError) -> Int {
        guard gap.isFinite, gap > 0 else {
            throw .invalidParameter(name: "explore-then-commit.gap", value: "\(gap)", reason: "must be finite and > 0")
        }
        guard horizon >= 1 else {
            throw .invalidParameter(name: "explore-then-commit.horizon", value: "\(horizon)", reason: "must be ≥ 1")
        }
        let squaredGap = gap * gap
        let m = (4 / squaredGap * Double.log(Double(horizon) * squaredGap / 4)).rounded(.up)
        guard m < 0x1p53 else {
            throw .invalidParameter(
                name: "explore-then-commit.gap", value: "\(gap)", reason: "gives an exploration length m = \(m) beyond 2⁵³")
        }
        // ln(TΔ²/4) < 0 when TΔ² < 4 (m may then be −∞ for a tiny Δ): the max{1, ·} of eq. (6.5).
        return m >= 1 ? Int(m) : 1
    }

    /// Whether the exploration phase is over.
    public var isCommitted: Bool { committedArm != nil }

    public mutating func selectArm() -> Int {
        if let arm = committedArm { return arm }
        return statistics.withColumns { counts, _, _, _ in
            var best = 0
            for arm in 1..<max(counts.count, 1) where counts[arm] < counts[best] { best = arm }
            return best
        }
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        statistics.record(arm: arm, reward: reward)
        // explorationLength·armCount cannot overflow (checked in init).
        if committedArm == nil, statistics.totalCount >= explorationLength * armCount {
            let m = Double(explorationLength)
            let explored = statistics.withColumns { counts, _, _, _ in counts.allSatisfy { $0 >= m } }
            if explored { committedArm = statistics.greedyArm }
        }
    }

    /// ETC is deterministic: 1 for the arm it pulls next, 0 for the others.
    public func propensity(of arm: Int) -> Double {
        var copy = self
        return copy.selectArm() == arm ? 1 : 0
    }
}
