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
public struct DoubleThompsonSampling: DuelingPolicy, Hashable, Codable {
    public var armCount: Int { wins.armCount }
    /// B.
    public private(set) var wins: DuelingWins
    /// α, the confidence-bound constant.
    public let alpha: Double
    var generator: Xoshiro256PlusPlus
    /// Scratch: the upper Copeland counts, the candidate set C, ties.
    var upperScores: [Int]
    var sampledScores: [Int]
    var ties: [Int]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1` or α is
    ///   not finite or not > ½.
    public init(armCount: Int, alpha: Double = 0.51, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard alpha.isFinite, alpha > 0.5 else {
            throw .invalidParameter(name: "d-ts.alpha", value: "\(alpha)", reason: "must be finite and > 0.5 (Wu & Liu 2016)")
        }
        wins = DuelingWins(armCount: armCount)
        self.alpha = alpha
        generator = Xoshiro256PlusPlus(seed: seed)
        upperScores = [Int](repeating: 0, count: armCount)
        sampledScores = [Int](repeating: 0, count: armCount)
        ties = []
        ties.reserveCapacity(armCount)
    }

    /// The confidence width √(α ln t / n) with x/0 := 1, and the mean with x/0 := 1.
    @inline(__always)
    func bounds(_ i: Int, _ j: Int, scaledLog: Double) -> (lower: Double, upper: Double) {
        if i == j { return (0.5, 0.5) }
        let n = wins.comparisons(i, j)
        guard n > 0 else { return (0, 2) }
        let mean = wins.wins(of: i, over: j) / n
        let width = (scaledLog / n).squareRoot()
        return (mean - width, mean + width)
    }

    public mutating func selectPair() -> (Int, Int) {
        let count = armCount
        guard count > 1 else { return (0, 0) }
        let scaledLog = alpha * Double.log(Double(wins.duels + 1))
        var bestUpper = -1
        for i in 0..<count {
            var score = 0
            for j in 0..<count where j != i && bounds(i, j, scaledLog: scaledLog).upper > 0.5 { score += 1 }
            upperScores[i] = score
            bestUpper = Swift.max(bestUpper, score)
        }
        // Phase 1. θ⁽¹⁾ is drawn for every pair i < j (the paper's order), whether or not i ∈ C,
        // so the random stream does not depend on C.
        for i in 0..<count { sampledScores[i] = 0 }
        for i in 0..<count {
            for j in (i + 1)..<count {
                let theta = generator.nextBeta(wins.wins(of: i, over: j) + 1, wins.wins(of: j, over: i) + 1)
                if theta > 0.5 { sampledScores[i] += 1 } else if theta < 0.5 { sampledScores[j] += 1 }
            }
        }
        var bestSampled = -1
        ties.removeAll(keepingCapacity: true)
        for i in 0..<count where upperScores[i] == bestUpper {
            if sampledScores[i] > bestSampled { bestSampled = sampledScores[i]; ties.removeAll(keepingCapacity: true); ties.append(i) }
            else if sampledScores[i] == bestSampled { ties.append(i) }
        }
        let first = ties.count == 1 ? ties[0] : ties[generator.nextIndex(below: ties.count)]
        // Phase 2.
        var bestTheta = -Double.infinity
        ties.removeAll(keepingCapacity: true)
        for i in 0..<count {
            let theta = i == first ? 0.5 : generator.nextBeta(wins.wins(of: i, over: first) + 1, wins.wins(of: first, over: i) + 1)
            guard bounds(i, first, scaledLog: scaledLog).lower <= 0.5 else { continue }
            if theta > bestTheta { bestTheta = theta; ties.removeAll(keepingCapacity: true); ties.append(i) }
            else if theta == bestTheta { ties.append(i) }
        }
        let second = ties.count == 1 ? ties[0] : ties[generator.nextIndex(below: ties.count)]
        return (first, second)
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        wins.record(first: first, second: second, firstWins: firstWins)
    }
}
