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
/// (see ``BetaHalfTails``). uᵢⱼ > ½ is tested as α ln t > (½ − μ̂ᵢⱼ)²·nᵢⱼ (the same inequality
/// squared, for μ̂ᵢⱼ ≤ ½; always true for μ̂ᵢⱼ > ½ or an unseen pair): the right side changes only
/// with the pair's counts, so C is recomputed only after a duel between two different arms or
/// when ln t passes the next of these thresholds — not every round.
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
    /// For each ordered pair, the level of ln t above which uᵢⱼ > ½ (−∞: always; +∞: never,
    /// the diagonal).
    var upperCrossings: [Double]
    /// C as a list, valid while ln t ≤ `candidatesValidUntil` and no pair changed.
    var candidates: [Int]
    var candidatesValidUntil = -Double.infinity

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
        upperCrossings = [Double](repeating: -.infinity, count: armCount * armCount)
        for i in 0..<armCount { upperCrossings[i * armCount + i] = .infinity }
        candidates = []
        candidates.reserveCapacity(armCount)
    }

    public mutating func selectPair() -> (Int, Int) {
        let count = armCount
        guard count > 1 else { return (0, 0) }
        let logT = Double.log(Double(wins.duels + 1))
        let scale = (alpha * logT).squareRoot()
        if logT > candidatesValidUntil { refreshCandidates(logT: logT) }
        let first = candidates.count == 1 ? candidates[0] : sampledCopelandWinner()
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

    /// C = argmaxᵢ #{j ≠ i : uᵢⱼ > ½} at ln t = `logT`, and the level of ln t up to which it
    /// stays valid: the smallest threshold not yet passed.
    mutating func refreshCandidates(logT: Double) {
        let count = armCount
        var best = -1
        var validUntil = Double.infinity
        for i in 0..<count {
            var score = 0
            for j in 0..<count {
                let crossing = upperCrossings[i * count + j]
                if logT > crossing { score += 1 } else if crossing < validUntil { validUntil = crossing }
            }
            upperScores[i] = score
            best = Swift.max(best, score)
        }
        candidates.removeAll(keepingCapacity: true)
        for i in 0..<count {
            inCandidates[i] = upperScores[i] == best
            if inCandidates[i] { candidates.append(i) }
        }
        candidatesValidUntil = validUntil
    }

    /// The level of ln t above which uᵢⱼ > ½, from the pair's counts.
    func upperCrossing(_ i: Int, _ j: Int) -> Double {
        let n = wins.comparisons(i, j)
        guard n > 0 else { return -.infinity }
        let mean = wins.wins(of: i, over: j) / n
        guard mean <= 0.5 else { return -.infinity }
        return (0.5 - mean) * (0.5 - mean) * n / alpha
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
        guard first != second else { return }
        tails.refresh(first, second, wins: wins)
        upperCrossings[first * armCount + second] = upperCrossing(first, second)
        upperCrossings[second * armCount + first] = upperCrossing(second, first)
        candidatesValidUntil = -.infinity
    }
}
