import RealModule

// Samplers the library owns, so that a seeded run is bit-identical on every toolchain.
// They are extensions on `RandomNumberGenerator` and `@inlinable`, so the simulator's hot loop
// is specialised for the concrete generator and allocates nothing.

extension RandomNumberGenerator {
    /// A uniform draw from [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform draw from the open interval (0, 1): safe to take the logarithm of.
    ///
    /// (k + ½)·2⁻⁵² for a 52-bit k, so every value is exact and lies in [2⁻⁵³, 1 − 2⁻⁵³].
    /// (A 53-bit k would need 54 significant bits for k + ½: it rounds, and k = 2⁵³ − 1 gives
    /// exactly 1.0, whose logarithm is 0.)
    @inlinable @inline(__always)
    public mutating func nextOpenUniform() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1p-52
    }

    /// A uniform integer in `0..<upperBound` by Lemire's multiply-and-reject method
    /// (Lemire 2019, "Fast random integer generation in an interval"), unbiased.
    @inlinable
    public mutating func nextIndex(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upperBound must be positive")
        let bound = UInt64(upperBound)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }

    /// A standard normal draw by the ziggurat method of Marsaglia & Tsang (2000,
    /// "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8)), 128 layers,
    /// with Marsaglia's (1964) exact tail algorithm beyond r = 3.442619855899.
    ///
    /// One 64-bit word feeds both the layer (low 7 bits) and a 53-bit signed abscissa (high bits),
    /// so about 98.8 % of draws cost one generator call and one multiply.
    @inlinable
    public mutating func nextStandardNormal() -> Double {
        nextStandardNormal(table: ZigguratNormalTable.shared)
    }

    /// ``nextStandardNormal()`` with the ziggurat tables passed in: loops that draw many normals
    /// fetch ``ZigguratNormalTable/shared`` once, because each access to a lazily initialised
    /// global is a call.
    ///
    /// The common case (one word, one compare) is inlined into the caller; the wedge and tail
    /// cases, about 1.2 % of draws, are an out-of-line call.
    @inlinable @inline(__always)
    public mutating func nextStandardNormal(table: ZigguratNormalTable) -> Double {
        let bits = next()
        let layer = Int(bits & 0x7F)
        let signed = Int64(bitPattern: bits) >> 11  // 53-bit signed integer
        // The hint lets the optimiser keep the caller's values in registers through the common
        // case and spill them only around the rare out-of-line call.
        if _fastPath(signed.magnitude < table.k[layer]) { return Double(signed) * table.w[layer] }
        return nextStandardNormalSlowPath(bits: bits, table: table)
    }

    /// The ziggurat's rejection steps for a word that missed the rectangle of its layer.
    @inlinable @inline(never)
    mutating func nextStandardNormalSlowPath(bits firstBits: UInt64, table: ZigguratNormalTable) -> Double {
        var bits = firstBits
        while true {
            let layer = Int(bits & 0x7F)
            let signed = Int64(bitPattern: bits) >> 11
            let x = Double(signed) * table.w[layer]
            if signed.magnitude < table.k[layer] { return x }
            if layer == 0 {
                // Tail: Marsaglia (1964).
                var tailX: Double
                var tailY: Double
                repeat {
                    tailX = -Double.log(nextOpenUniform()) / ZigguratNormalTable.r
                    tailY = -Double.log(nextOpenUniform())
                } while tailY + tailY < tailX * tailX
                return signed > 0 ? ZigguratNormalTable.r + tailX : -(ZigguratNormalTable.r + tailX)
            }
            // Wedge: accept under the density between layers.
            let fx = Double.exp(-0.5 * x * x)
            if table.f[layer] + nextUniform() * (table.f[layer - 1] - table.f[layer]) < fx { return x }
            bits = next()
        }
    }

    /// A standard exponential draw by inversion, −log U with U ∈ (0, 1).
    @inlinable @inline(__always)
    public mutating func nextStandardExponential() -> Double {
        -Double.log(nextOpenUniform())
    }

    /// A Gamma(shape, 1) draw by Marsaglia & Tsang (2000, "A Simple Method for Generating Gamma
    /// Variables", ACM TOMS 26(3)), with their squeeze; shapes below 1 use their boost
    /// Gamma(a) = Gamma(a + 1) · U^{1/a} (same paper, §6).
    /// - Precondition: `shape > 0` and finite (checked by the distributions that call it).
    @inlinable
    public mutating func nextGamma(shape: Double) -> Double {
        if shape < 1 {
            let boosted = nextGamma(shape: shape + 1)
            return boosted * Double.exp(Double.log(nextOpenUniform()) / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        return nextMarsagliaTsangGamma(d: d, c: c)
    }

    /// The Marsaglia–Tsang loop with `d = a − 1/3` and `c = 1/√(9d)` precomputed, for callers that
    /// draw repeatedly from the same shape (Thompson sampling caches them per arm).
    @inlinable
    public mutating func nextMarsagliaTsangGamma(d: Double, c: Double) -> Double {
        nextMarsagliaTsangGamma(d: d, c: c, table: ZigguratNormalTable.shared)
    }

    /// ``nextMarsagliaTsangGamma(d:c:)`` with the ziggurat tables passed in. The first attempt
    /// up to the squeezes (the first accepted about 90 % of the time, all of them together over
    /// 99 % for shapes above about 5) is inlined; the retries are an out-of-line call.
    ///
    /// `c` must be 1/√(9d), as every caller computes it: the second squeeze relies on it.
    @inlinable @inline(__always)
    public mutating func nextMarsagliaTsangGamma(d: Double, c: Double, table: ZigguratNormalTable) -> Double {
        let x = nextStandardNormal(table: table)
        let cx = c * x
        var v = 1.0 + cx
        if _fastPath(v > 0) {
            v = v * v * v
            let u = nextOpenUniform()
            let x2 = x * x
            if _fastPath(u < 1.0 - 0.0331 * x2 * x2) { return d * v }
            if u < Self.marsagliaTsangSecondSqueeze(cx: cx, c: c, x2: x2) { return d * v }
            // A third squeeze, exact-preserving: ln u ≤ u − 1 and ln v ≥ 1 − 1/v, so
            // u − 1 < x²/2 + d(2 − v − 1/v) implies the logarithmic test below and accepts
            // the same draws without computing two logarithms.
            if u - 1.0 < 0.5 * x2 + d * (2.0 - v - 1.0 / v) { return d * v }
            if Double.log(u) < 0.5 * x2 + d * (1.0 - v + Double.log(v)) { return d * v }
        }
        return nextMarsagliaTsangGammaSlowPath(d: d, c: c, table: table)
    }

    /// A bound b such that u < b accepts a Marsaglia–Tsang candidate without logarithms, tighter
    /// than the paper's 1 − 0.0331·x⁴ for large shapes: 1 − 0.1422·c²x⁴ when cx ≥ −1/8, else 0
    /// (no candidate).
    ///
    /// With w = cx, v = (1 + w)³ and d = 1/(9c²), Taylor's theorem with the Lagrange remainder
    /// (3 ln(1 + w) = 3w − 3w²/2 + w³ − 3w⁴/(4(1 + ξ)⁴), ξ between 0 and w) gives exactly
    /// x²/2 + d(1 − v + ln v) = −c²x⁴/(12(1 + ξ)⁴). For w ≥ −1/8, (1 + ξ)⁻⁴ < (8/7)⁴ and
    /// (8/7)⁴/12 = 0.142163…, so the right-hand side of the paper's logarithmic test exceeds
    /// −0.1422·c²x⁴, and ln u ≤ u − 1 < −0.1422·c²x⁴ implies the test. Like the paper's, the
    /// squeeze accepts only what the logarithmic test accepts, so the draws are unchanged; but its
    /// coefficient shrinks with c² = 1/(9d): about 10 % of candidates fail the paper's squeeze,
    /// and of those all but about 0.05/d pass this one instead of going on to two logarithms.
    /// It is tried second, only after the paper's, so the common path is not made longer.
    @inlinable @inline(__always)
    static func marsagliaTsangSecondSqueeze(cx: Double, c: Double, x2: Double) -> Double {
        cx >= -0.125 ? 1.0 - 0.1422 * (c * c) * (x2 * x2) : 0
    }

    /// The full Marsaglia–Tsang rejection loop, after a first attempt was rejected.
    @inlinable @inline(never)
    mutating func nextMarsagliaTsangGammaSlowPath(d: Double, c: Double, table: ZigguratNormalTable) -> Double {
        while true {
            var x: Double
            var v: Double
            repeat {
                x = nextStandardNormal(table: table)
                v = 1.0 + c * x
            } while v <= 0
            v = v * v * v
            let u = nextOpenUniform()
            let x2 = x * x
            if u < 1.0 - 0.0331 * x2 * x2 { return d * v }
            if Double.log(u) < 0.5 * x2 + d * (1.0 - v + Double.log(v)) { return d * v }
        }
    }

    /// A Beta(α, β) draw as X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β) (Devroye 1986,
    /// "Non-Uniform Random Variate Generation", ch. IX).
    ///
    /// A shape below 1 draws its gamma in logarithms, log Gamma(a+1) + log(U)/a, and returns
    /// 1/(1 + e^(log Y − log X)): for small shapes U^(1/a) underflows to 0 (for a = 0.001, about
    /// half the time), and X/(X+Y) would be 0/0 = NaN.
    @inlinable
    public mutating func nextBeta(_ alpha: Double, _ beta: Double) -> Double {
        if alpha >= 1 && beta >= 1 {
            let x = nextGamma(shape: alpha)
            let y = nextGamma(shape: beta)
            return x / (x + y)
        }
        let logX = nextLogGamma(shape: alpha)
        let logY = nextLogGamma(shape: beta)
        return 1 / (1 + Double.exp(logY - logX))
    }

    /// log of a Gamma(shape, 1) draw, finite even where the draw itself underflows; the same
    /// draws as ``nextGamma(shape:)`` (Marsaglia & Tsang's boost for shapes below 1).
    @inlinable
    public mutating func nextLogGamma(shape: Double) -> Double {
        if shape < 1 {
            let boosted = nextGamma(shape: shape + 1)
            return Double.log(boosted) + Double.log(nextOpenUniform()) / shape
        }
        return Double.log(nextGamma(shape: shape))
    }

    /// A Poisson(λ) draw: multiplication of uniforms (Knuth) for λ < 10, otherwise the
    /// transformed rejection method PTRS of Hörmann (1993, "The transformed rejection method for
    /// generating Poisson random variables", Insurance: Math. Econ. 12), whose cost is O(1) in λ.
    @inlinable
    public mutating func nextPoisson(_ lambda: Double) -> Double {
        if lambda < 10 {
            let limit = Double.exp(-lambda)
            var product = nextUniform()
            var count = 0.0
            while product > limit {
                count += 1
                product *= nextUniform()
            }
            return count
        }
        let slam = lambda.squareRoot()
        let loglam = Double.log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUniform() - 0.5
            let v = nextOpenUniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if Double.log(v) + Double.log(invalpha) - Double.log(a / (us * us) + b)
                <= -lambda + k * loglam - Double.logGamma(k + 1) {
                return k
            }
        }
    }
}

