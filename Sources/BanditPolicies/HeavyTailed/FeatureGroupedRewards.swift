import BanditCore

/// A reward history grouped by feature vector, for estimators that truncate every past reward
/// against a factor of its own feature vector (``TOFU``).
///
/// TOFU keeps yₛ·𝟙{|u·yₛ| ≤ b} with u the same for every sample of one vector x, so a group
/// holds its rewards sorted by magnitude with running sums: the kept sum is a prefix sum found
/// by binary search, O(log n) instead of O(n), and one projection of x serves the whole group.
/// With contexts held for r rounds or a fixed arm set this divides the per-round cost by the
/// repetition count; with fresh contexts every round each group has one reward and nothing is
/// lost. The result is identical to summing over the samples one by one, up to the order of
/// the additions.
///
/// Storage grows with the history (as TOFU requires); nothing else allocates.
struct FeatureGroupedRewards: Sendable, Hashable, Codable {
    /// d.
    let dimension: Int
    /// The groups' feature vectors, d × G column-major.
    private(set) var features: [Double] = []
    /// Per group, the rewards sorted by |y| ascending (equal magnitudes in arrival order).
    private(set) var rewards: [[Double]] = []
    /// Per group, prefixSums[g][k] = rewards[g][0] + … + rewards[g][k].
    private(set) var prefixSums: [[Double]] = []
    /// A feature vector's group.
    private var groupOf: [[Double]: Int] = [:]
    /// Σ|y| over every reward, which bounds every prefix sum.
    private(set) var absoluteTotal = 0.0
    /// t, the rewards recorded.
    private(set) var count = 0

    init(dimension: Int) { self.dimension = dimension }

    // The sorted rewards, the groups' vectors and Σ|y| are stored; the prefix sums (sequential
    // sums of the sorted rewards, so rebuilt to the same bits) and the vector → group index
    // are rebuilt. Σ|y| is stored because it was summed in arrival order, which is lost.
    private enum CodingKeys: String, CodingKey { case dimension, features, rewards, absoluteTotal, count }

