import BanditCore
import RealModule

/// The state RMED1 and RMED2 share (Komiyama, Honda, Kashima & Nakagawa 2015, COLT,
/// Algorithm 1): win counts, the empirical divergences Jᵢ, and the loop lists L_C, L_R, L_N.
///
/// With μ̂ᵢⱼ the empirical probability that i beats j and Nᵢⱼ the duels between them:
/// - Oᵢ = {j ≠ i : μ̂ᵢⱼ ≤ ½}, the arms that empirically beat (or tie) i;
/// - Jᵢ = Σ_{j ∈ Oᵢ} Nᵢⱼ · d(μ̂ᵢⱼ, ½), d the Bernoulli KL divergence — how surely i is not the
///   Condorcet winner; Î* = argminᵢ Jᵢ (ties broken uniformly at random).
///
/// The loop: for each arm l of L_C (ascending), one duel (l, m); after the duel at time t, l
/// leaves L_R and every j ∉ L_R with Jⱼ − J_Î* ≤ ln t + f(K) joins L_N; when L_C is exhausted,
/// L_C = L_R = L_N and L_N = ∅.
///
/// d(μ̂ᵢⱼ, ½) is cached per pair and refreshed only for the duelled pair, so a duel costs two
/// logarithms and Jᵢ is re-summed exactly (never drifting by incremental rounding) from the
/// cache in K additions.
struct RMEDState: Sendable, Hashable, Codable {
    var wins: DuelingWins
    /// f(K), added to ln t in the candidate test.
    let offset: Double
    /// d(μ̂ᵢⱼ, ½) row-major (symmetric), 0 for pairs never compared.
    var pairDivergences: [Double]
    /// Jᵢ.
    var divergences: [Double]
    /// |Oᵢ|, kept with the counts (a duel changes two relations only).
    var opponentCounts: [Int]
    /// L_C in loop order, and the position of the current arm in it.
    var currentLoop: [Int]
    var position = 0
    /// Membership of L_R and L_N.
    var remaining: [Bool]
    var next: [Bool]
    var generator: Xoshiro256PlusPlus
    var ties: [Int]

    init(armCount: Int, offset: Double, seed: UInt64) {
        wins = DuelingWins(armCount: armCount)
        self.offset = offset
        pairDivergences = [Double](repeating: 0, count: armCount * armCount)
        divergences = [Double](repeating: 0, count: armCount)
        // Every pair is unseen (μ̂ = ½): every other arm is an opponent.
        opponentCounts = [Int](repeating: armCount - 1, count: armCount)
        currentLoop = Array(0..<armCount)
        currentLoop.reserveCapacity(armCount)
        remaining = [Bool](repeating: true, count: armCount)
        next = [Bool](repeating: false, count: armCount)
        generator = Xoshiro256PlusPlus(seed: seed)
        ties = []
        ties.reserveCapacity(armCount)
    }

    var armCount: Int { wins.armCount }

    /// The arm whose turn it is in the loop.
    var currentArm: Int { currentLoop[position] }

    /// Whether j ∈ Oᵢ: j ≠ i and μ̂ᵢⱼ ≤ ½ (an unseen pair has μ̂ = ½).
    @inline(__always)
    func isOpponent(_ j: Int, of i: Int) -> Bool {
        j != i && wins.wins(of: i, over: j) <= wins.wins(of: j, over: i)
    }

    /// Whether Oᵢ ≠ ∅.
    @inline(__always)
    func hasOpponent(_ i: Int) -> Bool { opponentCounts[i] > 0 }

    /// Î*: argmin Jᵢ, ties broken at random. Two passes over J instead of a list of ties: the
    /// minimum and how many arms reach it, then the drawn one among them.
    mutating func leader() -> Int {
        var best = Double.infinity
        var bestArm = 0
        var tieCount = 0
        for i in 0..<divergences.count {
            let value = divergences[i]
            if value < best { best = value; bestArm = i; tieCount = 1 }
            else if value == best { tieCount += 1 }
        }
        guard tieCount > 1 else { return bestArm }
        var rank = generator.nextIndex(below: tieCount)
        for i in bestArm..<divergences.count where divergences[i] == best {
            if rank == 0 { return i }
            rank -= 1
        }
        return bestArm
    }

    /// argmin_{j≠l} μ̂_lj, ties at random: the arm that beats l the most.
    mutating func strongestOpponent(of l: Int) -> Int {
        var lowest = Double.infinity
        ties.removeAll(keepingCapacity: true)
        for j in 0..<armCount where j != l {
            let value = wins.mean(l, j)
            if value < lowest { lowest = value; ties.removeAll(keepingCapacity: true); ties.append(j) }
            else if value == lowest { ties.append(j) }
        }
        return pickUniformly(ties, using: &generator)
    }

    /// Jᵢ re-summed from the cached pair divergences.
    func divergence(of i: Int) -> Double {
        var total = 0.0
        let k = armCount
        for j in 0..<k where isOpponent(j, of: i) { total += wins.comparisons(i, j) * pairDivergences[i * k + j] }
        return total
    }

    /// Records a duel and refreshes the caches of its two arms.
    mutating func record(first: Int, second: Int, firstWins: Bool) {
        guard first != second else { wins.record(first: first, second: second, firstWins: firstWins); return }
        let wasOpponentOfFirst = isOpponent(second, of: first), wasOpponentOfSecond = isOpponent(first, of: second)
        wins.record(first: first, second: second, firstWins: firstWins)
        if isOpponent(second, of: first) != wasOpponentOfFirst { opponentCounts[first] += wasOpponentOfFirst ? -1 : 1 }
        if isOpponent(first, of: second) != wasOpponentOfSecond { opponentCounts[second] += wasOpponentOfSecond ? -1 : 1 }
        let k = armCount
        let value = divergenceFromHalf(wins.mean(first, second))
        pairDivergences[first * k + second] = value
        pairDivergences[second * k + first] = value
        divergences[first] = divergence(of: first)
        divergences[second] = divergence(of: second)
    }

    /// The loop bookkeeping after the duel of the current arm, at time t = duels recorded.
    mutating func advanceLoop() {
        let t = Double(wins.duels)
        remaining[currentArm] = false
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

    /// The pair number `index` (0-based) among the K(K−1)/2 pairs i < j in lexicographic order.
    func lexicographicPair(_ index: Int) -> (Int, Int) {
        var index = index
        for i in 0..<armCount {
            let row = armCount - 1 - i
            if index < row { return (i, i + 1 + index) }
            index -= row
        }
        preconditionFailure("beyond the last pair")
    }
}

extension RMEDState {
    /// The paper's f(K) = 0.3·K^1.01 (Komiyama et al. 2015, §6).
    static func defaultOffset(armCount: Int) -> Double { 0.3 * Double.pow(Double(armCount), 1.01) }

    /// Validates K and f(K) ≥ 0, naming the policy's parameter.
    static func validatedOffset(_ offset: Double?, armCount: Int, name: String) throws(BanditError) -> Double {
        try validateArmCount(armCount)
        let offset = offset ?? defaultOffset(armCount: armCount)
        guard offset.isFinite, offset >= 0 else {
            throw .invalidParameter(name: name, value: "\(offset)", reason: "f(K) must be finite and ≥ 0")
        }
        return offset
    }
}
