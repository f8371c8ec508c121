import Testing
@testable import BanditCore

/// The pair sampler cuts both first attempts' uniforms from one word, so it makes different
/// draws from two calls of `nextMarsagliaTsangGamma`: its law is checked on its own, against
/// exact CDFs and closed-form moments, at fixed seeds with false-alarm rates stated in
/// `StatisticalChecks.swift`. The mutation tests show the checks can see a broken variant.
@Suite("Marsaglia–Tsang gamma pair sampler")
struct GammaPairSamplerTests {
    static func constants(_ shape: Double) -> (d: Double, c: Double) {
        let d = shape - 1.0 / 3.0
        return (d, 1 / (9 * d).squareRoot())
    }

    static func pairs(_ a: Double, _ b: Double, count: Int, seed: UInt64) -> [(Double, Double)] {
        let (dX, cX) = constants(a)
        let (dY, cY) = constants(b)
        var generator = Xoshiro256PlusPlus(seed: seed)
        let table = ZigguratNormalTable.shared
        return (0..<count).map { _ in generator.nextMarsagliaTsangGammaPair(dX: dX, cX: cX, dY: dY, cY: cY, table: table) }
    }

    static func betaStatistic(_ draws: [(Double, Double)], _ a: Double, _ b: Double) -> Double {
        kolmogorovSmirnov(draws.map { $0.0 / ($0.0 + $0.1) }) {
            SpecialFunctions.regularizedIncompleteBeta(a: a, b: b, x: min(max($0, 0), 1))
        }
    }

    @Test("register-resident pairs are the generic pairs, bit for bit, state included",
          arguments: [(1.0, 1.0), (1.0, 1.3), (2.5, 40), (10_000, 3), (1.7, 700)])
    func registerResidentMatchesGeneric(a: Double, b: Double) {
        let (dX, cX) = Self.constants(a)
        let (dY, cY) = Self.constants(b)
        let table = ZigguratNormalTable.shared
        var generic = Xoshiro256PlusPlus(seed: 44)
        var resident = generic
        for _ in 0..<20_000 {
            let expected = generic.nextMarsagliaTsangGammaPair(dX: dX, cX: cX, dY: dY, cY: cY, table: table)
            let actual = resident.nextMarsagliaTsangGammaPairInRegisters(dX: dX, cX: cX, dY: dY, cY: cY, table: table)
            #expect(expected.0.bitPattern == actual.0.bitPattern && expected.1.bitPattern == actual.1.bitPattern)
        }
        #expect(generic.state == resident.state)
    }

    @Test("X/(X + Y) passes Kolmogorov–Smirnov against the exact Beta CDF",
          arguments: [(1.0, 1.0), (1.0005, 1.0), (2.0, 5.0), (40.0, 60.0), (1000.0, 3000.0), (1.0, 250.0)])
    func betaLaw(a: Double, b: Double) {
        let draws = Self.pairs(a, b, count: 20_000, seed: 61)
        #expect(Self.betaStatistic(draws, a, b) <= kolmogorovCritical)
    }

    @Test("each member passes Kolmogorov–Smirnov against its Gamma CDF", arguments: [(1.0, 2.5), (30.0, 1.0), (1.2, 1.2)])
    func gammaMarginals(a: Double, b: Double) {
        let draws = Self.pairs(a, b, count: 20_000, seed: 62)
        #expect(kolmogorovSmirnov(draws.map(\.0)) { SpecialFunctions.regularizedGammaP(a, max($0, 0)) } <= kolmogorovCritical)
        #expect(kolmogorovSmirnov(draws.map(\.1)) { SpecialFunctions.regularizedGammaP(b, max($0, 0)) } <= kolmogorovCritical)
    }

