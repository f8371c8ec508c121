import RealModule

/// The special functions of statistics that BanditKit's distribution functions, posterior
/// quantiles and divergence bounds are built on.
///
/// Every function is accurate to a few units in the last place over the parameter ranges a
/// bandit meets (shapes up to millions of pulls), which is why the large-parameter paths avoid
/// `logGamma` differences: `lgamma(a) − lgamma(a + b)` for a ≈ 10⁶ loses seven digits to
/// cancellation, so those paths use Stirling's series for the correction term instead, as
/// DiDonato & Morris (1986, 1992) do. Invalid arguments give NaN rather than trapping, like the
/// functions of the C library.
public enum SpecialFunctions {
    /// ½ log(2π).
    @usableFromInline static let halfLogTwoPi = 0.918_938_533_204_672_741_78

    /// log(1 + x) − x, without the cancellation of the naive difference near 0.
    ///
    /// Near 0 it sums the series of 2 atanh(s) − x with s = x/(2 + x) (Abramowitz & Stegun
    /// 4.1.28), whose leading term −x·s already carries the full precision; elsewhere the
    /// difference loses at most a few bits.
    public static func logOnePlusXMinusX(_ x: Double) -> Double {
        guard abs(x) < 0.25 else { return Double.log(onePlus: x) - x }
        let s = x / (2 + x)
        let s2 = s * s
        // 2 atanh(s) − 2s = 2 Σ_{k≥1} s^(2k+1)/(2k+1); 2s − x = −x·s.
        var power = s * s2
        var series = 0.0
        var k = 3.0
        while true {
            let term = power / k
            series += term
            if abs(term) <= abs(series) * 0x1p-54 { break }
            power *= s2
            k += 2
        }
        return 2 * series - x * s
    }

    /// log(v/r) − (v/r − 1) for v, r > 0: the quantity the large-parameter prefactors of the
    /// incomplete gamma and beta functions multiply by a shape.
    ///
    /// Near v = r, v − r is exact (Sterbenz) and ``logOnePlusXMinusX(_:)`` keeps every digit; far
    /// from it, log(v/r) is large and is taken directly, since rounding d = v/r − 1 near −1
    /// would be magnified by 1/(1 + d).
    static func logRatioMinusLinear(_ v: Double, _ r: Double) -> Double {
        if abs(v - r) < 0.5 * r { return logOnePlusXMinusX((v - r) / r) }
        let u = v / r
        return Double.log(u) - (u - 1)
    }

    /// The remainder of Stirling's formula, log Γ(a) − [(a − ½) log a − a + ½ log 2π].
    ///
    /// For a ≥ 10 it is the asymptotic series Σ B₂ₖ / (2k(2k−1) a^(2k−1)) to k = 8 (error below
    /// 10⁻¹⁷), computed without subtracting large numbers; below 10 the difference is small
    /// enough to take directly.
    public static func stirlingCorrection(_ a: Double) -> Double {
        if a >= 10 {
            let r = 1 / a
            let r2 = r * r
            var sum = -3617.0 / 122_400
            sum = sum * r2 + 1.0 / 156
            sum = sum * r2 - 691.0 / 360_360
            sum = sum * r2 + 1.0 / 1188
            sum = sum * r2 - 1.0 / 1680
            sum = sum * r2 + 1.0 / 1260
            sum = sum * r2 - 1.0 / 360
            sum = sum * r2 + 1.0 / 12
            return sum * r
        }
        return Double.logGamma(a) - ((a - 0.5) * Double.log(a) - a + halfLogTwoPi)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) for a, b > 0.
    ///
    /// When a parameter is large the Γ ratios are formed from Stirling's series (the approach
    /// of DiDonato & Morris's `betaln`, ACM TOMS 18(3), 1992), so the result keeps its relative
    /// accuracy where the three log-gammas nearly cancel.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0 else { return .nan }
        let small = min(a, b)
        let large = max(a, b)
        if large < 10 {
            return Double.logGamma(small) + Double.logGamma(large) - Double.logGamma(small + large)
        }
        let total = small + large
        // log Γ(L) − log Γ(L + s) = −(L − ½) log(1 + s/L) − s log(L + s) + s + δ(L) − δ(L + s).
        let common = -(large - 0.5) * Double.log(onePlus: small / large) + stirlingCorrection(large)
            - stirlingCorrection(total)
        if small < 10 {
            return Double.logGamma(small) + common - small * Double.log(total) + small
        }
        // With Stirling for Γ(s) too, the s·log terms combine into s·log(s/T), which is small.
        return small * Double.log(small / total) - 0.5 * Double.log(small) + halfLogTwoPi
            + stirlingCorrection(small) + common
    }
}
