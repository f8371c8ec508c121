import BanditCore
import RealModule

/// Relative Minimum Empirical Divergence, RMED1 (Komiyama, Honda, Kashima & Nakagawa 2015,
/// "Regret Lower Bound and Optimal Algorithm in Dueling Bandit Problem", COLT, Algorithm 1
/// with the second-arm rule of Algorithm 2).
///
/// With μ̂ᵢⱼ the empirical probability that i beats j and Nᵢⱼ the duels between them:
/// - Oᵢ = {j ≠ i : μ̂ᵢⱼ ≤ ½}, the arms that empirically beat (or tie) i;
/// - Jᵢ = Σ_{j ∈ Oᵢ} Nᵢⱼ · d(μ̂ᵢⱼ, ½), d the Bernoulli KL divergence — how surely i is not the
///   Condorcet winner; Î* = argminᵢ Jᵢ (ties broken uniformly at random).
///
/// Initial phase: every pair i < j is drawn once (L = 1), in lexicographic order. Then in loops:
/// for each arm l of the current list L_C (ascending), draw (l, m) with m = Î* if Î* ∈ O_l or
/// O_l = ∅, else m = argmin_{j≠l} μ̂_lj (ties at random); after the draw at time t, l leaves
/// L_R and every j ∉ L_R with Jⱼ − J_Î* ≤ ln t + f(K) joins L_N; when L_C is exhausted,
/// L_C = L_R = L_N and L_N = ∅. The paper's f(K) = 0.3·K^1.01 is the default.
///
/// t counts every duel recorded. The loop bookkeeping advances on each ``update(first:second:firstWins:)``
/// in the main phase, whatever pair was reported, so drive the policy with the pairs it selects.
/// Self-duels (m = l = Î*, exploitation) leave the win counts unchanged.
public struct RMED1: DuelingPolicy, Hashable, Codable {
    public var armCount: Int { wins.armCount }
    /// W.
    public private(set) var wins: DuelingWins
    /// f(K), added to ln t in the candidate test.
    public let offset: Double
    /// Jᵢ, kept up to date incrementally (a duel changes J of its two arms only).
    public private(set) var divergences: [Double]
    /// L_C in loop order, and the position of the current arm in it.
    var currentLoop: [Int]
    var position = 0
    /// Membership of L_R and L_N.
    var remaining: [Bool]
    var next: [Bool]
    var generator: Xoshiro256PlusPlus
    var ties: [Int]

    /// The paper's f(K) = 0.3·K^1.01.
    public static func defaultOffset(armCount: Int) -> Double { 0.3 * Double.pow(Double(armCount), 1.01) }

    /// - Parameter offset: f(K) ≥ 0; nil for the paper's 0.3·K^1.01.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1` or f(K)
    ///   is negative or not finite.
    public init(armCount: Int, offset: Double? = nil, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        let offset = offset ?? Self.defaultOffset(armCount: armCount)
        guard offset.isFinite, offset >= 0 else {
            throw .invalidParameter(name: "rmed1.f", value: "\(offset)", reason: "f(K) must be finite and ≥ 0")
        }
        wins = DuelingWins(armCount: armCount)
        self.offset = offset
        divergences = [Double](repeating: 0, count: armCount)
        currentLoop = Array(0..<armCount)
        currentLoop.reserveCapacity(armCount)
        remaining = [Bool](repeating: true, count: armCount)
        next = [Bool](repeating: false, count: armCount)
        generator = Xoshiro256PlusPlus(seed: seed)
        ties = []
        ties.reserveCapacity(armCount)
    }

    /// K(K−1)/2, the length of the initial phase.
    public var initialPhaseLength: Int { armCount * (armCount - 1) / 2 }

    /// The pair number `index` (0-based) of the initial phase in lexicographic order.
    func initialPair(_ index: Int) -> (Int, Int) {
        var index = index
        for i in 0..<armCount {
            let row = armCount - 1 - i
            if index < row { return (i, i + 1 + index) }
            index -= row
        }
        preconditionFailure("beyond the initial phase")
    }

    /// Î*: argmin Jᵢ, ties broken at random.
    mutating func leader() -> Int {
        var best = Double.infinity
        ties.removeAll(keepingCapacity: true)
        for i in 0..<armCount {
            let value = divergences[i]
            if value < best { best = value; ties.removeAll(keepingCapacity: true); ties.append(i) }
            else if value == best { ties.append(i) }
        }
        return ties.count == 1 ? ties[0] : ties[generator.nextIndex(below: ties.count)]
    }

    public mutating func selectPair() -> (Int, Int) {
        if wins.duels < initialPhaseLength { return initialPair(wins.duels) }
        let l = currentLoop[position]
        return (l, secondArm(for: l))
    }

    /// Algorithm 2 of the paper.
    mutating func secondArm(for l: Int) -> Int {
        let best = leader()
        var opponents = 0
        var bestIsOpponent = false
        for j in 0..<armCount where j != l && wins.mean(l, j) <= 0.5 {
            opponents += 1
            if j == best { bestIsOpponent = true }
        }
        if bestIsOpponent || opponents == 0 { return best }
        var lowest = Double.infinity
        ties.removeAll(keepingCapacity: true)
        for j in 0..<armCount where j != l {
            let value = wins.mean(l, j)
            if value < lowest { lowest = value; ties.removeAll(keepingCapacity: true); ties.append(j) }
            else if value == lowest { ties.append(j) }
        }
        return ties.count == 1 ? ties[0] : ties[generator.nextIndex(below: ties.count)]
    }

    /// Jᵢ from the counts.
    func divergence(of i: Int) -> Double {
        var total = 0.0
        for j in 0..<armCount where j != i {
            let n = wins.comparisons(i, j)
            guard n > 0 else { continue }
            let mean = wins.wins(of: i, over: j) / n
            if mean <= 0.5 { total += n * divergenceFromHalf(mean) }
        }
        return total
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        let inMainPhase = wins.duels >= initialPhaseLength
        wins.record(first: first, second: second, firstWins: firstWins)
        divergences[first] = divergence(of: first)
        divergences[second] = divergence(of: second)
        guard inMainPhase else { return }
        let t = Double(wins.duels)
        let l = currentLoop[position]
        remaining[l] = false
        let threshold = divergences[leader()] + Double.log(t) + offset
        for j in 0..<armCount where !remaining[j] && !next[j] && divergences[j] <= threshold { next[j] = true }
        position += 1
        if position == currentLoop.count {
            currentLoop.removeAll(keepingCapacity: true)
            for j in 0..<armCount where next[j] { currentLoop.append(j) }
            if currentLoop.isEmpty { currentLoop.append(leader()) }  // cannot happen: Î* always qualifies
            for j in 0..<armCount {
                remaining[j] = next[j]
                next[j] = false
            }
            position = 0
        }
    }
}
