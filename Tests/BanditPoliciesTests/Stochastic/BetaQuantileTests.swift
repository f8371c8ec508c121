import BanditCore
import Foundation
import Testing

/// ``SpecialFunctions/betaQuantile(_:a:b:start:)``, the inverse Bayes-UCB needs (it lives in
/// BanditCore; its tests sit with its one user).
@Suite("Beta quantile")
struct BetaQuantileTests {
    @Test("closed forms: Beta(1, 1), Beta(a, 1), Beta(1, b), Beta(½, ½)")
    func closedForms() {
        for p in [1e-12, 1e-6, 0.01, 0.2, 0.5, 0.77, 0.99, 1 - 1e-9] {
            #expect(abs(SpecialFunctions.betaQuantile(p, a: 1, b: 1) - p) <= 1e-13 * max(p, 1e-3))
            // Iₓ(a, 1) = xᵃ.
            #expect(abs(SpecialFunctions.betaQuantile(p, a: 3.5, b: 1) - pow(p, 1 / 3.5)) <= 1e-12)
            // Iₓ(1, b) = 1 − (1 − x)ᵇ.
            let oneB = -expm1(log1p(-p) / 4)
            #expect(abs(SpecialFunctions.betaQuantile(p, a: 1, b: 4) - oneB) <= 1e-12 * max(oneB, 1e-3))
            // Arcsine law: Iₓ(½, ½) = (2/π) arcsin √x.
            let arcsine = pow(sin(Double.pi * p / 2), 2)
            #expect(abs(SpecialFunctions.betaQuantile(p, a: 0.5, b: 0.5) - arcsine) <= 1e-11 * max(arcsine, 1e-6))
        }
        #expect(SpecialFunctions.betaQuantile(0, a: 2, b: 3) == 0)
        #expect(SpecialFunctions.betaQuantile(1, a: 2, b: 3) == 1)
        #expect(SpecialFunctions.betaQuantile(1.5, a: 2, b: 3).isNaN)
        #expect(SpecialFunctions.betaQuantile(0.5, a: 0, b: 3).isNaN)
    }

    @Test("published values (R's qbeta / SciPy's beta.ppf, 16 digits)")
    func knownValues() {
        let cases: [(p: Double, a: Double, b: Double, x: Double)] = [
            (0.5, 2, 3, 0.3857275681323895),
            (0.95, 2, 5, 0.5818034092520259),
            (0.01, 0.3, 0.7, 3.5840844994888017e-07),
        ]
        for c in cases {
            let x = SpecialFunctions.betaQuantile(c.p, a: c.a, b: c.b)
            #expect(abs(x - c.x) <= 1e-10 * c.x, "Beta(\(c.a), \(c.b)) at \(c.p): \(x) vs \(c.x)")
        }
        // Upper tails far below the spacing of doubles near 1, as Bayes-UCB asks for.
        let upper: [(tail: Double, a: Double, b: Double, x: Double)] = [
            (1e-7, 5001, 3001, 0.6528147993281673),
            (1e-9, 3, 1000, 0.026293844143094706),
        ]
        for c in upper {
            let x = SpecialFunctions.betaUpperQuantile(tail: c.tail, a: c.a, b: c.b)
            #expect(abs(x - c.x) <= 1e-10 * c.x, "Beta(\(c.a), \(c.b)) upper \(c.tail): \(x) vs \(c.x)")
        }
    }

    @Test("round trip through the incomplete beta, including large shapes")
    func roundTrip() {
        // (Shapes whose quantile would sit closer to 1 than a double can, e.g. b < 1 with a tail of
        // 10⁻¹⁰, are left out: no x represents them.)
        for (a, b) in [(0.7, 2.4), (2.0, 9.0), (40.0, 3.0), (1e4 + 1, 2.0), (3e5, 7e5)] {
            for tail in [1e-10, 1e-4, 0.3, 0.9] {
                let x = SpecialFunctions.betaUpperQuantile(tail: tail, a: a, b: b)
                // x is within 10⁻¹³ (relative) of the exact quantile: the tail at x(1 ∓ 10⁻¹³)
                // brackets the target. (Comparing the tail at x itself would ask for more than a
                // double holds where the quantile is 1 − 10⁻⁹ and the tail ∝ (1 − x)ᵇ.)
                let above = SpecialFunctions.regularizedIncompleteBetaComplement(a: a, b: b, x: x * (1 - 1e-13))
                let below = SpecialFunctions.regularizedIncompleteBetaComplement(a: a, b: b, x: min(1, x * (1 + 1e-13)))
                #expect(above >= tail * (1 - 1e-12) && below <= tail * (1 + 1e-12),
                        "Beta(\(a), \(b)) tail \(tail): x = \(x), tails \(above) … \(below)")
                let warm = SpecialFunctions.betaUpperQuantile(tail: tail, a: a, b: b, start: min(0.999, x * 1.1))
                #expect(abs(warm - x) <= 1e-11 * x)
            }
        }
    }
}
