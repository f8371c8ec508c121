/// The features a contextual policy sees in one round: one d-dimensional column per arm, stored
/// column-major as a d × K matrix in one contiguous buffer (element (i, a) at `storage[i + a·d]`).
///
/// This is exactly the layout BLAS takes, so a linear policy scores all K arms with one matrix
/// operation on the buffer, without copying it. The shape is fixed at creation; an environment
/// or a service keeps one `ArmFeatures` and refills it in place every round
/// (``withUnsafeMutableBufferPointer(_:)`` or the subscript), which never allocates while the
/// buffer is uniquely referenced.
///
/// A hybrid model (Li et al. 2010, §3.2: shared features z and per-arm features x) uses the same
/// type: each column is the concatenation of the arm's feature groups and the policy says which
/// rows belong to which group.
public struct ArmFeatures: Sendable, Hashable {
    /// d, the length of each arm's feature vector (rows).
    public let dimension: Int
    /// K, the number of arms (columns).
    public let armCount: Int
    /// The d·K entries, column-major; read-only so the shape cannot change.
    public private(set) var storage: [Double]

    /// A d × K block of zeros, to be filled in place.
    /// - Precondition: `dimension ≥ 0`, `armCount ≥ 0`.
    public init(dimension: Int, armCount: Int) {
        precondition(dimension >= 0 && armCount >= 0, "ArmFeatures: negative shape")
        self.dimension = dimension
        self.armCount = armCount
        storage = [Double](repeating: 0, count: dimension * armCount)
    }

    /// Wraps column-major data (no copy).
    /// - Throws: ``BanditError/dimensionMismatch(name:expected:actual:)`` if the count is not d·K.
    public init(dimension: Int, armCount: Int, columnMajor: [Double]) throws(BanditError) {
        guard dimension >= 0, armCount >= 0 else {
            throw .invalidParameter(name: "features", value: "\(dimension) × \(armCount)", reason: "shape must be non-negative")
        }
        guard columnMajor.count == dimension * armCount else {
            throw .dimensionMismatch(name: "features", expected: dimension * armCount, actual: columnMajor.count)
        }
        self.dimension = dimension
        self.armCount = armCount
        storage = columnMajor
    }

    /// One array per arm, each of length d (convenient for services and tests).
    /// - Throws: ``BanditError/dimensionMismatch(name:expected:actual:)`` if the arms' vectors
    ///   differ in length.
    public init(arms: [[Double]]) throws(BanditError) {
        let d = arms.first?.count ?? 0
        var data: [Double] = []
        data.reserveCapacity(d * arms.count)
        for (arm, column) in arms.enumerated() {
            guard column.count == d else { throw .dimensionMismatch(name: "features[arm \(arm)]", expected: d, actual: column.count) }
            data.append(contentsOf: column)
        }
        try self.init(dimension: d, armCount: arms.count, columnMajor: data)
    }

    /// Feature `row` of arm `arm`.
    public subscript(row: Int, arm: Int) -> Double {
        get {
            precondition(row >= 0 && row < dimension && arm >= 0 && arm < armCount, "ArmFeatures: index out of range")
            return storage[row + arm * dimension]
        }
        set {
            precondition(row >= 0 && row < dimension && arm >= 0 && arm < armCount, "ArmFeatures: index out of range")
            storage[row + arm * dimension] = newValue
        }
    }

    /// The feature vector of one arm (a copy).
    public func column(_ arm: Int) -> [Double] {
        precondition(arm >= 0 && arm < armCount, "ArmFeatures: arm out of range")
        return Array(storage[(arm * dimension)..<((arm + 1) * dimension)])
    }

    /// Copies arm `arm`'s vector into `vector` (whose count must be d) without allocating when
    /// `vector` is uniquely referenced.
    public func copyColumn(_ arm: Int, into vector: inout [Double]) {
        precondition(arm >= 0 && arm < armCount && vector.count == dimension, "ArmFeatures.copyColumn: bad arm or length")
        let start = arm * dimension
        storage.withUnsafeBufferPointer { source in
            vector.withUnsafeMutableBufferPointer { target in
                for i in 0..<dimension { target[i] = source[start + i] }
            }
        }
    }

    /// Read-only access to the column-major buffer.
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Double>) throws(E) -> R) throws(E) -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Mutable access to the column-major buffer (the count cannot change).
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(_ body: (UnsafeMutableBufferPointer<Double>) throws(E) -> R) throws(E) -> R {
        try storage.withUnsafeMutableBufferPointer { (buffer: inout UnsafeMutableBufferPointer<Double>) throws(E) -> R in
            try body(buffer)
        }
    }

    /// The first (row, arm) holding NaN or ±∞, or `nil` when every entry is finite.
    public func firstNonFiniteEntry() -> (row: Int, arm: Int)? {
        let d = dimension
        return storage.withUnsafeBufferPointer { buffer in
            // Fast path: v − v is 0 for finite v and NaN otherwise; four independent sums keep
            // the scan at vector speed. Only when one is NaN is the offending entry located.
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            let count = buffer.count
            while i + 4 <= count {
                s0 += buffer[i] - buffer[i]; s1 += buffer[i + 1] - buffer[i + 1]
                s2 += buffer[i + 2] - buffer[i + 2]; s3 += buffer[i + 3] - buffer[i + 3]
                i += 4
            }
            while i < count { s0 += buffer[i] - buffer[i]; i += 1 }
            if (s0 + s1 + s2 + s3) == 0 { return nil }
            for index in buffer.indices where !buffer[index].isFinite {
                return d > 0 ? (index % d, index / d) : (0, 0)
            }
            return nil
        }
    }
}

