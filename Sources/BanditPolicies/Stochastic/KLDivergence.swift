import BanditCore
import RealModule

/// The Kullback–Leibler divergence d(p, q) between two members of a one-parameter exponential
/// family indexed by their mean, and its upper-confidence inverse — the building blocks of
/// KL-UCB, KL-UCB+ and IMED (Garivier & Cappé 2011, "The KL-UCB Algorithm for Bounded Stochastic
/// Bandits and Beyond", COLT, §2 and Appendix; Cappé, Garivier, Maillard, Munos & Stoltz 2013,
/// Annals of Statistics 41(3), §3.1 for the exponential-family divergences).
///
/// - Bernoulli: d(p, q) = p ln(p/q) + (1 − p) ln((1 − p)/(1 − q)), means in [0, 1].
/// - Gaussian with known variance σ²: d(p, q) = (p − q)²/(2σ²).
/// - Poisson: d(p, q) = q − p + p ln(p/q), means ≥ 0.
/// - Exponential: d(p, q) = p/q − 1 − ln(p/q), means ≥ 0.
///
/// The upper-confidence inverse ``upperConfidenceBound(mean:count:level:start:)`` is
/// sup{q ≥ p : N·d(p, q) ≤ δ}. It is closed form for the Gaussian; for the others it is a
/// Newton iteration on the convex increasing function q ↦ N·d(p, q) − δ (in u = ln(q/p) for the
/// exponential, where the divergence e⁻ᵘ − 1 + u is convex) inside a bracket from cheap
/// closed-form bounds, falling back to bisection whenever a Newton step leaves the bracket, and
/// stopping when a step is below 10⁻¹³ (relative) — accurate to about 10⁻¹² in practice.
public enum KLDivergence: Sendable, Hashable, Codable {
    case bernoulli
    /// Gaussian rewards with known variance σ² (the field), any real mean.
    case gaussian(variance: Double)
    case poisson
    case exponential

    /// The name used by the catalog.
    public var name: String {
        switch self {
        case .bernoulli: "bernoulli"
        case .gaussian: "gaussian"
        case .poisson: "poisson"
        case .exponential: "exponential"
        }
    }

    /// Whether a reward can come from this family: [0, 1] for Bernoulli, ≥ 0 for Poisson and
    /// exponential, any finite value for the Gaussian.
    public func supports(reward: Double) -> Bool {
        switch self {
        case .bernoulli: reward >= 0 && reward <= 1
        case .gaussian: reward.isFinite
        case .poisson, .exponential: reward >= 0 && reward.isFinite
        }
    }

    /// The rewards this family can produce: [0, 1], [0, ∞) or the whole line.
    public var support: ClosedRange<Double> {
        switch self {
        case .bernoulli: 0...1
        case .gaussian: -Double.infinity...Double.infinity
        case .poisson, .exponential: 0...Double.infinity
        }
    }

    /// The support in words, for error messages.
    public var supportDescription: String {
        switch self {
        case .bernoulli: "in [0, 1]"
        case .gaussian: "finite"
        case .poisson, .exponential: "≥ 0"
        }
    }

    /// d(p, q), with the conventions 0·ln 0 = 0 and +∞ where q is outside the open support
    /// (e.g. Bernoulli q ∈ {0, 1} with p ≠ q).
    public func divergence(_ p: Double, _ q: Double) -> Double {
        switch self {
        case .bernoulli:
            if p == q { return 0 }
            var value = 0.0
            if p > 0 { value += q <= 0 ? .infinity : p * Double.log(p / q) }
            if p < 1 { value += q >= 1 ? .infinity : (1 - p) * Double.log((1 - p) / (1 - q)) }
            return value
        case .gaussian(let variance):
            return (p - q) * (p - q) / (2 * variance)
        case .poisson:
            if p <= 0 { return q }
            if q <= 0 { return .infinity }
            return q - p + p * Double.log(p / q)
        case .exponential:
            if p == q { return 0 }
            if p <= 0 || q <= 0 { return .infinity }
            let ratio = p / q
            return ratio - 1 - Double.log(ratio)
        }
    }

