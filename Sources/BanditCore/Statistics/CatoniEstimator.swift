import RealModule

/// Catoni's M-estimator of the mean as used by Bubeck, Cesa-Bianchi & Lugosi (2013, "Bandits
/// with heavy tail", IEEE Trans. Inf. Theory 59(11), Lemma 3; Catoni 2012, Ann. IHP).
///
/// Lemma 3 needs a finite variance (ε = 1): Var X ≤ v (the *centred* second moment). With
/// ψ(x) = sign(x)·ln(1 + |x| + x²/2) and
///
///     α = √( 2 ln(1/δ) / ( n·(v + 2v·ln(1/δ)/(n − 2 ln(1/δ))) ) ),
///
/// the estimate μ̂ is the unique root of r(θ) = Σᵢ ψ(α(Xᵢ − θ)); for n ≥ 4 ln(1/δ), with
/// probability at least 1 − δ, μ̂ ≤ μ + 2·√(v ln(1/δ)/n) (``deviationBound(sampleCount:delta:)``;
/// the lower deviation is symmetric).
///
/// r is continuous and strictly decreasing with r(min X) ≥ 0 ≥ r(max X), so the root is found
/// by Newton steps safeguarded by bisection on that bracket. ψ and ψ' are evaluated in a form
/// that neither overflows nor loses the root for |x| up to 10³⁰⁸ (rewards of 10³⁰⁰, Pareto
/// α = 1.05 draws). The root depends on δ, so a new δ costs O(n) per iteration; the last root
/// is cached and warm-starts the next solve.
public struct CatoniEstimator: Sendable, Hashable, Codable {
    /// v > 0 with Var X ≤ v.
    public let varianceBound: Double
    /// The samples, in arrival order.
    public private(set) var samples: [Double] = []
    private var cachedDelta: Double = .nan
    private var cachedCount = 0
    private var cachedEstimate = 0.0

    private enum CodingKeys: String, CodingKey { case varianceBound, samples }