/// A policy for the (linear or generalised-linear) contextual bandit with K arms whose features
/// change every round.
///
/// Each round: ``selectArm(features:)`` sees every arm's d-dimensional feature vector (one column
/// per arm of an ``ArmFeatures``) and returns an arm; the caller observes that arm's reward and
/// calls ``update(arm:features:reward:)`` with the arm, *its* feature vector and the reward.
/// Passing the chosen vector (rather than the round's whole matrix) lets a service log one
/// vector per decision and apply delayed feedback long after the round.
///
/// Every mutating requirement is all-or-nothing: it validates its input first (wrong dimension,
/// wrong arm count, NaN/∞ features or rewards, unknown arm) and throws a typed ``BanditError``
/// with the policy unchanged. Policies are value types that own their randomness, so copying one
/// forks it and encoding one snapshots it; hot paths reuse internal buffers and do not allocate.
public protocol ContextualPolicy: Sendable {
    /// K; arms are `0..<armCount` and every ``ArmFeatures`` passed in must have K columns.
    var armCount: Int { get }
    /// d, the length of each arm's feature vector.
    var dimension: Int { get }

    /// Chooses an arm given every arm's features. May consume the policy's own randomness.
    /// - Throws: ``BanditError/dimensionMismatch(name:expected:actual:)`` for a wrong d or K,
    ///   ``BanditError/invalidParameter(name:value:reason:)`` for a non-finite feature; the
    ///   policy is then unchanged.
    mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int

    /// Records `reward` for `arm`, whose feature vector in the round it was chosen was `features`.
    /// - Throws: ``BanditError/unknownArm(arm:armCount:)``,
    ///   ``BanditError/dimensionMismatch(name:expected:actual:)``,
    ///   ``BanditError/invalidParameter(name:value:reason:)`` (non-finite feature) or
    ///   ``BanditError/nonFiniteReward(arm:value:)``; the policy is then unchanged.
    mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError)
}

/// A contextual policy that can state the probability of choosing each arm given the features —
/// what logging for off-policy evaluation (e.g. the replay estimator) needs.
public protocol ContextualPropensityReporting: ContextualPolicy {
    /// The probability that ``ContextualPolicy/selectArm(features:)`` returns `arm` now.
    func propensity(of arm: Int, features: ArmFeatures) throws(BanditError) -> Double
}

extension ContextualPolicy {
    /// The checks every `selectArm(features:)` starts with.
    @inlinable
    public func validate(features: ArmFeatures) throws(BanditError) {
        guard features.dimension == dimension else {
            throw .dimensionMismatch(name: "features (dimension)", expected: dimension, actual: features.dimension)
        }
        guard features.armCount == armCount else {
            throw .dimensionMismatch(name: "features (arms)", expected: armCount, actual: features.armCount)
        }
        if let (row, arm) = features.firstNonFiniteEntry() {
            throw .invalidParameter(name: "features[\(row), arm \(arm)]", value: "\(features[row, arm])", reason: "features must be finite")
        }
    }

    /// The checks every `update(arm:features:reward:)` starts with.
    @inlinable
    public func validate(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        guard features.count == dimension else {
            throw .dimensionMismatch(name: "features", expected: dimension, actual: features.count)
        }
        if let row = features.firstIndex(where: { !$0.isFinite }) {
            throw .invalidParameter(name: "features[\(row)]", value: "\(features[row])", reason: "features must be finite")
        }
        guard reward.isFinite else { throw .nonFiniteReward(arm: arm, value: reward) }
    }

    /// Convenience: update with the chosen arm's column of the round's features.
    public mutating func update(arm: Int, roundFeatures: ArmFeatures, reward: Double) throws(BanditError) {
        guard arm >= 0 && arm < armCount, roundFeatures.armCount == armCount else {
            throw .unknownArm(arm: arm, armCount: armCount)
        }
        try update(arm: arm, features: roundFeatures.column(arm), reward: reward)
    }
}

/// The arm with the largest score, ties to the lowest index; NaN scores never win.
@inlinable
public func argmaxLowestIndex(_ scores: UnsafeBufferPointer<Double>) -> Int {
    var best = 0
    var bestValue = -Double.infinity
    for index in scores.indices where scores[index] > bestValue {
        bestValue = scores[index]
        best = index
    }
    return best
}