    /// sup{q ≥ p : n·d(p, q) ≤ δ} for a count n > 0 and a level δ (≤ 0 gives p).
    ///
    /// `start`, if inside the bracket, seeds Newton's method (a previous index of the same arm
    /// converges in one or two steps); the answer does not depend on it beyond ~10⁻¹³.
    /// Bernoulli means are clamped to [0, 1], Poisson and exponential ones to ≥ 0.
    public func upperConfidenceBound(mean: Double, count n: Double, level delta: Double, start: Double = .nan) -> Double {
        switch self {
        case .gaussian(let variance):
            return delta > 0 ? mean + (2 * variance * delta / n).squareRoot() : mean
        case .bernoulli:
            let p = min(max(mean, 0), 1)
            guard delta > 0, p < 1 else { return p }
            let y = delta / n
            // d(0, q) = −ln(1 − q).
            if p == 0 { return -Double.expMinusOne(-y) }
            let high = quickUpperBound(mean: p, count: n, level: delta)
            return Self.solve(low: p, high: high, start: start, tolerance: 1e-13, ceiling: 1) { q in
                // ln(p/q) and ln((1−p)/(1−q)) through log1p, exact near q = p.
                let gap = q - p
                let value = (1 - p) * Double.log(onePlus: gap / (1 - q)) - p * Double.log(onePlus: gap / p) - y
                return (value, gap / (q * (1 - q)))
            }
        case .poisson:
            let p = max(mean, 0)
            guard delta > 0 else { return p }
            let y = delta / n
            if p == 0 { return y }
            let high = quickUpperBound(mean: p, count: n, level: delta)
            return Self.solve(low: p, high: high, start: start, tolerance: 1e-13 * high) { q in
                let gap = q - p
                return (gap - p * Double.log(onePlus: gap / p) - y, gap / q)
            }
        case .exponential:
            let p = max(mean, 0)
            guard delta > 0, p > 0 else { return p }
            let y = delta / n
            // In u = ln(q/p): e⁻ᵘ − 1 + u = y, bracketed as in quickUpperBound.
            let low = (2 * y).squareRoot()
            let high = Self.exponentialLogRatioBound(y)
            let seed = start > 0 ? Double.log(start / p) : .nan
            let u = Self.solve(low: low, high: high, start: seed, tolerance: 1e-13 * high) { u in
                let decay = Double.expMinusOne(-u)
                return (decay + u - y, -decay)
            }
            return p * Double.exp(u)
        }
    }

    /// A closed-form upper bound of ``upperConfidenceBound(mean:count:level:start:)``: cheap
    /// enough to rule out arms before solving, and the upper end of the solver's bracket.
    ///
    /// - Bernoulli: d(p, q) = ∫ₚ^q (x − p)/(x(1 − x)) dx ≥ (q − p)²/(2v) with v the largest
    ///   x(1 − x) on [p, q]; starting from v = ¼ (Pinsker), each bound q' gives a smaller v on
    ///   [p, q'] and so a tighter bound (two refinements; exact to first order when p ≥ ½).
    /// - Gaussian: the index itself.
    /// - Poisson: d(p, q) = ∫ₚ^q (x − p)/x dx ≥ (q − p)²/(2q).
    /// - Exponential: see ``exponentialLogRatioBound(_:)``.
    @inline(__always)
    public func quickUpperBound(mean p: Double, count n: Double, level delta: Double) -> Double {
        guard delta > 0 else { return p }
        let y = delta / n
        switch self {
        case .bernoulli:
            @inline(__always) func variance(_ q: Double) -> Double { p >= 0.5 ? p * (1 - p) : (q < 0.5 ? q * (1 - q) : 0.25) }
            var q = p + (0.5 * y).squareRoot()
            q = p + (2 * variance(q) * y).squareRoot()
            q = p + (2 * variance(q) * y).squareRoot()
            return min(1, q)
        case .gaussian(let variance):
            return p + (2 * variance * y).squareRoot()
        case .poisson:
            return p + y + (y * y + 2 * p * y).squareRoot()
        case .exponential:
            return p * Double.exp(Self.exponentialLogRatioBound(y))
        }
    }

