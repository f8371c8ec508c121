import Testing
@testable import BanditCore

/// The register-resident samplers must make exactly the generic samplers' draws: same values,
/// same generator state afterwards, through every rare path (ziggurat wedges and tail,
/// Marsaglia–Tsang retries, shapes below 1).
@Suite("Register-resident samplers")
struct RegisterResidentSamplerTests {
    @Test("normals: identical values and states over 10⁵ draws (wedges and tail included)")
    func normals() {
        let table = ZigguratNormalTable.shared
        var generic = Xoshiro256PlusPlus(seed: 21)
        var resident = generic
        var tail = 0
        for _ in 0..<100_000 {
            let expected = generic.nextStandardNormal(table: table)
            let actual = resident.nextStandardNormalInRegisters(table: table)
            #expect(expected.bitPattern == actual.bitPattern)
            if abs(expected) > ZigguratNormalTable.r { tail += 1 }
        }
        #expect(generic.state == resident.state)
        // P(|Z| > r = 3.44) ≈ 5.8·10⁻⁴: about 58 tail draws exercised the tail path.
        #expect(tail > 20)
    }

    @Test("gammas: identical values and states for shapes from 0.05 to 10⁴", arguments: [0.05, 0.7, 1, 1.3, 2.5, 40, 10_000])
    func gammas(shape: Double) {
        let table = ZigguratNormalTable.shared
        var generic = Xoshiro256PlusPlus(seed: 5)
        var resident = generic
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        for _ in 0..<20_000 {
            if shape >= 1 {
                let expected = generic.nextMarsagliaTsangGamma(d: d, c: c, table: table)
                let actual = resident.nextMarsagliaTsangGammaInRegisters(d: d, c: c, table: table)
                #expect(expected.bitPattern == actual.bitPattern)
            } else {
                let expected = generic.nextGamma(shape: shape)
                let actual = resident.nextGammaByValue(shape: shape)
                #expect(expected.bitPattern == actual.bitPattern)
            }
        }
        #expect(generic.state == resident.state)
    }
}