    /// Gamma(a, 1): mean a, variance a, central fourth moment 3a² + 6a, so the sample variance
    /// has standard error √((2a² + 6a)/n); independent members have sample correlation of
    /// standard error 1/√n.
    @Test("means, variances and the members' correlation lie within CLT bounds", arguments: [(1.0, 4.0), (150.0, 1.0)])
    func momentsAndIndependence(a: Double, b: Double) {
        let n = 50_000
        let draws = Self.pairs(a, b, count: n, seed: 63)
        for (values, shape) in [(draws.map(\.0), a), (draws.map(\.1), b)] {
            let (mean, variance) = meanAndVariance(values)
            #expect(abs(mean - shape) <= zBound * (shape / Double(n)).squareRoot())
            #expect(abs(variance - shape) <= zBound * ((2 * shape * shape + 6 * shape) / Double(n)).squareRoot())
        }
        let (meanX, varianceX) = meanAndVariance(draws.map(\.0))
        let (meanY, varianceY) = meanAndVariance(draws.map(\.1))
        let covariance = draws.reduce(0.0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) } / Double(n - 1)
        let correlation = covariance / (varianceX * varianceY).squareRoot()
        #expect(abs(correlation) * Double(n).squareRoot() <= zBound)
    }

    @Test("shapes exactly 1 (the smallest allowed) never give a negative or non-finite draw")
    func drawsArePositive() {
        let draws = Self.pairs(1, 1, count: 100_000, seed: 64)
        #expect(draws.allSatisfy { $0.0 > 0 && $0.1 > 0 && $0.0.isFinite && $0.1.isFinite })
    }

    // MARK: - Mutation checks: the same tests reject plausible mistakes.

    /// Two plausible mistakes: the squeeze copied from the 52-bit sampler without rescaling
    /// (it then accepts nearly every candidate), and no acceptance test at all. (Reusing the
    /// normal's own word for its uniform is a real bug too, but its effect on the law is below
    /// what 2·10⁴ draws resolve — these tests do not claim to catch it.)
    enum Mutation { case squeezeScaledForFiftyTwoBits, acceptanceTestSkipped }

    static func brokenPairs(_ a: Double, _ b: Double, count: Int, seed: UInt64, mutation: Mutation) -> [(Double, Double)] {
        let (dX, cX) = constants(a)
        let (dY, cY) = constants(b)
        let table = ZigguratNormalTable.shared
        var generator = Xoshiro256PlusPlus(seed: seed)
        func member(_ normal: Double, _ bits: UInt64, _ d: Double, _ c: Double) -> Double {
            let x2 = normal * normal
            let accepted = switch mutation {
            case .squeezeScaledForFiftyTwoBits:
                Double(bits) < (0x1p52 - 0.5) - (0x1p52 * 0.0331) * x2 * x2
                    || Xoshiro256PlusPlus.marsagliaTsangPairLogarithmicTestAccepts(normal: normal, uniformBits: bits, d: d, c: c)
            case .acceptanceTestSkipped:
                1 + c * normal > 0
            }
            return accepted
                ? Xoshiro256PlusPlus.marsagliaTsangValue(normal: normal, d: d, c: c)
                : generator.nextMarsagliaTsangGammaSlowPath(d: d, c: c, table: table)
        }
        return (0..<count).map { _ in
            let normalX = generator.nextStandardNormal(table: table)
            let normalY = generator.nextStandardNormal(table: table)
            let uniforms = generator.next()
            let x = member(normalX, uniforms >> 32, dX, cX)
            let y = member(normalY, uniforms & 0xFFFF_FFFF, dY, cY)
            return (x, y)
        }
    }

    @Test("a variant whose squeeze keeps the 52-bit sampler's scale 2⁵² fails the Beta test")
    func mutationWrongSqueezeScaleIsCaught() {
        let draws = Self.brokenPairs(1, 1, count: 20_000, seed: 61, mutation: .squeezeScaledForFiftyTwoBits)
        #expect(Self.betaStatistic(draws, 1, 1) > kolmogorovCritical)
    }

    @Test("a variant that accepts every candidate with v > 0 fails the Gamma test")
    func mutationSkippedAcceptanceTestIsCaught() {
        let draws = Self.brokenPairs(1, 1, count: 20_000, seed: 62, mutation: .acceptanceTestSkipped)
        #expect(kolmogorovSmirnov(draws.map(\.0)) { SpecialFunctions.regularizedGammaP(1, max($0, 0)) } > kolmogorovCritical)
    }
}
