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
        nextOpenUniformTimesTwoTo52() * 0x1p-52
    }

    /// ``nextOpenUniform()`` before its exact scaling by 2⁻⁵², k + ½ for a 52-bit k, for
    /// comparisons that can be scaled instead (one multiplication fewer).
    @inlinable @inline(__always)
    public mutating func nextOpenUniformTimesTwoTo52() -> Double {
        Double(next() >> 12) + 0.5
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
    /// so about 97.2 % of draws cost one generator call and one multiply (the rest miss their
    /// layer's rectangle: 2.8 %, over a quarter of it in the top layer, which has none).
    @inlinable
    public mutating func nextStandardNormal() -> Double {
        nextStandardNormal(table: ZigguratNormalTable.shared)
    }

    /// ``nextStandardNormal()`` with the ziggurat tables passed in: loops that draw many normals
    /// fetch ``ZigguratNormalTable/shared`` once, because each access to a lazily initialised
    /// global is a call.
    ///
    /// The common case (one word, one compare) is inlined into the caller; the wedge and tail
    /// cases, about 2.8 % of draws, are an out-of-line call.
    @inlinable @inline(__always)
    public mutating func nextStandardNormal(table: ZigguratNormalTable) -> Double {
        let bits = next()
        let layer = Int(bits & 0x7F)
        let signed = Int64(bitPattern: bits) >> 11  // 53-bit signed integer
        // The hint lets the optimiser keep the caller's values in registers through the common
        // case and spill them only around the rare out-of-line call.
        if _fastPath(table.isInsideRectangle(signed, layer: layer)) { return Double(signed) * table.rectangleScale(layer: layer) }
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
            // Wedge: accept under the density between layers, y < e^(−x²/2).
            let innerDensity = table.f[layer - 1]
            let y = table.f[layer] + nextUniform() * (innerDensity - table.f[layer])
            switch ZigguratNormalTable.wedgeSqueeze(y: y, x: x, layer: layer, innerDensity: innerDensity, table: table) {
            case .accept: return x
            case .reject: break
            case .undecided: if y < Double.exp(-0.5 * x * x) { return x }
            }
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
    /// up to the logarithmic test is inlined (the paper's squeeze accepts about 92 % of candidates,
    /// ``marsagliaTsangSqueezeAccepts(u:cx:onePlusCX:v:x2:)`` most of the rest); the retries are
    /// an out-of-line call.
    ///
    /// `c` must be 1/√(9d), as every caller computes it: the logarithm-free squeeze relies on it.
    @inlinable @inline(__always)
    public mutating func nextMarsagliaTsangGamma(d: Double, c: Double, table: ZigguratNormalTable) -> Double {
        let x = nextStandardNormal(table: table)
        let cx = c * x
        let onePlusCX = 1.0 + cx
        if _fastPath(onePlusCX > 0) {
            let v = onePlusCX * onePlusCX * onePlusCX
            let scaledU = nextOpenUniformTimesTwoTo52()
            let x2 = x * x
            if _fastPath(Self.marsagliaTsangPaperSqueezeAccepts(scaledU: scaledU, x2: x2)) { return d * v }
            let u = scaledU * 0x1p-52
            if Self.marsagliaTsangSqueezeAccepts(u: u, cx: cx, onePlusCX: onePlusCX, v: v, x2: x2) { return d * v }
            if Double.log(u) < 0.5 * x2 + d * (1.0 - v + Double.log(v)) { return d * v }
        }
        return nextMarsagliaTsangGammaSlowPath(d: d, c: c, table: table)
    }

    /// Marsaglia & Tsang's squeeze u < 1 − 0.0331x⁴, evaluated on ``nextOpenUniformTimesTwoTo52()``
    /// = u·2⁵²: both sides scaled by 2⁵², which is exact (every intermediate is the original's
    /// times a power of two), so it decides exactly as the unscaled test and saves converting u
    /// on the common path.
    @inlinable @inline(__always)
    static func marsagliaTsangPaperSqueezeAccepts(scaledU: Double, x2: Double) -> Bool {
        scaledU < 0x1p52 - (0x1p52 * 0.0331) * x2 * x2
    }

    /// Whether u is accepted by Marsaglia & Tsang's logarithmic test
    /// ln u < x²/2 + d(1 − v + ln v), decided without logarithms (a sufficient condition, so
    /// exactly the draws of the paper's algorithm result; `false` means "not decided here").
    ///
    /// With w = cx, v = (1 + w)³ and d = 1/(9c²), Taylor's theorem with the Lagrange remainder,
    /// 3 ln(1 + w) = 3w − 3w²/2 + w³ − 3w⁴/(4(1 + ξ)⁴) for some ξ between 0 and w, gives the
    /// right-hand side exactly: x²/2 + d(1 − v + ln v) = −c²x⁴/(12(1 + ξ)⁴). Since (1 + ξ)⁴ is
    /// strictly greater than m = min(1, (1 + w)⁴) for w ≠ 0, the right-hand side is at least
    /// −c²x⁴/(12m), and with ln u ≤ u − 1 the test holds whenever (1 − u)·12m > c²x⁴
    /// (division-free; (1 + w)⁴ = (1 + w)·v). The bound is tight up to (1 − u)²/2 and the
    /// ξ-to-w gap: besides the rejected candidates it leaves to the logarithms 1–3 % of
    /// candidates for shapes 1 to 5 and under 0.3 % from shape 10 on, where the paper's squeeze
    /// 1 − 0.0331x⁴ alone leaves about 8 %. The paper's is cheaper and stays first.
    @inlinable @inline(__always)
    static func marsagliaTsangSqueezeAccepts(u: Double, cx: Double, onePlusCX: Double, v: Double, x2: Double) -> Bool {
        (1.0 - u) * (12.0 * Swift.min(1.0, onePlusCX * v)) > (cx * cx) * x2
    }

    /// The full Marsaglia–Tsang rejection loop, after a first attempt was rejected.
    @inlinable @inline(never)
    mutating func nextMarsagliaTsangGammaSlowPath(d: Double, c: Double, table: ZigguratNormalTable) -> Double {
        while true {
            var x: Double
            var v: Double
            var cx: Double
            var onePlusCX: Double
            repeat {
                x = nextStandardNormal(table: table)
                cx = c * x
                onePlusCX = 1.0 + cx
            } while onePlusCX <= 0
            v = onePlusCX * onePlusCX * onePlusCX
            let u = nextOpenUniform()
            let x2 = x * x
            if u < 1.0 - 0.0331 * x2 * x2 { return d * v }
            if Self.marsagliaTsangSqueezeAccepts(u: u, cx: cx, onePlusCX: onePlusCX, v: v, x2: x2) { return d * v }
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
///
/// Equal (and hashing alike) when they share storage, i.e. always: there is one instance, so a
/// hashable policy can keep a copy to avoid the lazy global's per-access call.
public struct ZigguratNormalTable: Hashable, @unchecked Sendable {
    /// Right edge of the base layer.
    public static let r = 3.442619855899
    /// Area of each layer.
    @usableFromInline static let volume = 9.91256303526217e-3

    /// Acceptance thresholds on |abscissa| per layer.
    public let k: UnsafePointer<UInt64>
    /// The same thresholds as 256 words for ``isInsideRectangle(_:layer:)``: kᵢ − 1 for layer i,
    /// then 2kᵢ − 1 at i + 128 (both 0 where kᵢ = 0), then the bit patterns of ``w`` at
    /// i + 256 (``rectangleScale(layer:)``). One pointer serves the whole fast path, which keeps
    /// a general-purpose register free in loops that draw many normals.
    public let rectangle: UnsafePointer<UInt64>
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
        let rectangle = UnsafeMutablePointer<UInt64>.allocate(capacity: 384)
        for layer in 0..<128 {
            rectangle[layer] = k[layer] == 0 ? 0 : k[layer] - 1
            rectangle[layer + 128] = k[layer] == 0 ? 0 : 2 * k[layer] - 1
            rectangle[layer + 256] = w[layer].bitPattern
        }
        self.k = UnsafePointer(k)
        self.rectangle = UnsafePointer(rectangle)
        self.w = UnsafePointer(w)
        self.f = UnsafePointer(f)
    }

    /// A wedge test's outcome when it can be told without the exponential.
    @usableFromInline enum WedgeDecision { case accept, reject, undecided }

    /// Decides the wedge test y < e^(−x²/2) of `layer` i ≥ 1 without the exponential when a
    /// bound allows, else `.undecided`; decisions are those of the exact test, so the draws
    /// are unchanged (tested against the plain ziggurat).
    ///
    /// In the wedge |x| lies between the layer's inner edge xᵢ₋₁ (0 for the top layer) and its
    /// outer edge, so e^(−x²/2) = fᵢ₋₁·e^(−z) with fᵢ₋₁ = e^(−xᵢ₋₁²/2) and
    /// z = (x² − xᵢ₋₁²)/2 ≥ 0, and 1 − z ≤ e^(−z) ≤ 1 − z + z²/2 (the alternating Taylor
    /// series; the upper bound needs z ≥ 0, and |x| can fall a rounding below xᵢ₋₁). The margin
    /// 10⁻¹² exceeds every rounding involved (each a few ulps of numbers at most 1, including
    /// the exponential's), so a squeeze decision never contradicts the computed test. The
    /// band left undecided is fᵢ₋₁z²/2 high: about 1 % of a top-layer wedge, which is where
    /// most wedge tests happen (the top layer has no rectangle).
    @inlinable @inline(__always)
    static func wedgeSqueeze(y: Double, x: Double, layer: Int, innerDensity: Double, table: ZigguratNormalTable) -> WedgeDecision {
        let innerEdge = layer == 1 ? 0 : table.w[layer - 1] * 0x1p52  // w = edge/2⁵², exactly
        let magnitude = Swift.abs(x)
        let z = 0.5 * (magnitude - innerEdge) * (magnitude + innerEdge)
        let margin = 1e-12
        if y < innerDensity * (1 - z) - margin { return .accept }
        if z >= 0 && y > innerDensity * (1 - z + 0.5 * z * z) + margin { return .reject }
        return .undecided
    }

    /// Whether |signed| < kᵢ for `layer` i: the draw lies in the layer's rectangle.
    ///
    /// For kᵢ ≥ 1, |s| < kᵢ ⇔ 0 ≤ s + kᵢ − 1 < 2kᵢ − 1, and reading s + kᵢ − 1 as unsigned
    /// turns both ends into one comparison (a negative sum wraps above 2⁶³); for kᵢ = 0 the
    /// stored bound 0 accepts nothing. Same decisions as the absolute value, two instructions
    /// fewer on the sampler's most frequent path. `signed` is a 53-bit signed integer, so the
    /// sum cannot overflow.
    @inlinable @inline(__always)
    public func isInsideRectangle(_ signed: Int64, layer: Int) -> Bool {
        UInt64(bitPattern: signed &+ Int64(bitPattern: rectangle[layer])) < rectangle[layer &+ 128]
    }

    /// ``w``[i] for `layer` i, read from its copy after the rectangle thresholds (the same value).
    @inlinable @inline(__always)
    public func rectangleScale(layer: Int) -> Double { Double(bitPattern: rectangle[layer &+ 256]) }
}
