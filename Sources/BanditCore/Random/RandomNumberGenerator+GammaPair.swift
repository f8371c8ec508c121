import RealModule

extension RandomNumberGenerator {
    /// Two independent draws X ~ Gamma(a_X, 1), Y ~ Gamma(a_Y, 1), both shapes at least 1, by
    /// Marsaglia & Tsang (2000, "A Simple Method for Generating Gamma Variables", ACM TOMS
    /// 26(3)) with the uniforms of both first attempts cut from one generator word: a Beta draw
    /// X/(X + Y) (Thompson sampling's inner loop) costs three words on its common path instead
    /// of four.
    ///
    /// `dX`, `cX` (and `dY`, `cY`) are Marsaglia–Tsang's d = a − 1/3 and c = 1/√(9d), as for
    /// ``nextMarsagliaTsangGamma(d:c:table:)``. The words are used in this order: the normal of
    /// X's first attempt, the normal of Y's (each a ziggurat draw, which may take more words),
    /// then one word whose high 32 bits give X's uniform and low 32 bits Y's. A rejected first
    /// attempt continues with the ordinary Marsaglia–Tsang loop (52-bit uniforms), X's before Y's.
    ///
    /// **Why the result is exact up to 2⁻³².** Within one attempt the normal and the uniform
    /// come from different words, and X and Y never share bits, so each attempt sees an
    /// independent (normal, uniform) pair and X, Y are independent. The only approximation is the
    /// first attempt's uniform u = (k + ½)·2⁻³², k uniform on 0..<2³²: for any threshold t in
    /// [0, 1], P(u < t) = ⌈t·2³² − ½⌉·2⁻³² differs from t by at most 2⁻³³, so the acceptance
    /// probability of each candidate is off by at most 2⁻³³, and the total-variation distance
    /// between the first attempt's output and the exact gamma law is at most 2⁻³³ divided by
    /// the acceptance rate (above 0.95 for shapes ≥ 1, Marsaglia & Tsang §3): below 2⁻³² ≈
    /// 2.3·10⁻¹⁰, far below anything a simulation of 10¹⁰ draws could resolve. Retries use the
    /// full 52-bit uniforms. The shared ``nextMarsagliaTsangGamma(d:c:table:)`` and
    /// ``nextGamma(shape:)`` are unchanged: this is a separate sampler, with its own tests.
    ///
    /// - Precondition: both shapes at least 1 (d ≥ 2/3), so that c ≤ 1/√6: a normal with
    ///   1 + cx ≤ 0 has x⁴ ≥ 36 and fails the squeeze 1 − 0.0331x⁴ < 0, which is why the common
    ///   path needs no separate test of v > 0.
    @inlinable @inline(__always)
    public mutating func nextMarsagliaTsangGammaPair(
        dX: Double, cX: Double, dY: Double, cY: Double, table: ZigguratNormalTable
    ) -> (Double, Double) {
        assert(dX >= 2.0 / 3.0 && dY >= 2.0 / 3.0, "the pair sampler needs shapes of at least 1")
        let normalX = nextStandardNormal(table: table)
        let normalY = nextStandardNormal(table: table)
        let uniforms = next()
        let x = Self.marsagliaTsangPairAccepts(normal: normalX, uniformBits: uniforms >> 32, d: dX, c: cX)
            ? Self.marsagliaTsangValue(normal: normalX, d: dX, c: cX)
            : nextMarsagliaTsangGammaSlowPath(d: dX, c: cX, table: table)
        let y = Self.marsagliaTsangPairAccepts(normal: normalY, uniformBits: uniforms & 0xFFFF_FFFF, d: dY, c: cY)
            ? Self.marsagliaTsangValue(normal: normalY, d: dY, c: cY)
            : nextMarsagliaTsangGammaSlowPath(d: dY, c: cY, table: table)
        return (x, y)
    }

    /// Marsaglia–Tsang's candidate d·v, v = (1 + cx)³ (the same expression on every path, so
    /// the register-resident sampler returns the same bits).
    @inlinable @inline(__always)
    static func marsagliaTsangValue(normal x: Double, d: Double, c: Double) -> Double {
        let onePlusCX = 1.0 + c * x
        return d * (onePlusCX * onePlusCX * onePlusCX)
    }

    /// The 32-bit uniform (k + ½)·2⁻³² of the pair's first attempts, k = `uniformBits`.
    @inlinable @inline(__always)
    static func pairUniform(_ uniformBits: UInt64) -> Double { (Double(uniformBits) + 0.5) * 0x1p-32 }

    /// Marsaglia & Tsang's acceptance of the candidate (x, u = (k + ½)·2⁻³²), k = `uniformBits`:
    /// ``marsagliaTsangPairSqueezesAccept(normal:uniformBits:c:)`` or
    /// ``marsagliaTsangPairLogarithmicTestAccepts(normal:uniformBits:d:c:)``.
    @inlinable @inline(__always)
    static func marsagliaTsangPairAccepts(normal x: Double, uniformBits: UInt64, d: Double, c: Double) -> Bool {
        marsagliaTsangPairSqueezesAccept(normal: x, uniformBits: uniformBits, c: c)
            || marsagliaTsangPairLogarithmicTestAccepts(normal: x, uniformBits: uniformBits, d: d, c: c)
    }

    /// The paper's squeeze u < 1 − 0.0331x⁴, tested as k < (2³² − ½) − 2³²·0.0331·x⁴ (both
    /// sides scaled by 2³², the ½ moved across, so the common path converts k and nothing else),
    /// then — for the ~8 % it leaves — v > 0 and the logarithm-free squeeze
    /// ``marsagliaTsangSqueezeAccepts(u:cx:onePlusCX:v:x2:)``. Both are sufficient conditions of
    /// the exact test; rounding of the scaled right-hand side moves the first boundary by an ulp,
    /// far inside its margin below the exact acceptance region (1 − 0.0331x⁴ against about
    /// 1 − c²x⁴/12, c² ≤ 1/6), so the accepted law is that of the exact test.
    @inlinable @inline(__always)
    static func marsagliaTsangPairSqueezesAccept(normal x: Double, uniformBits: UInt64, c: Double) -> Bool {
        let x2 = x * x
        if _fastPath(Double(uniformBits) < (0x1p32 - 0.5) - (0x1p32 * 0.0331) * x2 * x2) { return true }
        let cx = c * x
        let onePlusCX = 1.0 + cx
        guard onePlusCX > 0 else { return false }
        let v = onePlusCX * onePlusCX * onePlusCX
        return marsagliaTsangSqueezeAccepts(u: pairUniform(uniformBits), cx: cx, onePlusCX: onePlusCX, v: v, x2: x2)
    }

    /// Marsaglia & Tsang's exact test v > 0 and ln u < x²/2 + d(1 − v + ln v).
    @inlinable
    static func marsagliaTsangPairLogarithmicTestAccepts(normal x: Double, uniformBits: UInt64, d: Double, c: Double) -> Bool {
        let onePlusCX = 1.0 + c * x
        guard onePlusCX > 0 else { return false }
        let v = onePlusCX * onePlusCX * onePlusCX
        return Double.log(pairUniform(uniformBits)) < 0.5 * (x * x) + d * (1.0 - v + Double.log(v))
    }
}
