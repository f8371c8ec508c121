import BanditCore

/// Uniform allocation: the budget T is spread round-robin over the arms and the arm with the
/// highest empirical mean is recommended — the non-adaptive baseline of fixed-budget best-arm
/// identification (Bubeck, Munos & Stoltz 2009, "Pure Exploration in Multi-armed Bandits
/// Problems", ALT, the uniform allocation strategy; Audibert, Bubeck & Munos 2010, §1).
///
/// Each considered arm gets ⌊T/m⌋ or ⌈T/m⌉ samples. When T < n only T arms, chosen uniformly at
/// random, are sampled — once each — and only they have state, so memory is O(min(n, T)).
/// The arms are held in random order and ties go to the earlier one, i.e. uniformly at random.
public struct UniformAllocation: PureExplorationPolicy, Hashable, Codable {
    public let armCount: Int
    /// The budget T.
    public let budget: Int
    /// The sampled arms, in random order.
    public let candidates: [Int]
    var statistics: ArmStatistics
    var cursor = 0
    var pendingSlot: Int?
    public private(set) var sampleCount = 0

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming `armCount` or `budget`.
    public init(armCount: Int, budget: Int, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else { throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "must be ≥ 1") }
        guard budget >= 1 else { throw .invalidParameter(name: "budget", value: "\(budget)", reason: "must be ≥ 1") }
        var generator = Xoshiro256PlusPlus(seed: seed)
        self.armCount = armCount
        self.budget = budget
        candidates = randomArmOrder(armCount: armCount, count: Swift.min(armCount, budget), using: &generator)
        statistics = ArmStatistics(armCount: candidates.count)
    }

    public var isStopped: Bool { sampleCount >= budget }

    public mutating func selectArm() -> Int {
        precondition(!isStopped, "UniformAllocation: the budget is spent")
        pendingSlot = cursor
        return candidates[cursor]
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward, expected: pendingSlot.map { candidates[$0] })
        statistics.record(arm: pendingSlot!, reward: reward)
        pendingSlot = nil
        sampleCount += 1
        cursor += 1
        if cursor == candidates.count { cursor = 0 }
    }

    /// The sampled arm with the highest mean (the earlier one on ties); arms not yet sampled
    /// compete only when none has been.
    public func recommend() -> Int {
        let sampled = Swift.min(sampleCount, candidates.count)
        guard sampled > 0 else { return candidates[0] }
        var best = 0
        for slot in 1..<sampled where statistics.mean(of: slot) > statistics.mean(of: best) { best = slot }
        return candidates[best]
    }
}
