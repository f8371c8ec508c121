import BanditCore

/// Sequential Halving (Karnin, Koren & Somekh 2013, "Almost Optimal Exploration in Multi-Armed
/// Bandits", ICML, Algorithm 1): a fixed-budget best-arm identification policy.
///
/// With budget T over a set S₀ of m arms it plays R = ⌈log₂ m⌉ rounds. In round r every arm of
/// Sᵣ is sampled tᵣ = ⌊T / (|Sᵣ|·R)⌋ times; the ⌈|Sᵣ|/2⌉ arms with the highest average of *this
/// round's* samples form Sᵣ₊₁ (the paper's p̂ʳᵢ). The last survivor is recommended. The rounds
/// use at most Σᵣ T/R = T samples; the unused remainder of the floors is left unspent, as in
/// the paper. Karnin et al.'s Theorem 4.1 bounds the error probability by
/// 3 log₂ m · exp(−T / (8 H₂ log₂ m)) with H₂ = maxᵢ i/Δ²₍ᵢ₎; Zhao, Stephens, Szepesvári & Jun
/// (2023, ICML, Theorem 2) bound the probability of not returning an ε-good arm for every ε
/// and the simple regret by Õ(√(m/T)).
///
/// S₀ is all n arms or, with ``ArmSubsetSize``, a uniformly random subset ("SH on a random
/// subset", the data-poor baseline). Only the m considered arms have state, so memory is O(m).
/// Ties in a halving go to a uniformly random arm (the arms are held in random order and ties
/// keep the earlier one); when tᵣ = 0 the halving is therefore a uniformly random one.
public struct SequentialHalving: PureExplorationPolicy, Hashable, Codable {
    public let armCount: Int
    /// The budget T.
    public let budget: Int
    /// The considered arms S₀, in random order (a position in this array is an arm's slot).
    public let candidates: [Int]
    /// R = ⌈log₂ m⌉.
    public let roundCount: Int
    /// Per-slot statistics of the current round only.
    var statistics: ArmStatistics
    /// Slots of Sᵣ, in the order they are sampled.
    var survivors: [Int]
    /// tᵣ of the current round.
    public private(set) var samplesPerArm: Int
    /// The current round r (0-based).
    public private(set) var round = 0
    var cursor = 0
    var pass = 0
    var pendingSlot: Int?
    public private(set) var sampleCount = 0

    /// - Parameters:
    ///   - armCount: n ≥ 1.
    ///   - budget: T ≥ 1.
    ///   - subset: which arms to consider (default: all).
    ///   - seed: draws the subset and the random order that breaks ties.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming `armCount` or `budget`.
    public init(armCount: Int, budget: Int, subset: ArmSubsetSize = .all, seed: UInt64) throws(BanditError) {
        try self.init(armCount: armCount, budget: budget, candidates: subset.candidates(armCount: armCount, budget: budget, seed: seed))
    }

    /// Sequential Halving over given arms in a given order (ties go to the earlier arm) — what
    /// Bracketing Sequential Halving runs on each bracket.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for an empty, repeated or
    ///   out-of-range candidate, or a budget below 1.
    public init(armCount: Int, budget: Int, candidates: [Int]) throws(BanditError) {
        guard budget >= 1 else { throw .invalidParameter(name: "budget", value: "\(budget)", reason: "must be ≥ 1") }
        guard !candidates.isEmpty else { throw .invalidParameter(name: "candidates", value: "[]", reason: "needs at least one arm") }
        if let bad = candidates.first(where: { $0 < 0 || $0 >= armCount }) {
            throw .invalidParameter(name: "candidates", value: "\(bad)", reason: "arms are 0..<\(armCount)")
        }
        guard Set(candidates).count == candidates.count else {
            throw .invalidParameter(name: "candidates", value: "\(candidates.count) arms", reason: "an arm is listed twice")
        }
        self.armCount = armCount
        self.budget = budget
        self.candidates = candidates
        roundCount = ceilingLog2(candidates.count)
        statistics = ArmStatistics(armCount: candidates.count)
        survivors = Array(candidates.indices)
        samplesPerArm = 0
        startRound()
    }

    /// Karnin et al.'s schedule for m arms and budget T: (|Sᵣ|, tᵣ) for r = 0..<⌈log₂ m⌉.
    public static func schedule(armCount m: Int, budget: Int) -> [(survivors: Int, samplesPerArm: Int)] {
        let rounds = ceilingLog2(m)
        var size = m
        var result: [(Int, Int)] = []
        for _ in 0..<rounds {
            result.append((size, budget / (size * rounds)))
            size = (size + 1) / 2
        }
        return result
    }

    public var isStopped: Bool { survivors.count <= 1 }

    /// The arms still in the race (Sᵣ).
    public var survivingArms: [Int] { survivors.map { candidates[$0] } }

    public mutating func selectArm() -> Int {
        precondition(!isStopped, "SequentialHalving: the budget is spent")
        let slot = survivors[cursor]
        pendingSlot = slot
        return candidates[slot]
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward, expected: pendingSlot.map { candidates[$0] })
        statistics.record(arm: pendingSlot!, reward: reward)
        pendingSlot = nil
        sampleCount += 1
        cursor += 1
        if cursor == survivors.count {
            cursor = 0
            pass += 1
            if pass >= samplesPerArm { finishRound() }
        }
    }

    public func recommend() -> Int {
        if survivors.count == 1 { return candidates[survivors[0]] }
        var best = survivors[0]
        for slot in survivors where statistics.mean(of: slot) > statistics.mean(of: best) { best = slot }
        return candidates[best]
    }

    /// Sets tᵣ for the current survivors; a round with tᵣ = 0 halves at once.
    mutating func startRound() {
        while survivors.count > 1 {
            samplesPerArm = budget / (survivors.count * roundCount)
            if samplesPerArm > 0 { return }
            finishRound(startNext: false)
        }
    }

    /// Keeps the better half of Sᵣ by this round's means (ties to the earlier slot) and clears
    /// the round's statistics.
    mutating func finishRound(startNext: Bool = true) {
        let keep = (survivors.count + 1) / 2
        // The copy is scoped so that it is released before the reset below writes (no
        // copy-on-write of the whole table).
        do {
            let statistics = self.statistics
            survivors.sort { a, b in
                let meanA = statistics.mean(of: a), meanB = statistics.mean(of: b)
                return meanA > meanB || (meanA == meanB && a < b)
            }
        }
        survivors.removeLast(survivors.count - keep)
        survivors.sort()
        for slot in survivors { self.statistics.reset(arm: slot) }
        round += 1
        cursor = 0
        pass = 0
        if startNext { startRound() }
    }
}
