import BanditCore
import RealModule

/// Double Thompson Sampling, D-TS (Wu & Liu 2016, "Double Thompson Sampling for Dueling
/// Bandits", NIPS, Algorithm 1).
///
/// Each round t (t = duels recorded so far + 1), with B the win counts (bᵢⱼ = wins of i over j):
/// 1. Confidence bounds uᵢⱼ, lᵢⱼ = bᵢⱼ/(bᵢⱼ + bⱼᵢ) ± √(α ln t / (bᵢⱼ + bⱼᵢ)) with x/0 := 1
///    (so an unseen pair has u = 2, l = 0), and uᵢᵢ = lᵢᵢ = ½.
/// 2. First candidate: the upper Copeland scores ζ̂ᵢ = (1/(K−1)) Σ_{j≠i} 1(uᵢⱼ > ½) define
///    C = argmaxᵢ ζ̂ᵢ. Sample θ⁽¹⁾ᵢⱼ ~ Beta(bᵢⱼ + 1, bⱼᵢ + 1) for i < j, θ⁽¹⁾ⱼᵢ = 1 − θ⁽¹⁾ᵢⱼ;
///    a⁽¹⁾ = argmax_{i ∈ C} Σ_{j≠i} 1(θ⁽¹⁾ᵢⱼ > ½), ties broken uniformly at random.
/// 3. Second candidate: sample θ⁽²⁾ᵢₐ ~ Beta(bᵢₐ + 1, bₐᵢ + 1) for i ≠ a = a⁽¹⁾, θ⁽²⁾ₐₐ = ½;
///    a⁽²⁾ = argmax_{i : lᵢₐ ≤ ½} θ⁽²⁾ᵢₐ (a itself qualifies, so the set is never empty), ties
///    at random.
///
/// α > ½ as in the paper's analysis; its experiments use α = 0.51 (the default).
/// Self-duels leave B unchanged (they carry no information).
///
/// How it is sampled (same distribution, less work): step 2 needs only the events θ⁽¹⁾ᵢⱼ > ½,
/// and only for pairs with an arm in C — none at all when |C| = 1, the usual case once the
/// winner is found. Step 3 draws θ⁽²⁾ᵢₐ by inverse transform from one uniform u and evaluates
/// the quantile only when u says θ⁽²⁾ᵢₐ > ½, the only case where it can beat a's ½
/// (see ``BetaHalfTails``).
public struct DoubleThompsonSampling: DuelingPolicy, Hashable, Codable {
    public var armCount: Int { wins.armCount }
    /// B.
    public private(set) var wins: DuelingWins
    /// Pr(θᵢⱼ ≤ ½) under each pair's posterior.
    public private(set) var tails: BetaHalfTails
    /// α, the confidence-bound constant.
    public let alpha: Double
    var generator: Xoshiro256PlusPlus
    /// Scratch: the upper Copeland counts, membership of C, sampled scores, ties.
    var upperScores: [Int]
    var inCandidates: [Bool]
    var sampledScores: [Int]
    var ties: [Int]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1` or α is
    ///   not finite or not > ½.
    public init(armCount: Int, alpha: Double = 0.51, seed: UInt64) throws(BanditError) {
        try validateArmCount(armCount)
        try validateConfidenceAlpha(alpha, name: "d-ts.alpha", source: "Wu & Liu 2016")
        wins = DuelingWins(armCount: armCount)
        tails = BetaHalfTails(armCount: armCount)
        self.alpha = alpha
        generator = Xoshiro256PlusPlus(seed: seed)
        upperScores = [Int](repeating: 0, count: armCount)
        inCandidates = [Bool](repeating: false, count: armCount)
        sampledScores = [Int](repeating: 0, count: armCount)
        ties = []
        ties.reserveCapacity(armCount)
    }

    public mutating func selectPair() -> (Int, Int) {
        let count = armCount
        guard count > 1 else { return (0, 0) }
        let scale = wins.confidenceScale(alpha: alpha)
        var bestUpper = -1
        for i in 0..<count {
            var score = 0
            for j in 0..<count where j != i && wins.upper(i, j, scale: scale) > 0.5 { score += 1 }
            upperScores[i] = score
            bestUpper = Swift.max(bestUpper, score)
        }
        ties.removeAll(keepingCapacity: true)
        for i in 0..<count {
            inCandidates[i] = upperScores[i] == bestUpper
            if inCandidates[i] { ties.append(i) }
        }
        let first = ties.count == 1 ? ties[0] : sampledCopelandWinner()
        // Phase 2: θ⁽²⁾ᵢₐ > ½ exactly when u ≥ Fᵢₐ(½); only then is its value needed.
        var bestTheta = 0.5
        ties.removeAll(keepingCapacity: true)
        ties.append(first)
        for i in 0..<count where i != first {
            let u = generator.nextUniform()
            guard wins.lower(i, first, scale: scale) <= 0.5, u >= tails.probabilityAtMostHalf(i, first) else { continue }
            let theta = tails.quantile(i, first, uniform: u, wins: wins)
            if theta > bestTheta { bestTheta = theta; ties.removeAll(keepingCapacity: true); ties.append(i) }
            else if theta == bestTheta { ties.append(i) }
        }
        return (first, pickUniformly(ties, using: &generator))
    }

    /// a⁽¹⁾ when |C| > 1 (C marked in `inCandidates`): each pair with an arm in C draws the
    /// event θ⁽¹⁾ᵢⱼ > ½ once, in the paper's order i < j.
    mutating func sampledCopelandWinner() -> Int {
        let count = armCount
        for i in 0..<count { sampledScores[i] = 0 }
        for i in 0..<count {
            for j in (i + 1)..<count where inCandidates[i] || inCandidates[j] {
                if generator.nextUniform() >= tails.probabilityAtMostHalf(i, j) { sampledScores[i] += 1 } else { sampledScores[j] += 1 }
            }
        }
        var best = -1
        ties.removeAll(keepingCapacity: true)
        for i in 0..<count where inCandidates[i] {
            if sampledScores[i] > best { best = sampledScores[i]; ties.removeAll(keepingCapacity: true); ties.append(i) }
            else if sampledScores[i] == best { ties.append(i) }
        }
        return pickUniformly(ties, using: &generator)
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        wins.record(first: first, second: second, firstWins: firstWins)
        tails.refresh(first, second, wins: wins)
    }
}
