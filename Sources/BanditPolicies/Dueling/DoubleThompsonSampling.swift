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
    var exceeding: [Double]

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
        exceeding = []
        exceeding.reserveCapacity(armCount)
    }

    public mutating func selectPair() -> (Int, Int) {
        let count = armCount
        guard count > 1 else { return (0, 0) }
        let scale = wins.confidenceScale(alpha: alpha)
        let bestUpper = Self.upperCopelandScores(wins, scale: scale, into: &upperScores)
        ties.removeAll(keepingCapacity: true)
        for i in 0..<count {
            inCandidates[i] = upperScores[i] == bestUpper
            if inCandidates[i] { ties.append(i) }
        }
        let first = ties.count == 1 ? ties[0] : sampledCopelandWinner()
        // Phase 2: θ⁽²⁾ᵢₐ > ½ exactly when u ≥ Fᵢₐ(½). a's own ½ beats every other θ⁽²⁾, so the
        // values matter only when two or more exceed ½; a single one wins whatever its value.
        ties.removeAll(keepingCapacity: true)
        exceeding.removeAll(keepingCapacity: true)
        for i in 0..<count where i != first {
            let u = generator.nextUniform()
            guard u >= tails.probabilityAtMostHalf(i, first), wins.lower(i, first, scale: scale) <= 0.5 else { continue }
            ties.append(i)
            exceeding.append(u)
        }
        if ties.isEmpty { return (first, first) }
        if ties.count > 1 {
            var bestTheta = 0.5
            var best = first
            for (index, i) in ties.enumerated() {
                let theta = tails.quantile(i, first, uniform: exceeding[index], wins: wins)
                if theta > bestTheta { bestTheta = theta; best = i }
            }
            return (first, best)
        }
        return (first, ties[0])
    }

    /// #{j ≠ i : uᵢⱼ > ½} for each i into `scores`; returns their maximum.
    static func upperCopelandScores(_ wins: DuelingWins, scale: Double, into scores: inout [Int]) -> Int {
        let count = wins.armCount
        return wins.withBoundColumns { optimistic, _, inverseRoots in
            scores.withUnsafeMutableBufferPointer { scores in
                var best = -1
                for i in 0..<count {
                    var score = 0
                    let row = i * count
                    // The diagonal holds u = ½ + s·0, never > ½: no j ≠ i test, so the loop vectorises.
                    for j in 0..<count { score += optimistic[row + j] + scale * inverseRoots[row + j] > 0.5 ? 1 : 0 }
                    scores[i] = score
                    best = Swift.max(best, score)
                }
                return best
            }
        }
    }

    /// a⁽¹⁾ when |C| > 1 (C marked in `inCandidates`): each pair with an arm in C draws the
    /// event θ⁽¹⁾ᵢⱼ > ½ once, in the paper's order i < j.
    mutating func sampledCopelandWinner() -> Int {
        Self.sampleScores(tails: tails, candidates: inCandidates, into: &sampledScores, generator: &generator)
        var best = -1
        ties.removeAll(keepingCapacity: true)
        for i in 0..<armCount where inCandidates[i] {
            if sampledScores[i] > best { best = sampledScores[i]; ties.removeAll(keepingCapacity: true); ties.append(i) }
            else if sampledScores[i] == best { ties.append(i) }
        }
        return pickUniformly(ties, using: &generator)
    }

    /// Σ_{j≠i} 1(θᵢⱼ > ½) into `scores` (exact for arms in `candidates`), one uniform per pair
    /// with an arm among the candidates.
    static func sampleScores(
        tails: BetaHalfTails, candidates: [Bool], into scores: inout [Int], generator: inout Xoshiro256PlusPlus
    ) {
        let count = tails.armCount
        // A local copy keeps the generator's state in registers through the loop.
        var random = generator
        defer { generator = random }
        tails.belowHalf.withUnsafeBufferPointer { belowHalf in
            candidates.withUnsafeBufferPointer { candidates in
                scores.withUnsafeMutableBufferPointer { scores in
                    for i in 0..<count { scores[i] = 0 }
                    for i in 0..<count {
                        let row = i * count
                        for j in (i + 1)..<count where candidates[i] || candidates[j] {
                            // Branch-free: these events are coin flips the predictor cannot learn.
                            let iWins = random.nextUniform() >= belowHalf[row + j] ? 1 : 0
                            scores[i] += iWins
                            scores[j] += 1 - iWins
                        }
                    }
                }
            }
        }
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        wins.record(first: first, second: second, firstWins: firstWins)
        tails.refresh(first, second, wins: wins)
    }
}
