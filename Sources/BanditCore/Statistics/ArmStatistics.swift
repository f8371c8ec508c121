/// Per-arm counts, means and sums of squared deviations, in contiguous arrays.
///
/// The one estimate type shared by the index policies: means use Welford's (1962) update
/// x̄ₙ = x̄ₙ₋₁ + (x − x̄ₙ₋₁)/n, which stays accurate where a running sum would lose digits
/// (rewards of very different magnitudes, millions of pulls).
public struct ArmStatistics: Sendable, Hashable, Codable {
    /// Pulls per arm, as `Double` so index computations need no conversion.
    @inlinable public var counts: [Double] { storedCounts }
    /// Empirical mean reward per arm (0 for an arm never pulled).
    @inlinable public var means: [Double] { storedMeans }
    /// Σ (x − x̄)² per arm, for variance-aware indices.
    @inlinable public var squaredDeviationSums: [Double] { storedSquaredDeviationSums }
    /// Total number of recorded rewards.
    @inlinable public var totalCount: Int { storedTotalCount }

    // Stored as internal-but-inlinable so `record` inlines into policies in other modules.
    @usableFromInline var storedCounts: [Double]
    @usableFromInline var storedMeans: [Double]
    @usableFromInline var storedSquaredDeviationSums: [Double]
    @usableFromInline var storedTotalCount: Int

    /// Statistics for `armCount` arms, none pulled.
    public init(armCount: Int) {
        precondition(armCount > 0, "a bandit needs at least one arm")
        storedCounts = [Double](repeating: 0, count: armCount)
        storedMeans = [Double](repeating: 0, count: armCount)
        storedSquaredDeviationSums = [Double](repeating: 0, count: armCount)
        storedTotalCount = 0
    }

    /// The number of arms.
    @inlinable public var armCount: Int { counts.count }

    /// Adds one reward; the caller has validated `arm` and `reward`.
    @inlinable @inline(__always)
    public mutating func record(arm: Int, reward: Double) {
        let n = storedCounts[arm] + 1
        let delta = reward - storedMeans[arm]
        let mean = storedMeans[arm] + delta / n
        storedCounts[arm] = n
        storedMeans[arm] = mean
        storedSquaredDeviationSums[arm] += delta * (reward - mean)
        storedTotalCount += 1
    }

    /// Unbiased-by-n empirical variance (Σ(x − x̄)²/n), 0 before two pulls.
    @inlinable
    public func empiricalVariance(of arm: Int) -> Double {
        counts[arm] > 1 ? squaredDeviationSums[arm] / counts[arm] : 0
    }

    /// The first arm never pulled, if any — index policies pull each arm once before their
    /// index is defined.
    @inlinable
    public var firstUnpulledArm: Int? {
        storedCounts.withUnsafeBufferPointer { buffer in
            for arm in 0..<buffer.count where buffer[arm] == 0 { return arm }
            return nil
        }
    }

    /// The arm with the largest mean (lowest index on ties).
    @inlinable
    public var greedyArm: Int {
        storedMeans.withUnsafeBufferPointer { ArgMax.index(of: $0) }
    }
}

/// Arg-max helpers used by every index policy.
public enum ArgMax {
    /// The index of the largest element, lowest index on ties; NaN never wins.
    @inlinable @inline(__always)
    public static func index(of values: UnsafeBufferPointer<Double>) -> Int {
        var best = 0
        var bestValue = -Double.infinity
        for i in 0..<values.count where values[i] > bestValue {
            bestValue = values[i]
            best = i
        }
        return best
    }
}
