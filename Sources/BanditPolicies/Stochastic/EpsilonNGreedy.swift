import BanditCore

/// ε_n-greedy (Auer, Cesa-Bianchi & Fischer 2002, "Finite-time Analysis of the Multiarmed Bandit
/// Problem", Machine Learning 47, §3 and Figure 3): ε-greedy with a decreasing exploration
/// probability.
///
/// With parameters c > 0 and 0 < d < 1, round n = 1, 2, … uses
///
///     ε_n = min{1, cK / (d² n)}
///
/// and, with probability 1 − ε_n, pulls the arm with the highest empirical mean, otherwise an arm
/// drawn uniformly at random. Theorem 3 bounds the probability of pulling a suboptimal arm at
/// round n by O(c / (d² n)) when c > 5 and 0 < d ≤ min_j Δⱼ (the smallest gap); smaller c is
/// often better in practice but loses the guarantee.
///
/// Choices where the paper is silent:
/// - n is the number of the round about to be played, counted as the rewards recorded so far
///   plus one (so with delayed feedback n counts updates, not selections).
/// - The empirical mean of an arm never pulled is undefined; such an arm counts as the greedy one
///   (the first unpulled arm in index order), as if its mean were +∞. Since ε_n = 1 while
///   n ≤ cK/d², early rounds are uniform as in the paper for the usual parameters.
/// - Greedy ties go to the lowest arm index.
public struct EpsilonNGreedy: PropensityReportingPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics
    /// c > 0, the exploration constant of ε_n = min{1, cK/(d²n)}.
    public let explorationConstant: Double
    /// d ∈ (0, 1), a lower bound on the smallest gap.
    public let gapLowerBound: Double
    /// cK/d², so that ε_n = min{1, scale/n}.
    @usableFromInline let scale: Double
    /// The policy's own randomness (part of its state, so snapshots include it).
    public private(set) var generator: Xoshiro256PlusPlus

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `armCount ≥ 1`,
    ///   c > 0 is finite and 0 < d < 1.
    public init(armCount: Int, explorationConstant: Double = 0.15, gapLowerBound: Double = 0.1, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard explorationConstant.isFinite, explorationConstant > 0 else {
            throw .invalidParameter(name: "epsilon-n-greedy.c", value: "\(explorationConstant)", reason: "must be finite and > 0")
        }
        guard gapLowerBound > 0, gapLowerBound < 1 else {
            throw .invalidParameter(name: "epsilon-n-greedy.d", value: "\(gapLowerBound)", reason: "must lie in (0, 1)")
        }
        let scale = explorationConstant * Double(armCount) / (gapLowerBound * gapLowerBound)
        guard scale.isFinite else {
            throw .invalidParameter(name: "epsilon-n-greedy.c", value: "\(explorationConstant)", reason: "cK/d² overflows")
        }
        statistics = ArmStatistics(armCount: armCount)
        self.explorationConstant = explorationConstant
        self.gapLowerBound = gapLowerBound
        self.scale = scale
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    /// ε_n for the round about to be played, n = (rewards recorded) + 1.
    @inlinable
    public var currentEpsilon: Double {
        min(1, scale / Double(statistics.totalCount + 1))
    }

    /// The arm exploitation would pull: the first unpulled arm, else the best empirical mean.
    @inlinable
    var greedyArm: Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        return statistics.greedyArm
    }

    public mutating func selectArm() -> Int {
        // U ∈ [0, 1), so ε_n = 1 always explores.
        if generator.nextUniform() < currentEpsilon { return generator.nextIndex(below: armCount) }
        return greedyArm
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        statistics.record(arm: arm, reward: reward)
    }

    /// ε_n/K for every arm plus 1 − ε_n for the greedy one.
    public func propensity(of arm: Int) -> Double {
        guard arm >= 0 && arm < armCount else { return 0 }
        let epsilon = currentEpsilon
        let uniform = epsilon / Double(armCount)
        return arm == greedyArm ? uniform + (1 - epsilon) : uniform
    }
}
