import BanditCore

/// Bracketing Sequential Halving (Zhao, Stephens, Szepesvári & Jun 2023, "Revisiting Simple
/// Regret: Fast Rates for Returning a Good Arm", ICML, §5; bracketing after Katz-Samuels &
/// Jamieson 2020, AISTATS): fixed-budget pure exploration for the data-poor regime T ≤ n, where
/// not every arm can be sampled even once.
///
/// Which subset size suits Sequential Halving depends on how rare good arms are — unknown in
/// advance. Bracketing hedges over it: bracket k = 1, …, L is a uniformly random set of
/// mₖ = min(n, 2ᵏ) arms, the brackets nested (each a prefix of one random order), and each runs
/// ``SequentialHalving`` with an equal share of the budget. L is the largest count for which
/// the largest bracket still gets every arm sampled in its first round
/// (m_L ⌈log₂ m_L⌉ ≤ share) and m_L ≤ n, so memory is O(m_L) = O(T) whatever n is.
///
/// The recommendation: with one bracket, its Sequential Halving winner; with L ≥ 2, a final
/// Sequential Halving among the distinct bracket winners, on fresh samples (so the winners'
/// selection bias does not favour the largest bracket), with one more equal share — the
/// budget is cut into L + 1 shares of ⌊T/(L + 1)⌋. (Implementation note: the stored copy of the
/// paper available while writing this exposed only its abstract; the bracket sizes, nesting
/// and equal shares follow its description of the method, and the final selection among
/// bracket winners is this implementation's, documented here.)
public struct BracketingSequentialHalving: PureExplorationPolicy, Hashable, Codable {
    public let armCount: Int
    /// The budget T.
    public let budget: Int
    /// mₖ for each bracket k = 1…L.
    public let bracketSizes: [Int]
    /// The budget of each stage (bracket or final selection).
    public let share: Int
    /// The arms of the largest bracket in random order; bracket k is its first mₖ.
    let order: [Int]

    /// The arms of the largest bracket, in random order — every arm the policy can ever sample
    /// (bracket k is the first mₖ), so its state is O(this count) = O(T) whatever n is.
    public var bracketArms: [Int] { order }
    var stage: SequentialHalving
    /// 0..<L: a bracket; L: the final selection.
    var stageIndex = 0
    var winners: [Int] = []
    var answer: Int?
    public private(set) var sampleCount = 0

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming `armCount` or `budget`.
    public init(armCount: Int, budget: Int, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else { throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "must be ≥ 1") }
        guard budget >= 1 else { throw .invalidParameter(name: "budget", value: "\(budget)", reason: "must be ≥ 1") }
        self.armCount = armCount
        self.budget = budget
        let count = Self.bracketCount(armCount: armCount, budget: budget)
        bracketSizes = (1...count).map { Swift.min(armCount, 1 << $0) }
        share = count == 1 ? budget : budget / (count + 1)
        var generator = Xoshiro256PlusPlus(seed: seed)
        order = randomArmOrder(armCount: armCount, count: bracketSizes.last!, using: &generator)
        stage = Self.halving(armCount: armCount, budget: share, candidates: Array(order.prefix(bracketSizes[0])))
        settle()
    }

    /// L: the most brackets such that bracket L (min(n, 2ᴸ) arms) can sample each arm once in
    /// Sequential Halving's first round with its share of the budget; at least 1.
    public static func bracketCount(armCount n: Int, budget: Int) -> Int {
        var best = 1
        var count = 1
        while true {
            let size = Swift.min(n, 1 << count)
            let share = count == 1 ? budget : budget / (count + 1)
            guard size * ceilingLog2(size) <= share else { break }
            best = count
            if size == n || count >= 62 { break }
            count += 1
        }
        return best
    }

    public var isStopped: Bool { answer != nil }

    /// The current stage: 0..<L a bracket, L the final selection.
    public var currentStage: Int { stageIndex }

    public mutating func selectArm() -> Int {
        precondition(!isStopped, "BracketingSequentialHalving: the budget is spent")
        return stage.selectArm()
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        guard !isStopped else {
            throw .invalidParameter(name: "arm", value: "\(arm)", reason: "no sample is pending (the policy has stopped or selected no arm)")
        }
        try stage.update(arm: arm, reward: reward)
        sampleCount += 1
        settle()
    }

    public func recommend() -> Int {
        if let answer { return answer }
        if stageIndex < bracketSizes.count, let latest = winners.last { return latest }
        return stage.recommend()
    }

    /// Moves past finished stages: a finished bracket hands in its winner; after the last
    /// bracket the distinct winners meet in the final selection.
    mutating func settle() {
        while answer == nil && stage.isStopped {
            let brackets = bracketSizes.count
            if stageIndex == brackets {
                answer = stage.recommend()
                return
            }
            winners.append(stage.recommend())
            stageIndex += 1
            if stageIndex < brackets {
                stage = Self.halving(armCount: armCount, budget: share, candidates: Array(order.prefix(bracketSizes[stageIndex])))
                continue
            }
            var distinct: [Int] = []
            for winner in winners where !distinct.contains(winner) { distinct.append(winner) }
            if distinct.count == 1 {
                answer = distinct[0]
                return
            }
            stage = Self.halving(armCount: armCount, budget: share, candidates: distinct)
        }
    }

    static func halving(armCount: Int, budget: Int, candidates: [Int]) -> SequentialHalving {
        do {
            return try SequentialHalving(armCount: armCount, budget: Swift.max(budget, 1), candidates: candidates)
        } catch {
            preconditionFailure("BracketingSequentialHalving built an invalid stage: \(error)")
        }
    }
}