    /// An upper bound of d(p, q) for q ≥ p that needs no logarithm, so a decision can often
    /// confirm n·d(p, q) < δ without evaluating d. Bernoulli: d(p, q) = ∫ₚ^q (x − p)·w(x) dx with
    /// w = 1/(x(1 − x)) convex, so w lies below its chord on [p, q] and
    /// d ≤ (q − p)²·(1/(6w⁻¹(p)) + 1/(3w⁻¹(q))) = (q − p)²·(1/(6p(1−p)) + 1/(3q(1−q))) — within
    /// 1% of d near the indices that decisions compare. Poisson: the same with w = 1/x. The
    /// Gaussian is exact and the exponential returns d itself.
    @inline(__always)
    func quickDivergenceBound(_ p: Double, _ q: Double) -> Double {
        let gap = q - p
        switch self {
        case .bernoulli:
            guard p > 0, q < 1 else { return .infinity }
            return gap * gap * (1 / (6 * p * (1 - p)) + 1 / (3 * q * (1 - q)))
        case .gaussian(let variance):
            return gap * gap / (2 * variance)
        case .poisson:
            return p > 0 ? gap * gap * (1 / (6 * p) + 1 / (3 * q)) : .infinity
        case .exponential:
            return divergence(p, q)
        }
    }

    /// An upper bound of the root u of e⁻ᵘ − 1 + u = y (u = ln(q/p) for the exponential): since
    /// u²/2 − u³/6 ≤ e⁻ᵘ − 1 + u, u ≤ √(3y) when that is ≤ 1; otherwise e⁻ᵘ ≥ 0 gives u ≤ 1 + y.
    /// (And u²/2 ≥ e⁻ᵘ − 1 + u gives the lower end √(2y).)
    @inline(__always)
    static func exponentialLogRatioBound(_ y: Double) -> Double {
        3 * y < 1 ? (3 * y).squareRoot() : 1 + y
    }

    /// dU/dδ at the index U = ``upperConfidenceBound(mean:count:level:start:)`` — 1/(n·∂d/∂q)
    /// — or, for the exponential, the slope of ln U. The index (or ln U) is a concave function
    /// of δ for a fixed arm (the inverse of a convex increasing function), so
    /// ``tangentBound(index:slope:increment:)`` is an upper bound of the index at a larger
    /// level. Infinite slopes (δ = 0) are returned as `greatestFiniteMagnitude` so that a zero
    /// increment never multiplies ∞.
    func indexSlope(mean p: Double, count n: Double, index q: Double) -> Double {
        let slope: Double
        switch self {
        case .bernoulli:
            if q >= 1 { return 0 }
            slope = q * (1 - q) / (n * (q - p))
        case .gaussian(let variance):
            slope = variance / (n * (q - p))
        case .poisson:
            // d(0, q) = q: the index δ/n is linear in δ.
            if p <= 0 { return 1 / n }
            slope = q / (n * (q - p))
        case .exponential:
            if q <= 0 { return 0 }
            slope = q / (n * (q - p))
        }
        return slope.isFinite && slope >= 0 ? slope : .greatestFiniteMagnitude
    }

    /// An upper bound of the index at level δ₀ + `increment` from its value `index` and
    /// ``indexSlope(mean:count:index:)`` at δ₀: the tangent of a concave function lies above it.
    /// For the exponential the tangent is in ln U, and e^x ≤ 1/(1 − x) avoids an exponential.
    @inline(__always)
    func tangentBound(index: Double, slope: Double, increment: Double) -> Double {
        switch self {
        case .exponential:
            let x = increment * slope
            return x < 1 ? index / (1 - x) : .infinity
        default:
            return index + increment * slope
        }
    }

    /// Safeguarded Newton for an increasing function with a root in [low, high]: the bracket
    /// shrinks with the sign of each value, and a step that leaves it is replaced by bisection.
    @inline(__always)
    static func solve(
        low: Double, high: Double, start: Double, tolerance: Double, ceiling: Double = .infinity,
        _ function: (Double) -> (value: Double, slope: Double)
    ) -> Double {
        let origin = low
        var low = low
        var high = high
        var x = start > low && start < high ? start : high
        for _ in 0..<200 {
            let (value, slope) = function(x)
            if value > 0 {
                high = x
            } else if value < 0 {
                low = x
            } else {
                return x
            }
            var next = x - value / slope
            if !(next > low && next < high) {
                next = 0.5 * (low + high)
            } else if abs(next - x) <= 1e-6 * min(x - origin, ceiling - x) {
                // Quadratic convergence: for these divergences f''/f' is of order
                // 1/min(x − p, ceiling − x), so the error after a step s is about
                // s²/min(…) ≤ 10⁻¹²·min(x − p, ceiling − x).
                return next
            }
            if abs(next - x) <= tolerance || high - low <= tolerance { return next }
            x = next
        }
        return x
    }
}
