import RealModule

extension SpecialFunctions {
    /// The p-quantile of Beta(a, b): the x with Iₓ(a, b) = p.
    ///
    /// Newton's method on Iₓ(a, b) − p, whose derivative is the Beta density
    /// xᵃ⁻¹(1 − x)ᵇ⁻¹/B(a, b), kept inside a bracket [lo, hi] that shrinks with the sign of each
    /// residual; a step that leaves the bracket is replaced by bisection, so it always converges
    /// (the safeguard of Press et al., *Numerical Recipes*, 3rd ed., §9.4, `rtsafe`). It starts
    /// from `start` if that lies in (0, 1), otherwise from a normal approximation, and stops when
    /// a step is below 10⁻¹⁵·x (plus 10⁻³⁰⁰) — about 14 significant digits.
    ///
    /// - Returns: 0 for p = 0, 1 for p = 1, NaN unless a, b > 0 are finite and 0 ≤ p ≤ 1.
    public static func betaQuantile(_ p: Double, a: Double, b: Double, start: Double = .nan) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        // Above ½ the residual is taken in the upper tail, where 1 − p is exact (Sterbenz).
        return betaQuantile(a: a, b: b, lowerTail: p, upperTail: 1 - p, useUpper: p > 0.5, start: start)
    }

    /// The x with 1 − Iₓ(a, b) = `tail`: the (1 − tail)-quantile of Beta(a, b), computed from the
    /// upper tail directly so that tails far below the spacing of doubles near 1 keep their
    /// relative accuracy (Bayes-UCB asks for levels 1 − 1/t). See ``betaQuantile(_:a:b:start:)``.
    public static func betaUpperQuantile(tail: Double, a: Double, b: Double, start: Double = .nan) -> Double {
        guard tail >= 0, tail <= 1 else { return .nan }
        return betaQuantile(a: a, b: b, lowerTail: 1 - tail, upperTail: tail, useUpper: tail < 0.5, start: start)
    }

    static func betaQuantile(
        a: Double, b: Double, lowerTail p: Double, upperTail q: Double, useUpper: Bool, start: Double
    ) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite else { return .nan }
        if (useUpper ? q : p) <= 0 { return useUpper ? 1 : 0 }
        if (useUpper ? p : q) <= 0 { return useUpper ? 0 : 1 }
        let logNormalizer = logBeta(a, b)
        var low = 0.0
        var high = 1.0
        var x: Double
        if start > 0 && start < 1 {
            x = start
        } else {
            // Normal approximation about the mean, pulled inside (0, 1).
            let mean = a / (a + b)
            let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
            let z = useUpper ? -normalQuantile(q) : normalQuantile(p)
            x = min(max(mean + z * sd, 1e-3 * mean), 1 - 1e-3 * (1 - mean))
        }
        for _ in 0..<300 {
            let ratios = incompleteBetaRatios(a: a, b: b, x: x, complement: 1 - x)
            // An increasing residual: Iₓ − p, or (1 − p) − (1 − Iₓ) from the upper tail.
            let residual = useUpper ? q - ratios.upper : ratios.lower - p
            if residual > 0 {
                high = x
            } else if residual < 0 {
                low = x
            } else {
                return x
            }
            let logDensity = (a - 1) * Double.log(x) + (b - 1) * Double.log(onePlus: -x) - logNormalizer
            var next = x - residual / Double.exp(logDensity)
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if abs(next - x) <= 1e-15 * x + 1e-300 || high - low <= 1e-15 * high { return next }
            x = next
        }
        return x
    }
}
