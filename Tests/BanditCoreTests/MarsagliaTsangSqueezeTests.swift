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

    /// The second squeeze's bound b never exceeds the exact acceptance threshold: u < b gives
    /// ln u ≤ u − 1 < b − 1, which must not exceed x²/2 + d(1 − v + ln v), here computed without
    /// cancellation: with w = cx and L = ln(1 + w) − w, it is x²/2 + d(−3w² − w³ + 3L).
    @Test("the second squeeze's bound lies below the exact acceptance threshold", arguments: [1, 1.3, 2.5, 40, 10_000])
    func squeezeIsSufficient(shape: Double) {
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        var accepting = 0
        for step in -600...600 {
            let x = Double(step) / 100
            let w = c * x
            guard w > -1 else { continue }
            let logOnePlusWMinusW = SpecialFunctions.logOnePlusXMinusX(w)
            let exact = 0.5 * x * x + d * (-3 * w * w - w * w * w + 3 * logOnePlusWMinusW)
            let bound = Xoshiro256PlusPlus.marsagliaTsangSecondSqueeze(cx: w, c: c, x2: x * x)
            // Below cx = −1/8 the squeeze must accept nothing (u > 0 always).
            if w < -0.125 { #expect(bound == 0, "shape \(shape), x \(x)") }
            // A bound ≤ 0 accepts nothing; otherwise every accepted u has ln u ≤ bound − 1. The
            // slack allows the right-hand side's own rounding (terms of size x², a few ulps each).
            guard bound > 0 else { continue }
            accepting += 1
            #expect(bound - 1 <= exact + 1e-15 * (1 + x * x), "shape \(shape), x \(x)")
        }
        // The grid exercises the squeeze where it accepts: for shape 1 (c² = 1/6) that is
        // −0.31 < x < 2.55, 285 grid points; more for larger shapes.
        #expect(accepting >= 285)
    }
}
