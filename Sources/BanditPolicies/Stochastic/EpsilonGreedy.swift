import BanditCore

/// ε-greedy (Sutton & Barto 2018, §2.2; analysed by Auer, Cesa-Bianchi & Fischer 2002): with
/// probability ε pull an arm chosen uniformly at random, otherwise the arm with the best
/// empirical mean.
///
/// Arms never pulled are tried first, in index order: with an all-zero initial estimate the greedy
/// step would otherwise depend on an arbitrary tie-break. Greedy ties go to the lowest index.
public struct EpsilonGreedy: PropensityReportingPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public internal(set) var statistics: ArmStatistics
    /// ε ∈ [0, 1], the exploration probability.
    public let epsilon: Double
    /// The policy's own randomness (part of its state, so snapshots include it).
    public private(set) var generator: Xoshiro256PlusPlus

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless 0 ≤ ε ≤ 1 and
    ///   `armCount ≥ 1`.
    public init(armCount: Int, epsilon: Double = 0.1, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard epsilon.isFinite, (0...1).contains(epsilon) else {
            throw .invalidParameter(name: "epsilon-greedy.epsilon", value: "\(epsilon)", reason: "must lie in [0, 1]")
        }
        statistics = ArmStatistics(armCount: armCount)
        self.epsilon = epsilon
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        if generator.nextUniform() < epsilon { return generator.nextIndex(below: armCount) }
        return statistics.greedyArm
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        statistics.record(arm: arm, reward: reward)
    }

    /// ε/K for every arm plus 1 − ε for the greedy one (1 for the next unpulled arm while some
    /// remain).
    public func propensity(of arm: Int) -> Double {
        if statistics.hasUnpulledArm, let first = statistics.firstUnpulledArm { return arm == first ? 1 : 0 }
        let uniform = epsilon / Double(armCount)
        return arm == statistics.greedyArm ? uniform + (1 - epsilon) : uniform
    }

    /// Forgets `arm`'s rewards: it is tried again before the greedy step considers it.
    public mutating func resetArm(_ arm: Int) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        statistics.reset(arm: arm)
    }
}
