import BanditCore
import RealModule

/// Copeland Confidence Bound, CCB (Zoghi, Karnin, Whiteson & de Rijke 2015, "Copeland Dueling
/// Bandits", NeurIPS, Algorithm 1): a dueling policy for Copeland winners, which exist whether
/// or not there is a Condorcet winner.
///
/// With RUCB's bounds uᵢⱼ, lᵢⱼ = μ̂ᵢⱼ ± √(α ln t / nᵢⱼ) (x/0 := 1; uᵢᵢ = lᵢᵢ = ½), the upper and
/// lower Copeland scores are Cpld‾(i) = #{k ≠ i : uᵢₖ ≥ ½} and Cpld̲(i) = #{k ≠ i : lᵢₖ > ½},
/// and Cₜ = argmaxᵢ Cpld‾(i). CCB keeps hypotheses: B (arms believed to be Copeland winners),
/// for each arm i a set Bⁱ of arms believed to beat it, and L̄_C (the believed number of
/// losses of a Copeland winner). Each round (Algorithm 1, lines 5–10):
/// - A. if some j ∈ Bⁱ has lᵢⱼ > ½ (i beats it after all), reset: B = all arms, every Bⁱ = ∅,
///   L̄_C = K;
/// - B. every i ∈ B with Cpld‾(i) < maxⱼ Cpld̲(j) leaves B, and unless |Bⁱ| = L̄_C + 1,
///   Bⁱ = {k : uᵢₖ < ½}; an empty B is reset as in A;
/// - C. every i ∈ Cₜ with Cpld‾(i) = Cpld̲(i) joins B with Bⁱ = ∅ and L̄_C = K − 1 − Cpld‾(i);
///   then each other Bʲ smaller than L̄_C + 1 is emptied and each larger one cut to L̄_C + 1
///   arms drawn at random;
/// - with probability ¼, (c, d) is drawn uniformly from {(i, j) : j ∈ Bⁱ, lᵢⱼ ≤ ½ ≤ uᵢⱼ}
///   when that set is not empty;
/// - otherwise, with probability ⅔ Cₜ is narrowed to Cₜ ∩ B (if not empty); c is uniform on
///   Cₜ; with probability ½ the opponents are B^c, else all arms, and
///   d = argmax_{j : l_jc ≤ ½} u_jc among them (ties at random, d ≠ c on a tie; all arms when
///   B^c offers none).
///
/// α > ½ as the regret bound requires; the default 0.51 is RUCB's experimental value, which
/// the paper's experiments share.
public struct CCB: DuelingPolicy, Hashable, Codable {
    public var armCount: Int { wins.armCount }
    /// W.
    public private(set) var wins: DuelingWins
    /// α.
    public let alpha: Double
    /// B, as membership.
    public private(set) var hypotheses: [Bool]
    /// Bⁱ, row-major membership: `rivals[i * K + j]` says j ∈ Bⁱ.
    var rivals: [Bool]
    /// L̄_C.
    public private(set) var assumedLosses: Int
    var generator: Xoshiro256PlusPlus
    var upperScores: [Int]
    var lowerScores: [Int]
    var scratch: [Int]
    var pairs: [Int]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if K < 1 or α is not
    ///   finite or not > ½.
    public init(armCount: Int, alpha: Double = 0.51, seed: UInt64) throws(BanditError) {
        try validateArmCount(armCount)
        try validateConfidenceAlpha(alpha, name: "ccb.alpha", source: "Zoghi et al. 2015, Theorem 3")
        wins = DuelingWins(armCount: armCount)
        self.alpha = alpha
        hypotheses = [Bool](repeating: true, count: armCount)
        rivals = [Bool](repeating: false, count: armCount * armCount)
        assumedLosses = armCount
        generator = Xoshiro256PlusPlus(seed: seed)
        upperScores = [Int](repeating: 0, count: armCount)
        lowerScores = [Int](repeating: 0, count: armCount)
        scratch = []
        scratch.reserveCapacity(armCount)
        pairs = []
        pairs.reserveCapacity(armCount * armCount)
    }

    mutating func resetHypotheses() {
        for i in 0..<armCount { hypotheses[i] = true }
        for cell in rivals.indices { rivals[cell] = false }
        assumedLosses = armCount
    }

    func rivalCount(_ i: Int) -> Int {
        var count = 0
        for j in 0..<armCount where rivals[i * armCount + j] { count += 1 }
        return count
    }

