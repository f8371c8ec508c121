import BanditCore

/// Successive Rejects (Audibert, Bubeck & Munos 2010, "Best Arm Identification in Multi-Armed
/// Bandits", COLT, §2 and Figure 2): a fixed-budget, parameter-free best-arm identification
/// policy.
///
/// With budget T over K arms, let log̅(K) = ½ + Σᵢ₌₂ᴷ 1/i and
/// nₖ = ⌈(1/log̅(K)) · (T − K)/(K + 1 − k)⌉ for k = 1, …, K − 1 (n₀ = 0). Phase k samples each
/// of the K + 1 − k remaining arms nₖ − nₖ₋₁ more times, then rejects the arm with the lowest
/// empirical mean (over *all* its samples). The last arm is recommended. The phases use
/// n₁ + … + nₖ₋₁ + nₖ₋₁ ≤ T samples. Their Theorem 2 bounds the error probability by
/// K(K − 1)/2 · exp(−(T − K)/(log̅(K) H₂)), H₂ = maxᵢ i/Δ²₍ᵢ₎. A budget below K gives nₖ = 0
/// (the rejections are then uniformly random).
///
/// As for ``SequentialHalving``, the arms can be a random subset and are held in random order,
/// so ties are broken uniformly at random (the later of the tied arms is rejected).
public struct SuccessiveRejects: PureExplorationPolicy, Hashable, Codable {
    public let armCount: Int
    /// The budget T.
    public let budget: Int
    /// The considered arms, in random order.
    public let candidates: [Int]
    /// nₖ for k = 0…K − 1 (n₀ = 0).
    public let phaseLengths: [Int]
    var statistics: ArmStatistics
    var remaining: [Int]
    /// The current phase k (1-based; K when finished).
    public private(set) var phase = 1
    var cursor = 0
    var pass = 0
    var pendingSlot: Int?
    public private(set) var sampleCount = 0

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming `armCount`,
    ///   `budget` or `subset`.
    public init(armCount: Int, budget: Int, subset: ArmSubsetSize = .all, seed: UInt64) throws(BanditError) {
        candidates = try subset.candidates(armCount: armCount, budget: budget, seed: seed)
        let count = candidates.count
        self.armCount = armCount
        self.budget = budget
        phaseLengths = Self.phaseLengths(armCount: count, budget: budget)
        statistics = ArmStatistics(armCount: count)
        remaining = Array(0..<count)
        skipEmptyPhases()
    }

    /// log̅(K) = ½ + Σᵢ₌₂ᴷ 1/i.
    public static func logBar(_ k: Int) -> Double {
        var sum = 0.5
        if k >= 2 { for i in 2...k { sum += 1 / Double(i) } }
        return sum
    }

    /// n₀ = 0 and nₖ = ⌈(1/log̅(K)) (T − K)/(K + 1 − k)⌉ for k = 1…K − 1, floored at 0.
    public static func phaseLengths(armCount k: Int, budget: Int) -> [Int] {
        var lengths = [0]
        guard k >= 2 else { return lengths }
        let scale = 1 / logBar(k)
        for phase in 1..<k {
            let value = (scale * Double(budget - k) / Double(k + 1 - phase)).rounded(.up)
            lengths.append(Swift.max(0, Int(value)))
        }
        return lengths
    }

    public var isStopped: Bool { remaining.count <= 1 }

    public mutating func selectArm() -> Int {
        precondition(!isStopped, "SuccessiveRejects: the budget is spent")
        let slot = remaining[cursor]
        pendingSlot = slot
        return candidates[slot]
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward, expected: pendingSlot.map { candidates[$0] })
        statistics.record(arm: pendingSlot!, reward: reward)
        pendingSlot = nil
        sampleCount += 1
        cursor += 1
        if cursor == remaining.count {
            cursor = 0
            pass += 1
            if pass >= phaseLengths[phase] - phaseLengths[phase - 1] {
                rejectWorst()
                skipEmptyPhases()
            }
        }
    }

    public func recommend() -> Int {
        var best = remaining[0]
        for slot in remaining where statistics.mean(of: slot) > statistics.mean(of: best) { best = slot }
        return candidates[best]
    }

    /// Ends phase k: drops the remaining arm with the lowest mean (the later one on ties).
    mutating func rejectWorst() {
        var worst = 0
        for index in remaining.indices where statistics.mean(of: remaining[index]) <= statistics.mean(of: remaining[worst]) {
            worst = index
        }
        remaining.remove(at: worst)
        phase += 1
        cursor = 0
        pass = 0
    }

    /// Phases that add no samples (nₖ = nₖ₋₁) reject at once.
    mutating func skipEmptyPhases() {
        while remaining.count > 1 && phaseLengths[phase] - phaseLengths[phase - 1] <= 0 { rejectWorst() }
    }
}