    /// Decodes and checks the shapes the rebuilding relies on (d × G vectors, one reward list
    /// per group, the count the lists add up to); value-level checks are in
    /// ``validate(_:dimension:)``.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dimension = try container.decode(Int.self, forKey: .dimension)
        features = try container.decode([Double].self, forKey: .features)
        rewards = try container.decode([[Double]].self, forKey: .rewards)
        absoluteTotal = try container.decode(Double.self, forKey: .absoluteTotal)
        count = try container.decode(Int.self, forKey: .count)
        let (cells, overflow) = dimension.multipliedReportingOverflow(by: rewards.count)
        guard dimension >= 1, !overflow, cells == features.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .features, in: container,
                debugDescription: "\(features.count) feature entries for \(rewards.count) groups of dimension \(dimension)")
        }
        guard count == rewards.reduce(0, { $0 + $1.count }) else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: container, debugDescription: "\(count) is not the number of rewards stored")
        }
        prefixSums = rewards.map { group in
            var running = 0.0
            return group.map { running += $0; return running }
        }
        for g in 0..<rewards.count {
            let x = Array(features[(g * dimension)..<((g + 1) * dimension)])
            guard groupOf.updateValue(g, forKey: x) == nil else {
                throw DecodingError.dataCorruptedError(forKey: .features, in: container, debugDescription: "group \(g) repeats an earlier vector")
            }
        }
    }

    /// A decoded history's values: finite vectors and rewards, each group non-empty and sorted
    /// by |y| (the kept-sum search relies on it), Σ|y| finite and at least the stored |y|'s sum.
    func validate(_ check: StateCheck, dimension expected: Int) throws(StateViolation) {
        try check.require(dimension == expected, "dimension", "\(dimension), the design's is \(expected)")
        try check.finite("features", features)
        var total = 0.0
        for (g, group) in rewards.enumerated() {
            try check.require(!group.isEmpty, "rewards[\(g)]", "is empty")
            try check.finite("rewards[\(g)]", group)
            for k in group.indices.dropFirst() where abs(group[k - 1]) > abs(group[k]) {
                throw check.fail("rewards[\(g)]", "is not sorted by magnitude at \(k)")
            }
            for y in group { total += abs(y) }
        }
        try check.require(
            absoluteTotal.isFinite && absoluteTotal >= total * (1 - 1e-12), "absoluteTotal",
            "\(absoluteTotal) is not Σ|y| = \(total)")
    }

    /// G.
    var groupCount: Int { rewards.count }

    /// Whether `reward` can be added without a prefix sum overflowing.
    func accepts(_ reward: Double) -> Bool { (absoluteTotal + abs(reward)).isFinite }

    /// Adds one (x, y); `x` has d finite entries and ``accepts(_:)`` holds for `y`.
    mutating func append(features x: [Double], reward y: Double) {
        precondition(x.count == dimension && accepts(y), "FeatureGroupedRewards.append: unchecked input")
        let group: Int
        if let existing = groupOf[x] {
            group = existing
        } else {
            group = rewards.count
            groupOf[x] = group
            features.append(contentsOf: x)
            rewards.append([])
            prefixSums.append([])
        }
        let position = rewards[group].withUnsafeBufferPointer { Self.countKept($0, scale: 1, level: abs(y)) }
        rewards[group].insert(y, at: position)
        prefixSums[group].append(0)
        rewards[group].withUnsafeBufferPointer { values in
            prefixSums[group].withUnsafeMutableBufferPointer { sums in
                var running = position > 0 ? sums[position - 1] : 0
                for k in position..<values.count {
                    running += values[k]
                    sums[k] = running
                }
            }
        }
        absoluteTotal += abs(y)
        count += 1
    }

    /// Calls `body` with group g's kept-sum function: for `scale` ≥ 0 and `level`, the sum of
    /// the group's rewards y with `scale`·|y| ≤ `level`, and how many there are. The products
    /// are compared exactly as written (monotone in |y|, so a binary search over the sorted
    /// magnitudes finds the boundary). The group's buffers are borrowed once for all calls.
    func withKeptSums<Result>(group g: Int, _ body: ((_ scale: Double, _ level: Double) -> (sum: Double, kept: Int)) -> Result) -> Result {
        rewards[g].withUnsafeBufferPointer { values in
            prefixSums[g].withUnsafeBufferPointer { sums in
                body { scale, level in
                    let kept = Self.countKept(values, scale: scale, level: level)
                    return (kept > 0 ? sums[kept - 1] : 0, kept)
                }
            }
        }
    }

    /// Rewards in group g.
    func size(of g: Int) -> Int { rewards[g].count }

    /// The number of leading entries of `sorted` (ascending in |y|) with scale·|y| ≤ level.
    ///
    /// Galloping down from the largest magnitude, then a binary search in the last gap: TOFU's
    /// level outgrows the coefficients, so usually only the top few rewards (or none) are cut
    /// and this costs O(1 + log m) for m of them rather than O(log n).
    private static func countKept(_ sorted: UnsafeBufferPointer<Double>, scale: Double, level: Double) -> Int {
        let n = sorted.count
        func kept(_ index: Int) -> Bool { scale * abs(sorted[index]) <= level }
        guard n > 0, !kept(n - 1) else { return n }
        // Invariant: entry `high` is cut; find a kept entry (or the start) below it.
        var high = n - 1
        var step = 1
        var low = high - step
        while low >= 0 && !kept(low) {
            high = low
            step *= 2
            low = high - step
        }
        // Entries ≤ low (if low ≥ 0) are kept, entries ≥ high are cut.
        var first = Swift.max(low + 1, 0)
        var last = high
        while first < last {
            let middle = (first + last) / 2
            if kept(middle) { first = middle + 1 } else { last = middle }
        }
        return first
    }
}
