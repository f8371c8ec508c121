import RealModule

/// Samplers for loops that draw many variates in a row (Thompson sampling's K gamma pairs per
/// decision) and need the generator's 256-bit state to stay in registers.
///
/// The generic samplers hand their rare paths (ziggurat wedges and tail, Marsaglia–Tsang
/// retries, shapes below 1) the generator `inout`. Passing its address to a call that is not
/// inlined makes the optimiser keep the state in memory for the whole loop, so every draw pays
/// a store and a dependent reload on the generator's serial chain. Here the rare paths receive
/// the generator by value and return it, so the caller's copy never has its address taken.
///
/// Each method makes exactly the draws of its generic counterpart, in the same order: results
/// are bit-identical (tested), only the code generation differs.
extension Xoshiro256PlusPlus {
    /// ``RandomNumberGenerator/nextStandardNormal(table:)``, register-resident.
    @inlinable @inline(__always)
    public mutating func nextStandardNormalInRegisters(table: ZigguratNormalTable) -> Double {
        let bits = next()
        let layer = Int(bits & 0x7F)
        let signed = Int64(bitPattern: bits) >> 11
        if _fastPath(table.isInsideRectangle(signed, layer: layer)) { return Double(signed) * table.rectangleScale(layer: layer) }
        let (value, advanced) = Self.standardNormalSlowPath(bits: bits, table: table, generator: self)
        self = advanced
        return value
    }

    /// ``RandomNumberGenerator/nextMarsagliaTsangGamma(d:c:table:)``, register-resident.
    @inlinable @inline(__always)
    public mutating func nextMarsagliaTsangGammaInRegisters(d: Double, c: Double, table: ZigguratNormalTable) -> Double {
        let x = nextStandardNormalInRegisters(table: table)
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
        let (value, advanced) = Self.marsagliaTsangSlowPath(d: d, c: c, table: table, generator: self)
        self = advanced
        return value
    }

    /// ``RandomNumberGenerator/nextGamma(shape:)``, through ``gamma(shape:generator:)``.
    @inlinable @inline(__always)
    public mutating func nextGammaByValue(shape: Double) -> Double {
        let (value, advanced) = Self.gamma(shape: shape, generator: self)
        self = advanced
        return value
    }

    /// ``RandomNumberGenerator/nextGamma(shape:)``, with the generator passed by value.
    @inlinable @inline(never)
    public static func gamma(shape: Double, generator: Xoshiro256PlusPlus) -> (Double, Xoshiro256PlusPlus) {
        var copy = generator
        let value = copy.nextGamma(shape: shape)
        return (value, copy)
    }

    @inlinable @inline(never)
    static func standardNormalSlowPath(
        bits: UInt64, table: ZigguratNormalTable, generator: Xoshiro256PlusPlus
    ) -> (Double, Xoshiro256PlusPlus) {
        var copy = generator
        let value = copy.nextStandardNormalSlowPath(bits: bits, table: table)
        return (value, copy)
    }

    @inlinable @inline(never)
    static func marsagliaTsangSlowPath(
        d: Double, c: Double, table: ZigguratNormalTable, generator: Xoshiro256PlusPlus
    ) -> (Double, Xoshiro256PlusPlus) {
        var copy = generator
        let value = copy.nextMarsagliaTsangGammaSlowPath(d: d, c: c, table: table)
        return (value, copy)
    }
}
