import RealModule

/// The truncated empirical mean of Bubeck, Cesa-Bianchi & Lugosi (2013, "Bandits with heavy
/// tail", IEEE Trans. Inf. Theory 59(11), Lemma 1).
///
/// For i.i.d. X₁, …, Xₙ with E|X|^{1+ε} ≤ u (a *raw* moment bound, ε ∈ (0, 1]) and a
/// confidence level δ,
///
///     μ̂ = (1/n) Σₛ Xₛ·𝟙{|Xₛ| ≤ Bₛ},   Bₛ = (u·s / ln(1/δ))^{1/(1+ε)},
///
/// and with probability at least 1 − δ, μ̂ ≤ μ + 4·u^{1/(1+ε)}·(ln(1/δ)/n)^{ε/(1+ε)}
/// (``deviationBound(sampleCount:delta:)``; the lower deviation is symmetric).
///
/// The truncation levels depend on δ, so an estimate for a new δ reads every sample: O(n).
/// The estimate is cached for the last δ, so repeated queries at the same δ cost O(1) and a
/// new sample at an unchanged δ costs O(1). The mean is accumulated as a convex combination
/// m ← m + (y − m)/s in the form m·(1 − 1/s) + y/s, which cannot overflow for finite rewards
/// (rewards of 10³⁰⁰ stay finite).
public struct TruncatedMean: Sendable, Hashable, Codable {
    /// ε ∈ (0, 1]: the moment order is 1 + ε.
    public let epsilon: Double
    /// u > 0 with E|X|^{1+ε} ≤ u.
    public let momentBound: Double
    /// The samples, in arrival order (the truncation level of sample s depends on s).
    public private(set) var samples: [Double] = []
    /// The δ of the cached estimate (NaN: none).
    private var cachedDelta: Double = .nan
    private var cachedEstimate: Double = 0

    private enum CodingKeys: String, CodingKey { case epsilon, momentBound, samples }

    /// Equal when parameters and samples are: the cache is not part of the value.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.epsilon == rhs.epsilon && lhs.momentBound == rhs.momentBound && lhs.samples == rhs.samples }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epsilon)
        hasher.combine(momentBound)
        hasher.combine(samples)
    }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless ε ∈ (0, 1] and u > 0 finite.
    public init(epsilon: Double, momentBound: Double) throws(BanditError) {
        try Self.validate(epsilon: epsilon, momentBound: momentBound)
        self.epsilon = epsilon
        self.momentBound = momentBound
    }

    /// The checks of ``init(epsilon:momentBound:)``, shared with the policies that use it.
    public static func validate(epsilon: Double, momentBound: Double) throws(BanditError) {
        guard epsilon.isFinite, epsilon > 0, epsilon <= 1 else {
            throw .invalidParameter(name: "epsilon", value: "\(epsilon)", reason: "must lie in (0, 1]")
        }
        guard momentBound.isFinite, momentBound > 0 else {
            throw .invalidParameter(name: "u", value: "\(momentBound)", reason: "must be positive and finite")
        }
    }

    /// n.
    public var count: Int { samples.count }

    /// Adds one sample.
    /// - Throws: ``BanditError/nonFiniteReward(arm:value:)`` (arm −1) if `x` is not finite; the
    ///   estimator is then unchanged.
    public mutating func add(_ x: Double) throws(BanditError) {
        guard x.isFinite else { throw .nonFiniteReward(arm: -1, value: x) }
        append(x)
    }

    /// Adds a sample the caller has validated; keeps the cached estimate current in O(1).
    public mutating func append(_ x: Double) {
        samples.append(x)
        updateCacheAfterAppend()
    }

    mutating func updateCacheAfterAppend() {
        // The cached δ's estimate absorbs the new sample exactly as the full loop would.
        guard !cachedDelta.isNaN else { return }
        let s = samples.count
        let level = Self.truncationLevel(index: s, epsilon: epsilon, momentBound: momentBound, logInverseDelta: Double.log(1 / cachedDelta))
        let y = abs(samples[s - 1]) <= level ? samples[s - 1] : 0
        let w = 1 / Double(s)
        cachedEstimate = cachedEstimate * (1 - w) + y * w
    }

    /// Forgets every sample.
    public mutating func reset() {
        samples.removeAll(keepingCapacity: true)
        cachedDelta = .nan
        cachedEstimate = 0
    }

    /// Bₛ = (u·s / ln(1/δ))^{1/(1+ε)}, computed in logarithms so it cannot overflow to NaN.
    @inlinable
    public static func truncationLevel(index s: Int, epsilon: Double, momentBound u: Double, logInverseDelta: Double) -> Double {
        Double.exp((Double.log(u) + Double.log(Double(s)) - Double.log(logInverseDelta)) / (1 + epsilon))
    }

    /// μ̂ at confidence δ ∈ (0, 1); 0 with no sample. O(n) when δ differs from the last call.
    public mutating func estimate(delta: Double) -> Double {
        precondition(delta > 0 && delta < 1, "δ must lie in (0, 1)")
        if delta == cachedDelta { return cachedEstimate }
        let logInverseDelta = Double.log(1 / delta)
        var mean = 0.0
        for (offset, x) in samples.enumerated() {
            let s = offset + 1
            let level = Self.truncationLevel(index: s, epsilon: epsilon, momentBound: momentBound, logInverseDelta: logInverseDelta)
            let y = abs(x) <= level ? x : 0
            let w = 1 / Double(s)
            mean = mean * (1 - w) + y * w
        }
        cachedDelta = delta
        cachedEstimate = mean
        return mean
    }

    /// Lemma 1's bound: 4·u^{1/(1+ε)}·(ln(1/δ)/n)^{ε/(1+ε)} (+∞ for n = 0).
    @inlinable
    public static func deviationBound(sampleCount n: Int, delta: Double, epsilon: Double, momentBound u: Double) -> Double {
        guard n > 0 else { return .infinity }
        return 4 * Double.exp((Double.log(u) + epsilon * (Double.log(Double.log(1 / delta)) - Double.log(Double(n)))) / (1 + epsilon))
    }

    /// Lemma 1's bound for this estimator's ε and u.
    public func deviationBound(sampleCount n: Int, delta: Double) -> Double {
        Self.deviationBound(sampleCount: n, delta: delta, epsilon: epsilon, momentBound: momentBound)
    }
}
