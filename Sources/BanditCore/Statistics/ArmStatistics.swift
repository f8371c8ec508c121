/// Per-arm counts, means, sums of squared deviations and 1/√count, in one contiguous buffer.
///
/// The one estimate type shared by the index policies. Means use Welford's (1962) update
/// x̄ₙ = x̄ₙ₋₁ + (x − x̄ₙ₋₁)·(1/n), which stays accurate where a running sum would lose digits
/// (rewards of very different magnitudes, millions of pulls).
///
/// The four per-arm columns live in one array, section after section, so recording a reward
/// costs one uniqueness check instead of four and each column is still contiguous for index
/// loops (``withColumns(_:)``).
public struct ArmStatistics: Sendable, Hashable, Codable {
    /// `[counts | means | squared deviation sums | 1/√counts]`, each `armCount` long.
    @usableFromInline var storage: [Double]
    /// Total number of recorded rewards.
    @inlinable public var totalCount: Int { storedTotalCount }
    @usableFromInline var storedTotalCount: Int
    /// Arms with no recorded reward (all of them at first; a reset arm again).
    public private(set) var unpulledArmCount: Int

    /// Whether some arm has no recorded reward — index policies pull those first.
    @inlinable public var hasUnpulledArm: Bool { unpulledArmCount > 0 }
    /// K.
    public let armCount: Int
    /// The shared tables of 1/n, 1/√n and ln n, held here so that hot loops reach them without
    /// the lazy-global check each access to ``CountReciprocals/shared`` costs. Not encoded.
    public let tables = CountReciprocals.shared

    private enum CodingKeys: String, CodingKey { case storage, storedTotalCount, unpulledArmCount, armCount }

    /// Decodes statistics, rejecting with a `DecodingError` any whose shape or counts are
    /// inconsistent (a corrupted or hand-edited snapshot), so that a decoded value can never
    /// index out of range later. The claimed `armCount` is compared with the data actually
    /// present; nothing is allocated from it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let armCount = try container.decode(Int.self, forKey: .armCount)
        let storage = try container.decode([Double].self, forKey: .storage)
        let totalCount = try container.decode(Int.self, forKey: .storedTotalCount)
        let unpulled = try container.decode(Int.self, forKey: .unpulledArmCount)
        guard armCount >= 1, storage.count / 4 == armCount, storage.count % 4 == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .storage, in: container,
                debugDescription: "\(storage.count) values cannot hold 4 columns of \(armCount) arms")
        }
        guard storage.allSatisfy(\.isFinite) else {
            throw DecodingError.dataCorruptedError(forKey: .storage, in: container, debugDescription: "non-finite statistic")
        }
        let counts = storage[0..<armCount]
        // Counts beyond 2⁵³ are not reachable one pull at a time (n + 1 == n there), and index
        // computations convert them to Int.
        guard counts.allSatisfy({ $0 >= 0 && $0 <= 0x1p53 && $0 == $0.rounded() }) else {
            throw DecodingError.dataCorruptedError(forKey: .storage, in: container, debugDescription: "counts must be integers in 0...2^53")
        }
        guard unpulled == counts.count(where: { $0 == 0 }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .unpulledArmCount, in: container, debugDescription: "\(unpulled) does not match the counts")
        }
        guard totalCount >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .storedTotalCount, in: container, debugDescription: "negative total")
        }
        // Every pull counts once in the total and once for its arm; resetting an arm keeps the
        // total (the rounds played) and merging adds both, so the total is never below the sum.
        // (The counts are whole numbers ≤ 2⁵³, so the sum is exact unless it is astronomical.)
        let pulls = counts.reduce(0, +)
        guard Double(totalCount) >= pulls else {
            throw DecodingError.dataCorruptedError(
                forKey: .storedTotalCount, in: container, debugDescription: "total \(totalCount) is below the \(pulls) pulls the counts record")
        }
        self.armCount = armCount
        self.storage = storage
        storedTotalCount = totalCount
        unpulledArmCount = unpulled
    }

    /// Statistics for `armCount` arms, none pulled.
    public init(armCount: Int) {
        precondition(armCount > 0, "a bandit needs at least one arm")
        self.armCount = armCount
        storage = [Double](repeating: 0, count: 4 * armCount)
        storedTotalCount = 0
        unpulledArmCount = armCount
    }

    /// Pulls per arm, as `Double` so index computations need no conversion.
    public var counts: [Double] { Array(storage[0..<armCount]) }
    /// Empirical mean reward per arm (0 for an arm never pulled).
    public var means: [Double] { Array(storage[armCount..<2 * armCount]) }
    /// Σ (x − x̄)² per arm, for variance-aware indices.
    public var squaredDeviationSums: [Double] { Array(storage[2 * armCount..<3 * armCount]) }

    /// The pulls of one arm.
    @inlinable public func count(of arm: Int) -> Double { storage[arm] }
    /// The empirical mean of one arm.
    @inlinable public func mean(of arm: Int) -> Double { storage[armCount + arm] }

    /// Read-only views of the columns, for index loops that must not allocate.
    @inlinable
    public func withColumns<Result>(
        _ body: (_ counts: UnsafeBufferPointer<Double>, _ means: UnsafeBufferPointer<Double>,
                 _ squaredDeviationSums: UnsafeBufferPointer<Double>, _ inverseRootCounts: UnsafeBufferPointer<Double>) throws -> Result
    ) rethrows -> Result {
        let k = armCount
        return try storage.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            return try body(
                UnsafeBufferPointer(start: base, count: k), UnsafeBufferPointer(start: base + k, count: k),
                UnsafeBufferPointer(start: base + 2 &* k, count: k), UnsafeBufferPointer(start: base + 3 &* k, count: k))
        }
    }

    /// Adds one reward; the caller has validated `arm` and `reward`.
    @inlinable @inline(__always)
    public mutating func record(arm: Int, reward: Double) {
        record(arm: arm, reward: reward, reciprocals: tables)
    }

    /// ``record(arm:reward:)`` with the reciprocal table passed in (hot loops fetch it once).
    @inlinable @inline(__always)
    public mutating func record(arm: Int, reward: Double, reciprocals: CountReciprocals) {
        precondition(arm >= 0 && arm < armCount, "arm out of range")
        let k = armCount
        // Offsets cannot overflow (4k elements exist), hence the wrapping arithmetic: this runs
        // once per simulated round.
        let previousCount = storage.withUnsafeMutableBufferPointer { buffer in
            let previous = buffer[arm]
            let n = previous + 1
            let (inverse, inverseRoot) = reciprocals.reciprocals(of: n)
            let mean = buffer[k &+ arm]
            let delta = reward - mean
            let newMean = mean + delta * inverse
            buffer[arm] = n
            buffer[k &+ arm] = newMean
            buffer[2 &* k &+ arm] += delta * (reward - newMean)
            buffer[3 &* k &+ arm] = inverseRoot
            return previous
        }
        if previousCount == 0 { noteFirstPull() }
        storedTotalCount += 1
    }

    /// Forgets one arm's rewards (the total count keeps them: it counts rounds played).
    public mutating func reset(arm: Int) {
        precondition(arm >= 0 && arm < armCount, "arm out of range")
        if storage[arm] > 0 { unpulledArmCount += 1 }
        for column in 0..<4 { storage[column * armCount + arm] = 0 }
    }

    @usableFromInline mutating func noteFirstPull() { unpulledArmCount -= 1 }

    /// Unbiased-by-n empirical variance (Σ(x − x̄)²/n), 0 before two pulls.
    @inlinable
    public func empiricalVariance(of arm: Int) -> Double {
        let n = storage[arm]
        return n > 1 ? storage[2 * armCount + arm] / n : 0
    }

    /// The first arm never pulled, if any — index policies pull each arm once before their
    /// index is defined.
    @inlinable
    public var firstUnpulledArm: Int? {
        for arm in 0..<armCount where storage[arm] == 0 { return arm }
        return nil
    }

    /// The arm with the largest mean (lowest index on ties).
    @inlinable
    public var greedyArm: Int {
        withColumns { _, means, _, _ in ArgMax.index(of: means) }
    }
}

