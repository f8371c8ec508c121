import RealModule
import Testing
@testable import BanditCore

/// The squeezes in front of Marsaglia & Tsang's logarithmic test only decide faster: they must
/// accept exactly the candidates the test accepts, so the draws are those of the paper's plain
/// algorithm.
@Suite("Marsaglia–Tsang squeezes")
struct MarsagliaTsangSqueezeTests {
    /// Marsaglia & Tsang (2000), written plainly: the logarithmic test alone decides.
    static func plainGamma(d: Double, c: Double, using generator: inout Xoshiro256PlusPlus) -> Double {
        while true {
            var x: Double
            var v: Double
            repeat {
                x = generator.nextStandardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = generator.nextOpenUniform()
            if Double.log(u) < 0.5 * x * x + d * (1 - v + Double.log(v)) { return d * v }
        }
    }

    @Test("draws equal the plain algorithm's, bit for bit, for shapes 1 to 10⁴", arguments: [1, 1.3, 2.5, 7, 40, 10_000])
    func drawsMatchPlainAlgorithm(shape: Double) {
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        var library = Xoshiro256PlusPlus(seed: 17)
        var plain = library
        var resident = library
        for _ in 0..<20_000 {
            let expected = Self.plainGamma(d: d, c: c, using: &plain)
            #expect(library.nextMarsagliaTsangGamma(d: d, c: c).bitPattern == expected.bitPattern)
            #expect(resident.nextMarsagliaTsangGammaInRegisters(d: d, c: c, table: .shared).bitPattern == expected.bitPattern)
        }
        #expect(library.state == plain.state)
        #expect(resident.state == plain.state)
    }

    /// The logarithm-free squeeze accepts only candidates the logarithmic test accepts: whenever
    /// (1 − u)·12·min(1, (1 + w)⁴) > c²x⁴, ln u must lie below x²/2 + d(1 − v + ln v), here
    /// computed without cancellation: with w = cx and L = ln(1 + w) − w, it is
    /// x²/2 + d(−3w² − w³ + 3L). The grid covers w from near −1 (where the bound's (1 + w)⁴
    /// matters) to large positive w, and u from 10⁻⁶ to 1 − 10⁻⁹.
    @Test("the logarithm-free squeeze accepts only what the logarithmic test accepts", arguments: [1, 1.3, 2.5, 40, 10_000])
    func squeezeIsSufficient(shape: Double) {
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        let uniforms = (0...60).map { 1 - Double.pow(10, -9 + Double($0) * 0.15) } + [1e-6, 0.01, 0.3]
        var accepting = 0
        for step in -800...800 {
            let x = Double(step) / 100
            let w = c * x
            guard w > -1 else { continue }
            let onePlusW = 1 + w
            let v = onePlusW * onePlusW * onePlusW
            let exact = 0.5 * x * x + d * (-3 * w * w - w * w * w + 3 * SpecialFunctions.logOnePlusXMinusX(w))
            for u in uniforms where Xoshiro256PlusPlus.marsagliaTsangSqueezeAccepts(u: u, cx: w, onePlusCX: onePlusW, v: v, x2: x * x) {
                accepting += 1
                // The slack allows the right-hand side's own rounding (terms of size x², a few
                // ulps each).
                #expect(Double.log(u) < exact + 1e-15 * (1 + x * x), "shape \(shape), x \(x), u \(u)")
            }
        }
        // Not vacuous: at x = 0 it accepts all 64 grid uniforms, and over the grid more than
        // twenty rows' worth.
        #expect(accepting > 20 * 64)
    }

    @Test("the one-comparison rectangle test decides as |s| < k for every layer")
    func rectangleTest() {
        let table = ZigguratNormalTable.shared
        for layer in 0..<128 {
            let k = Int64(table.k[layer])
            let probes: [Int64] = [0, 1, -1, k, -k, k - 1, -(k - 1), k + 1, -(k + 1), (1 << 52) - 1, -(1 << 52)]
            for s in probes where s >= -(1 << 52) && s < (1 << 52) {
                #expect(table.isInsideRectangle(s, layer: layer) == (s.magnitude < table.k[layer]), "layer \(layer), s \(s)")
            }
        }
    }
}
