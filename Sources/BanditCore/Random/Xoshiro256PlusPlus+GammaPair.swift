extension Xoshiro256PlusPlus {
    /// ``RandomNumberGenerator/nextMarsagliaTsangGammaPair(dX:cX:dY:cY:table:)``,
    /// register-resident (see ``nextMarsagliaTsangGammaInRegisters(d:c:table:)`` for why the
    /// rare paths take the generator by value): the same words in the same order and the same
    /// decisions, so the same draws (tested).
    @inlinable @inline(__always)
    public mutating func nextMarsagliaTsangGammaPairInRegisters(
        dX: Double, cX: Double, dY: Double, cY: Double, table: ZigguratNormalTable
    ) -> (Double, Double) {
        let normalX = nextStandardNormalInRegisters(table: table)
        let normalY = nextStandardNormalInRegisters(table: table)
        let uniforms = next()
        var x = Self.marsagliaTsangValue(normal: normalX, d: dX, c: cX)
        var y = Self.marsagliaTsangValue(normal: normalY, d: dY, c: cY)
        if _slowPath(!Self.marsagliaTsangPairSqueezesAccept(normal: normalX, uniformBits: uniforms >> 32, c: cX)) {
            (x, self) = Self.marsagliaTsangPairMemberSlowPath(
                normal: normalX, uniformBits: uniforms >> 32, d: dX, c: cX, table: table, generator: self)
        }
        if _slowPath(!Self.marsagliaTsangPairSqueezesAccept(normal: normalY, uniformBits: uniforms & 0xFFFF_FFFF, c: cY)) {
            (y, self) = Self.marsagliaTsangPairMemberSlowPath(
                normal: normalY, uniformBits: uniforms & 0xFFFF_FFFF, d: dY, c: cY, table: table, generator: self)
        }
        return (x, y)
    }

    /// A pair member's first attempt that neither squeeze accepted: the exact test, else the
    /// ordinary Marsaglia–Tsang loop.
    @inlinable @inline(never)
    static func marsagliaTsangPairMemberSlowPath(
        normal: Double, uniformBits: UInt64, d: Double, c: Double, table: ZigguratNormalTable, generator: Xoshiro256PlusPlus
    ) -> (Double, Xoshiro256PlusPlus) {
        var copy = generator
        let value = marsagliaTsangPairLogarithmicTestAccepts(normal: normal, uniformBits: uniformBits, d: d, c: c)
            ? marsagliaTsangValue(normal: normal, d: d, c: c)
            : copy.nextMarsagliaTsangGammaSlowPath(d: d, c: c, table: table)
        return (value, copy)
    }
}