/// Tables of the 128-layer normal ziggurat (Marsaglia & Tsang 2000, procedure `zigset`),
/// scaled for a 53-bit signed abscissa.
///
/// The tables live in one allocation made once per process and never freed: reading them in
/// the sampler's hot path then costs a load, with no reference counting (arrays would retain).
public struct ZigguratNormalTable: @unchecked Sendable {
    /// Right edge of the base layer.
    public static let r = 3.442619855899
    /// Area of each layer.
    @usableFromInline static let volume = 9.91256303526217e-3

    /// Acceptance thresholds on |abscissa| per layer.
    public let k: UnsafePointer<UInt64>
    /// Scale from the integer abscissa to x per layer.
    public let w: UnsafePointer<Double>
    /// Density exp(−x²/2) at each layer's edge.
    public let f: UnsafePointer<Double>

    /// Built once per process (Swift's lazy globals are thread-safe).
    public static let shared = ZigguratNormalTable()

    init() {
        let m = 0x1p52  // 2^52: the abscissa is a 53-bit signed integer
        let k = UnsafeMutablePointer<UInt64>.allocate(capacity: 128)
        let w = UnsafeMutablePointer<Double>.allocate(capacity: 128)
        let f = UnsafeMutablePointer<Double>.allocate(capacity: 128)
        var dn = Self.r
        var tn = dn
        let q = Self.volume / Double.exp(-0.5 * dn * dn)
        k[0] = UInt64((dn / q) * m)
        k[1] = 0
        w[0] = q / m
        w[127] = dn / m
        f[0] = 1.0
        f[127] = Double.exp(-0.5 * dn * dn)
        var i = 126
        while i >= 1 {
            dn = (-2.0 * Double.log(Self.volume / dn + Double.exp(-0.5 * dn * dn))).squareRoot()
            k[i + 1] = UInt64((dn / tn) * m)
            tn = dn
            f[i] = Double.exp(-0.5 * dn * dn)
            w[i] = dn / m
            i -= 1
        }
        self.k = UnsafePointer(k)
        self.w = UnsafePointer(w)
        self.f = UnsafePointer(f)
    }
}
