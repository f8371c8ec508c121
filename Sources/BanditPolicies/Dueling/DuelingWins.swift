import BanditCore
import RealModule

/// The win counts of a dueling policy: `wins(of: i, over: j)` is W[i][j], the number of duels
/// between i and j that i won. Duels of an arm against itself carry no information and are
/// counted in ``selfDuels`` only, so for i ≠ j, W[i][j] + W[j][i] is the number of duels
/// between i and j.
public struct DuelingWins: Sendable, Hashable, Codable {
    /// K.
    public let armCount: Int
    /// W, row-major: `counts[i * K + j]` = W[i][j].
    public private(set) var counts: [Double]
    /// Duels of an arm against itself.
    public private(set) var selfDuels = 0
    /// Every duel recorded (including self-duels).
    public private(set) var duels = 0

    public init(armCount: Int) {
        self.armCount = armCount
        counts = [Double](repeating: 0, count: armCount * armCount)
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

    /// Records one duel; arms must already be validated.
    public mutating func record(first: Int, second: Int, firstWins: Bool) {
        duels += 1
        if first == second { selfDuels += 1; return }
        if firstWins { counts[first * armCount + second] += 1 } else { counts[second * armCount + first] += 1 }
    }
}

/// The Bernoulli Kullback–Leibler divergence d(p, ½) = p ln 2p + (1−p) ln 2(1−p), 0 ln 0 = 0.
func divergenceFromHalf(_ p: Double) -> Double {
    var value = 0.0
    if p > 0 { value += p * Double.log(2 * p) }
    if p < 1 { value += (1 - p) * Double.log(2 * (1 - p)) }
    return max(value, 0)
}