    public mutating func selectPair() -> (Int, Int) {
        let k = armCount
        let scale = wins.confidenceScale(alpha: alpha)
        var bestUpper = -1, bestLower = -1
        for i in 0..<k {
            var upper = 0, lower = 0
            for j in 0..<k where j != i {
                if wins.upper(i, j, scale: scale) >= 0.5 { upper += 1 }
                if wins.lower(i, j, scale: scale) > 0.5 { lower += 1 }
            }
            upperScores[i] = upper
            lowerScores[i] = lower
            bestUpper = Swift.max(bestUpper, upper)
            bestLower = Swift.max(bestLower, lower)
        }
        // A. Reset disproven hypotheses.
        var disproven = false
        for i in 0..<k where !disproven {
            for j in 0..<k where rivals[i * k + j] && wins.lower(i, j, scale: scale) > 0.5 { disproven = true; break }
        }
        if disproven { resetHypotheses() }
        // B. Remove non-Copeland winners.
        var remaining = 0
        for i in 0..<k where hypotheses[i] {
            if upperScores[i] < bestLower {
                hypotheses[i] = false
                if rivalCount(i) != assumedLosses + 1 {
                    for j in 0..<k { rivals[i * k + j] = j != i && wins.upper(i, j, scale: scale) < 0.5 }
                }
            } else {
                remaining += 1
            }
        }
        if remaining == 0 { resetHypotheses() }
        // C. Add Copeland winners.
        for i in 0..<k where upperScores[i] == bestUpper && upperScores[i] == lowerScores[i] {
            hypotheses[i] = true
            for j in 0..<k { rivals[i * k + j] = false }
            assumedLosses = k - 1 - upperScores[i]
            for j in 0..<k where j != i {
                let size = rivalCount(j)
                if size < assumedLosses + 1 {
                    for m in 0..<k { rivals[j * k + m] = false }
                } else if size > assumedLosses + 1 {
                    keepRandomRivals(of: j, keeping: assumedLosses + 1)
                }
            }
        }
        // Line 6: with probability ¼, an unresolved hypothesised loss.
        if generator.nextUniform() < 0.25 {
            pairs.removeAll(keepingCapacity: true)
            for i in 0..<k {
                for j in 0..<k where rivals[i * k + j]
                    && wins.lower(i, j, scale: scale) <= 0.5 && wins.upper(i, j, scale: scale) >= 0.5 {
                    pairs.append(i * k + j)
                }
            }
            if !pairs.isEmpty {
                let cell = pairs[generator.nextIndex(below: pairs.count)]
                return (cell / k, cell % k)
            }
        }
        // Lines 7–8: the candidate.
        scratch.removeAll(keepingCapacity: true)
        for i in 0..<k where upperScores[i] == bestUpper && hypotheses[i] { scratch.append(i) }
        if scratch.isEmpty || generator.nextUniform() >= 2.0 / 3 {
            scratch.removeAll(keepingCapacity: true)
            for i in 0..<k where upperScores[i] == bestUpper { scratch.append(i) }
        }
        let c = pickUniformly(scratch, using: &generator)
        // Line 9: the opponent.
        let fromRivals = generator.nextUniform() < 0.5
        var d = fromRivals ? strongestOpponent(of: c, scale: scale, rivalsOnly: true) : nil
        if d == nil { d = strongestOpponent(of: c, scale: scale, rivalsOnly: false) }
        return (c, d!)
    }

    /// argmax_{j : l_jc ≤ ½} u_jc over B^c or all arms (ties at random, d ≠ c on a tie); nil
    /// when no arm qualifies.
    mutating func strongestOpponent(of c: Int, scale: Double, rivalsOnly: Bool) -> Int? {
        let k = armCount
        var best = -Double.infinity
        scratch.removeAll(keepingCapacity: true)
        for j in 0..<k where (!rivalsOnly || rivals[c * k + j]) && wins.lower(j, c, scale: scale) <= 0.5 {
            let value = wins.upper(j, c, scale: scale)
            if value > best { best = value; scratch.removeAll(keepingCapacity: true); scratch.append(j) }
            else if value == best { scratch.append(j) }
        }
        guard !scratch.isEmpty else { return nil }
        if scratch.count > 1, let own = scratch.firstIndex(of: c) { scratch.remove(at: own) }
        return pickUniformly(scratch, using: &generator)
    }

    /// Keeps `size` members of Bʲ drawn uniformly without replacement (a partial Fisher–Yates
    /// shuffle of the members in index order).
    mutating func keepRandomRivals(of j: Int, keeping size: Int) {
        let k = armCount
        scratch.removeAll(keepingCapacity: true)
        for m in 0..<k where rivals[j * k + m] { scratch.append(m) }
        for m in 0..<k { rivals[j * k + m] = false }
        for index in 0..<size {
            let pick = index + generator.nextIndex(below: scratch.count - index)
            scratch.swapAt(index, pick)
            rivals[j * k + scratch[index]] = true
        }
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        wins.record(first: first, second: second, firstWins: firstWins)
    }
}
