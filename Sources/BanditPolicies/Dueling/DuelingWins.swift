import BanditCore
import RealModule

/// The win counts of a dueling policy: `wins(of: i, over: j)` is W[i][j], the number of duels
/// between i and j that i won. Duels of an arm against itself carry no information and are
/// counted in ``selfDuels`` only, so for i ≠ j, W[i][j] + W[j][i] is the number of duels
/// between i and j.
///
/// Beside W it keeps, per ordered pair, the pieces of the relative confidence bounds
/// uᵢⱼ, lᵢⱼ = μ̂ᵢⱼ ± √(α ln t / nᵢⱼ) used by RUCB, RCS, CCB and D-TS (Zoghi et al. 2014,
/// Algorithm 1, line 3): only the duelled pair's entries change in a duel, while √(α ln t)
/// changes every round, so a bound costs one multiply-add — no division or square root per
/// pair and round. The papers' convention x/0 := 1 gives an unseen pair u = 2 and l = 0.
public struct DuelingWins: Sendable, Hashable, Codable {
    /// K.
    public let armCount: Int
    /// W, row-major: `counts[i * K + j]` = W[i][j].
    public private(set) var counts: [Double]
    /// μ̂ᵢⱼ where i and j met, 2 for an unseen pair (x/0 := 1 twice), ½ on the diagonal:
    /// uᵢⱼ = `optimisticMeans[i*K+j]` + √(α ln t)·`inverseRootComparisons[i*K+j]`.
    public private(set) var optimisticMeans: [Double]
    /// μ̂ᵢⱼ where i and j met, 0 for an unseen pair (1 − 1), ½ on the diagonal:
    /// lᵢⱼ = `pessimisticMeans[i*K+j]` − √(α ln t)·`inverseRootComparisons[i*K+j]`.
    public private(set) var pessimisticMeans: [Double]
    /// 1/√nᵢⱼ where i and j met, 0 otherwise and on the diagonal.
    public private(set) var inverseRootComparisons: [Double]
    /// Duels of an arm against itself.
    public private(set) var selfDuels = 0
    /// Every duel recorded (including self-duels).
    public private(set) var duels = 0

    public init(armCount: Int) {
        self.armCount = armCount
        let cells = armCount * armCount
        counts = [Double](repeating: 0, count: cells)
        optimisticMeans = [Double](repeating: 2, count: cells)
        pessimisticMeans = [Double](repeating: 0, count: cells)
        inverseRootComparisons = [Double](repeating: 0, count: cells)
        for i in 0..<armCount {
            optimisticMeans[i * armCount + i] = 0.5
            pessimisticMeans[i * armCount + i] = 0.5
        }
    }

    /// W[i][j].
    @inlinable @inline(__always)
    public func wins(of i: Int, over j: Int) -> Double { counts[i * armCount + j] }

    /// W[i][j] + W[j][i]: the duels between i and j (0 for i = j).
    @inlinable @inline(__always)
    public func comparisons(_ i: Int, _ j: Int) -> Double { counts[i * armCount + j] + counts[j * armCount + i] }

    /// The empirical probability that i beats j, ½ when they never met.
    @inlinable @inline(__always)
    public func mean(_ i: Int, _ j: Int) -> Double {
        let n = comparisons(i, j)
        return n > 0 ? counts[i * armCount + j] / n : 0.5
    }

    /// √(α ln t) with t = duels recorded + 1, the round about to be played.
    @inlinable
    public func confidenceScale(alpha: Double) -> Double {
        (alpha * Double.log(Double(duels + 1))).squareRoot()
    }

    /// uᵢⱼ for the confidence scale s = √(α ln t).
    @inlinable @inline(__always)
    public func upper(_ i: Int, _ j: Int, scale: Double) -> Double {
        let cell = i * armCount + j
        return optimisticMeans[cell] + scale * inverseRootComparisons[cell]
    }

    /// lᵢⱼ for the confidence scale s = √(α ln t).
    @inlinable @inline(__always)
    public func lower(_ i: Int, _ j: Int, scale: Double) -> Double {
        let cell = i * armCount + j
        return pessimisticMeans[cell] - scale * inverseRootComparisons[cell]
    }

    /// Records one duel; arms must already be validated.
    public mutating func record(first: Int, second: Int, firstWins: Bool) {
        duels += 1
        if first == second { selfDuels += 1; return }
        let k = armCount
        if firstWins { counts[first * k + second] += 1 } else { counts[second * k + first] += 1 }
        let forward = first * k + second, backward = second * k + first
        let n = counts[forward] + counts[backward]
        let mean = counts[forward] / n
        let inverseRoot = 1 / n.squareRoot()
        optimisticMeans[forward] = mean
        pessimisticMeans[forward] = mean
        optimisticMeans[backward] = 1 - mean
        pessimisticMeans[backward] = 1 - mean
        inverseRootComparisons[forward] = inverseRoot
        inverseRootComparisons[backward] = inverseRoot
    }
}

/// The Bernoulli Kullback–Leibler divergence d(p, ½) = p ln 2p + (1−p) ln 2(1−p), 0 ln 0 = 0.
func divergenceFromHalf(_ p: Double) -> Double {
    var value = 0.0
    if p > 0 { value += p * Double.log(2 * p) }
    if p < 1 { value += (1 - p) * Double.log(2 * (1 - p)) }
    return max(value, 0)
}

/// Validates the confidence constant α > ½ shared by RUCB, RCS, CCB and D-TS (their regret
/// theorems need it), naming the policy's parameter.
func validateConfidenceAlpha(_ alpha: Double, name: String, source: String) throws(BanditError) {
    guard alpha.isFinite, alpha > 0.5 else {
        throw .invalidParameter(name: name, value: "\(alpha)", reason: "must be finite and > 0.5 (\(source))")
    }
}

/// Validates K ≥ 1.
func validateArmCount(_ armCount: Int) throws(BanditError) {
    guard armCount >= 1 else {
        throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
    }
}

/// Picks one of `ties` (non-empty) uniformly, drawing no randomness when there is only one.
@inline(__always)
func pickUniformly(_ ties: [Int], using generator: inout Xoshiro256PlusPlus) -> Int {
    ties.count == 1 ? ties[0] : ties[generator.nextIndex(below: ties.count)]
}