/// Arg-max helpers used by every index policy.
public enum ArgMax {
    /// The index of the largest element, lowest index on ties; NaN never wins.
    ///
    /// Four independent running maxima break the compare-and-select dependency chain that makes
    /// a one-accumulator scan latency-bound; merging them by (value, then lowest index) keeps
    /// the result identical to a left-to-right scan.
    @inlinable @inline(__always)
    public static func index(of values: UnsafeBufferPointer<Double>) -> Int {
        let count = values.count
        guard count > 4 else {
            var best = 0
            var bestValue = -Double.infinity
            for i in 0..<count where values[i] > bestValue {
                bestValue = values[i]
                best = i
            }
            return best
        }
        var bestValue = (-Double.infinity, -Double.infinity, -Double.infinity, -Double.infinity)
        var best = (0, 1, 2, 3)
        var i = 0
        while i + 4 <= count {
            if values[i] > bestValue.0 { bestValue.0 = values[i]; best.0 = i }
            if values[i + 1] > bestValue.1 { bestValue.1 = values[i + 1]; best.1 = i + 1 }
            if values[i + 2] > bestValue.2 { bestValue.2 = values[i + 2]; best.2 = i + 2 }
            if values[i + 3] > bestValue.3 { bestValue.3 = values[i + 3]; best.3 = i + 3 }
            i += 4
        }
        while i < count {
            if values[i] > bestValue.0 { bestValue.0 = values[i]; best.0 = i }
            i += 1
        }
        var winner = best.0
        var winnerValue = bestValue.0
        for (value, index) in [(bestValue.1, best.1), (bestValue.2, best.2), (bestValue.3, best.3)]
        where value > winnerValue || (value == winnerValue && index < winner && value > -Double.infinity) {
            winner = index
            winnerValue = value
        }
        // All NaN or −∞: the scan's answer is index 0.
        return winnerValue > -Double.infinity ? winner : 0
    }
}