    /// Equal when parameters and samples are: the cache is not part of the value.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.varianceBound == rhs.varianceBound && lhs.samples == rhs.samples }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(varianceBound)
        hasher.combine(samples)
    }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless v > 0 finite.
    public init(varianceBound: Double) throws(BanditError) {
        guard varianceBound.isFinite, varianceBound > 0 else {
            throw .invalidParameter(name: "u", value: "\(varianceBound)", reason: "the variance bound must be positive and finite")
        }
        self.varianceBound = varianceBound
    }

    /// n.
    public var count: Int { samples.count }

    /// Adds one sample.
    /// - Throws: ``BanditError/nonFiniteReward(arm:value:)`` (arm −1) if `x` is not finite.
    public mutating func add(_ x: Double) throws(BanditError) {
        guard x.isFinite else { throw .nonFiniteReward(arm: -1, value: x) }
        append(x)
    }

    /// Adds a sample the caller has validated.
    public mutating func append(_ x: Double) { samples.append(x) }

    /// Forgets every sample.
    public mutating func reset() {
        samples.removeAll(keepingCapacity: true)
        cachedDelta = .nan
        cachedCount = 0
        cachedEstimate = 0
    }

    /// ψ(x) = sign(x)·ln(1 + |x| + x²/2); for |x| ≥ 1 as sign(x)·(2 ln|x| + ln(1/2 + 1/|x| + 1/x²)),
    /// which cannot overflow.
    @inlinable
    public static func psi(_ x: Double) -> Double {
        let a = abs(x)
        let value: Double
        if a < 1 {
            value = Double.log(onePlus: a + 0.5 * a * a)
        } else {
            let r = 1 / a
            value = 2 * Double.log(a) + Double.log(0.5 + r + r * r)
        }
        return x < 0 ? -value : value
    }

    /// ψ'(x) = (1 + |x|)/(1 + |x| + x²/2) > 0, in a form that cannot overflow.
    @inlinable
    public static func psiDerivative(_ x: Double) -> Double {
        let a = abs(x)
        if a < 1 { return (1 + a) / (1 + a + 0.5 * a * a) }
        let r = 1 / a
        return (r + r * r) / (r * r + r + 0.5)
    }

    /// Lemma 3's α for n samples at log-confidence L = ln(1/δ); requires n > 2L.
    @inlinable
    public static func alpha(sampleCount n: Int, logInverseDelta L: Double, varianceBound v: Double) -> Double {
        let n = Double(n)
        return (2 * L / (n * (v + 2 * v * L / (n - 2 * L)))).squareRoot()
    }

    /// Whether Lemma 3 applies: n ≥ 4 ln(1/δ).
    @inlinable
    public static func isDefined(sampleCount n: Int, logInverseDelta L: Double) -> Bool { Double(n) >= 4 * L }

    /// μ̂ at confidence δ ∈ (0, 1). When n < 4 ln(1/δ) Lemma 3 does not apply and α is taken
    /// with n − 2 ln(1/δ) replaced by max(n − 2 ln(1/δ), 1) — still a consistent M-estimate; 0 with no sample.
    public mutating func estimate(delta: Double) -> Double {
        precondition(delta > 0 && delta < 1, "δ must lie in (0, 1)")
        if delta == cachedDelta && samples.count == cachedCount { return cachedEstimate }
        guard !samples.isEmpty else { return 0 }
        let L = Double.log(1 / delta)
        let n = Double(samples.count)
        let v = varianceBound
        let alpha = (2 * L / (n * (v + 2 * v * L / max(n - 2 * L, 1)))).squareRoot()
        let root = Self.solve(samples, alpha: alpha, start: cachedCount > 0 ? cachedEstimate : nil)
        cachedDelta = delta
        cachedCount = samples.count
        cachedEstimate = root
        return root
    }

    /// The root of Σ ψ(α(xᵢ − θ)) by safeguarded Newton iteration on [min x, max x].
    public static func solve(_ xs: [Double], alpha: Double, start: Double? = nil) -> Double {
        var low = xs.min()!, high = xs.max()!
        if low == high { return low }
        func residual(_ theta: Double) -> (value: Double, slope: Double) {
            var value = 0.0, slope = 0.0
            for x in xs {
                // x − θ with both in [min, max] never overflows unless the span exceeds 1.8e308;
                // halving first keeps even that finite.
                let difference = (x / 2 - theta / 2) * 2
                let scaled = alpha * difference
                value += psi(scaled)
                slope += psiDerivative(scaled)
            }
            return (value, -alpha * slope)
        }
        var theta = start.map { min(max($0, low), high) } ?? (low / 2 + high / 2)
        for _ in 0..<200 {
            let (value, slope) = residual(theta)
            if value == 0 { return theta }
            if value > 0 { low = theta } else { high = theta }
            var next = theta - value / slope
            // Outside the bracket, or not finite: bisect.
            if !(next > low && next < high) { next = low / 2 + high / 2 }
            if abs(next - theta) <= 2 * Double.ulpOfOne * max(abs(theta), Double.leastNormalMagnitude) || high - low <= 4 * Double.ulpOfOne * max(abs(low), abs(high)) { return next }
            theta = next
        }
        return theta
    }

    /// Lemma 3's bound: 2·√(v·ln(1/δ)/n) (+∞ for n = 0).
    @inlinable
    public static func deviationBound(sampleCount n: Int, delta: Double, varianceBound v: Double) -> Double {
        guard n > 0 else { return .infinity }
        return 2 * (v * Double.log(1 / delta) / Double(n)).squareRoot()
    }

    /// Lemma 3's bound for this estimator's v.
    public func deviationBound(sampleCount n: Int, delta: Double) -> Double {
        Self.deviationBound(sampleCount: n, delta: delta, varianceBound: varianceBound)
    }
}
