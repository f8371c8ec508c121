import BanditCore
import RealModule

/// Relative Upper Confidence Bound (Zoghi, Whiteson, Munos & de Rijke 2014, "Relative Upper
/// Confidence Bound for the K-Armed Dueling Bandit Problem", ICML, Algorithm 1).
///
/// Each round t (t = duels recorded so far + 1), with W the win counts:
/// 1. U = W/(W + Wᵀ) + √(α ln t / (W + Wᵀ)), element-wise with x/0 := 1 (so a pair never
///    compared has u = 2), and uᵢᵢ = ½.
/// 2. C = {c : u_cj ≥ ½ for all j} — the arms not yet confidently beaten. If C = ∅, c is drawn
///    uniformly from all arms.
/// 3. B ← B ∩ C (B holds at most one arm, the last sole candidate); if |C| = 1, B ← C and c is
///    its element; if |C| > 1, c is drawn from C with p(c) = ½ for c ∈ B and
///    1/(2^|B| · |C \ B|) otherwise.
/// 4. d = argmaxⱼ u_jc (the arm most likely to beat c optimistically), ties broken uniformly
///    at random and, on a tie, d ≠ c.
/// 5. Duel (c, d) and update W.
///
/// α > ½ is required by Theorem 1; the paper's experiments use α = 0.51 (the default).
/// Self-duels (d = c, exploitation) carry no information and leave W unchanged.
public struct RUCB: DuelingPolicy, Hashable, Codable {
    public var armCount: Int { wins.armCount }
    /// W.
    public private(set) var wins: DuelingWins
    /// α, the exploration constant.
    public let alpha: Double
    /// B: the arm that was last the sole candidate, or −1 for ∅.
    public private(set) var hypothesis = -1
    var generator: Xoshiro256PlusPlus
    /// Scratch: C as a list (no allocation per step).
    var candidates: [Int]
    /// Scratch: arms tied at the maximum of column c.
    var ties: [Int]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1` or
    ///   α is not finite or not > ½.
    public init(armCount: Int, alpha: Double = 0.51, seed: UInt64) throws(BanditError) {
        try validateArmCount(armCount)
        try validateConfidenceAlpha(alpha, name: "rucb.alpha", source: "Zoghi et al. 2014, Theorem 1")
        wins = DuelingWins(armCount: armCount)
        self.alpha = alpha
        generator = Xoshiro256PlusPlus(seed: seed)
        candidates = []
        candidates.reserveCapacity(armCount)
        ties = []
        ties.reserveCapacity(armCount)
    }

    public mutating func selectPair() -> (Int, Int) {
        let count = armCount
        let scale = wins.confidenceScale(alpha: alpha)
        candidates.removeAll(keepingCapacity: true)
        for c in 0..<count {
            var isCandidate = true
            for j in 0..<count where wins.upper(c, j, scale: scale) < 0.5 {
                isCandidate = false
                break
            }
            if isCandidate { candidates.append(c) }
        }
        let c: Int
        if candidates.isEmpty {
            hypothesis = -1  // B ∩ ∅
            c = generator.nextIndex(below: count)
        } else {
            if hypothesis >= 0 && !candidates.contains(hypothesis) { hypothesis = -1 }
            if candidates.count == 1 {
                hypothesis = candidates[0]
                c = hypothesis
            } else if hypothesis >= 0 {
                // ½ on B, the other half spread uniformly over C \ B.
                if generator.nextUniform() < 0.5 {
                    c = hypothesis
                } else {
                    let pick = generator.nextIndex(below: candidates.count - 1)
                    let index = candidates.firstIndex(of: hypothesis)!
                    c = candidates[pick < index ? pick : pick + 1]
                }
            } else {
                c = candidates[generator.nextIndex(below: candidates.count)]
            }
        }
        var best = -Double.infinity
        ties.removeAll(keepingCapacity: true)
        for j in 0..<count {
            let value = wins.upper(j, c, scale: scale)
            if value > best { best = value; ties.removeAll(keepingCapacity: true); ties.append(j) }
            else if value == best { ties.append(j) }
        }
        if ties.count > 1, let own = ties.firstIndex(of: c) { ties.remove(at: own) }
        let d = pickUniformly(ties, using: &generator)
        return (c, d)
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        wins.record(first: first, second: second, firstWins: firstWins)
    }

    /// The paper's recommendation: the arm beating the most others empirically.
    public var recommendation: Int {
        (0..<armCount).max { a, b in beaten(by: a) < beaten(by: b) || (beaten(by: a) == beaten(by: b) && a > b) }!
    }

    func beaten(by i: Int) -> Int { (0..<armCount).filter { $0 != i && wins.mean(i, $0) > 0.5 }.count }
}
