import Testing
@testable import BanditCore

/// Goodness-of-fit tests of the samplers on `RandomNumberGenerator`. Fixed seeds make each
/// test deterministic; the thresholds are stated as the false-alarm probability a correct
/// sampler would have at a random seed.
@Suite struct SamplerStatisticalTests {
    // MARK: Uniforms and integers

    @Test func uniformsStayInsideTheirIntervalsAtTheExtremeWords() {
        var top = ReplayGenerator([UInt64.max])
        #expect(top.nextUniform() < 1)
        #expect(top.nextOpenUniform() < 1)
        #expect(top.nextStandardExponential() > 0)
        var bottom = ReplayGenerator([0])
        #expect(bottom.nextUniform() == 0)
        #expect(bottom.nextOpenUniform() > 0)
        #expect(bottom.nextStandardExponential().isFinite)
    }

    @Test func uniformsPassKolmogorovSmirnov() {
        let closed = draws(count: 20_000, seed: 11) { $0.nextUniform() }
        #expect(kolmogorovSmirnov(closed) { min(max($0, 0), 1) } <= kolmogorovCritical)
        let open = draws(count: 20_000, seed: 12) { $0.nextOpenUniform() }
        #expect(open.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(kolmogorovSmirnov(open) { min(max($0, 0), 1) } <= kolmogorovCritical)
    }

    @Test(arguments: [7, 10, 1000])
    func nextIndexIsUniform(bound: Int) {
        // χ² over the `bound` cells, reject at p < 0.001.
        let n = bound * 100
        var generator = Xoshiro256PlusPlus(seed: 13)
        var counts = [Int](repeating: 0, count: bound)
        for _ in 0..<n { counts[generator.nextIndex(below: bound)] += 1 }
        let expected = [Double](repeating: 100, count: bound)
        #expect(chiSquarePValue(observed: counts, expected: expected) > 0.001)
    }

    @Test func nextIndexRejectsTheBiasedRegion() {
        // For bound = 3·2⁶¹ a quarter of all words must be rejected: without Lemire's rejection
        // step value v would get 3, 3 or 2 preimages by v mod 3 (frequencies 3/8, 3/8, 2/8).
        let bound = 3 << 61
        var generator = Xoshiro256PlusPlus(seed: 14)
        var counts = [0, 0, 0]
        for _ in 0..<30_000 {
            let value = generator.nextIndex(below: bound)
            #expect(value >= 0 && value < bound)
            counts[value % 3] += 1
        }
        #expect(chiSquarePValue(observed: counts, expected: [10_000, 10_000, 10_000]) > 0.001)
        #expect(Xoshiro256PlusPlus(seed: 1).nextIndexOfOne() == 0)
    }

    // MARK: Normal (ziggurat)

    @Test func zigguratNormalPassesKolmogorovSmirnovAndFineBinnedChiSquare() {
        let n = 400_000
        let samples = draws(count: n, seed: 21) { $0.nextStandardNormal() }
        #expect(kolmogorovSmirnov(samples, cdf: SpecialFunctions.normalCDF) <= kolmogorovCritical)
        // 256 equiprobable cells resolve the ziggurat's layers and wedges, which a KS test
        // (a statement about the largest CDF gap) averages away. Reject at p < 0.001.
        let cells = 256
        let edges = (1..<cells).map { SpecialFunctions.normalQuantile(Double($0) / Double(cells)) }
        var counts = [Int](repeating: 0, count: cells)
        for x in samples {
            var low = 0
            var high = edges.count
            while low < high {
                let middle = (low + high) / 2
                if edges[middle] < x { low = middle + 1 } else { high = middle }
            }
            counts[low] += 1
        }
        let expected = [Double](repeating: Double(n) / Double(cells), count: cells)
        #expect(chiSquarePValue(observed: counts, expected: expected) > 0.001)
        let (mean, variance) = meanAndVariance(samples)
        #expect(abs(mean) <= zBound * (1 / Double(n)).squareRoot())
        #expect(abs(variance - 1) <= zBound * (2 / Double(n)).squareRoot())  // μ₄ − σ⁴ = 2
    }

    @Test func zigguratTailIsHitWithTheRightFrequencyAndShape() {
        // Beyond r = 3.4426 the ziggurat switches to Marsaglia's (1964) tail algorithm.
        // Pr(|Z| > r) = 2(1 − Φ(r)) ≈ 5.76·10⁻⁴; the count is Binomial(n, p).
        let r = ZigguratNormalTable.r
        let n = 2_000_000
        var generator = Xoshiro256PlusPlus(seed: 22)
        var tail: [Double] = []
        var negative = 0
        for _ in 0..<n {
            let x = generator.nextStandardNormal()
            if abs(x) > r {
                tail.append(abs(x))
                if x < 0 { negative += 1 }
            }
        }
        let p = 2 * SpecialFunctions.normalSurvival(r)
        let expected = Double(n) * p
        #expect(abs(Double(tail.count) - expected) <= zBound * (expected * (1 - p)).squareRoot())
        // Both tails, equally.
        let half = Double(tail.count) / 2
        #expect(abs(Double(negative) - half) <= zBound * (half / 2).squareRoot())
        // Shape: |Z| given |Z| > r has CDF 1 − S(x)/S(r).
        let survivalAtR = SpecialFunctions.normalSurvival(r)
        #expect(kolmogorovSmirnov(tail) { 1 - SpecialFunctions.normalSurvival($0) / survivalAtR } <= kolmogorovCritical)
    }

    // MARK: Exponential, gamma, beta

    @Test func standardExponentialPassesKolmogorovSmirnov() {
        let samples = draws(count: 20_000, seed: 31) { $0.nextStandardExponential() }
        // 1 − e^(−x) = P(1, x).
        #expect(kolmogorovSmirnov(samples) { SpecialFunctions.regularizedGammaP(1, max($0, 0)) } <= kolmogorovCritical)
    }

    @Test(arguments: [0.05, 0.3, 0.999, 1.0, 1.7, 2.5, 30.0])
    func gammaPassesKolmogorovSmirnov(shape: Double) {
        // Shapes below 1 take the boost Gamma(a+1)·U^(1/a); 1 and above the squeeze loop.
        let samples = draws(count: 20_000, seed: 32) { $0.nextGamma(shape: shape) }
        #expect(samples.allSatisfy { $0 >= 0 && $0.isFinite })
        #expect(kolmogorovSmirnov(samples) { SpecialFunctions.regularizedGammaP(shape, max($0, 0)) } <= kolmogorovCritical)
    }

    // Both shapes small would put several % of the mass within 2⁻⁵³ of 1, where every draw
    // rounds to 1.0 and the KS distance measures the rounding; (0.05, 0.5) keeps it below 10⁻⁸.
    @Test(arguments: [(0.5, 0.5), (2.0, 5.0), (0.2, 3.0), (40.0, 60.0), (0.05, 0.5), (1.0, 1.0)])
    func betaPassesKolmogorovSmirnov(alpha: Double, beta: Double) {
        let samples = draws(count: 20_000, seed: 33) { $0.nextBeta(alpha, beta) }
        #expect(samples.allSatisfy { $0 >= 0 && $0 <= 1 })
        let statistic = kolmogorovSmirnov(samples) {
            SpecialFunctions.regularizedIncompleteBeta(a: alpha, b: beta, x: min(max($0, 0), 1))
        }
        #expect(statistic <= kolmogorovCritical)
    }

    @Test func betaWithTinyShapesNeverReturnsNaN() {
        // Gamma(0.001) underflows to 0 for about half of all draws, so X/(X+Y) would be 0/0;
        // the sampler must work in logarithms there. By symmetry half the mass is below ½.
        let samples = draws(count: 20_000, seed: 34) { $0.nextBeta(0.001, 0.001) }
        #expect(samples.allSatisfy { $0 >= 0 && $0 <= 1 })
        let withinBound = quantileCountWithinBound(samples, quantile: 0.5, probability: 0.5)
        #expect(withinBound)
    }

    // MARK: Poisson

    @Test(arguments: [0.3, 3.7, 9.99, 10.0, 47.5, 1234.5])
    func poissonPassesChiSquare(rate: Double) {
        // λ < 10 is Knuth's product of uniforms, λ ≥ 10 is Hörmann's PTRS. Cells are the values
        // with expected count ≥ 20 plus the two pooled tails; Pr(X ≤ k) = Q(k + 1, λ).
        let n = 50_000
        let samples = draws(count: n, seed: 41) { $0.nextPoisson(rate) }
        #expect(samples.allSatisfy { $0 >= 0 && $0 == $0.rounded() })
        func cdf(_ k: Double) -> Double { k < 0 ? 0 : SpecialFunctions.regularizedGammaQ(k + 1, rate) }
        let mode = rate.rounded(.down)
        var low = mode
        while low > 0 && Double(n) * (cdf(low - 1) - cdf(low - 2)) >= 20 { low -= 1 }
        var high = mode
        while Double(n) * (cdf(high + 1) - cdf(high)) >= 20 { high += 1 }
        // Cells: (−∞, low], low+1, …, high−1, [high, ∞).
        var expected = [Double(n) * cdf(low)]
        var value = low + 1
        while value < high {
            expected.append(Double(n) * (cdf(value) - cdf(value - 1)))
            value += 1
        }
        expected.append(Double(n) * (1 - cdf(high - 1)))
        var observed = [Int](repeating: 0, count: expected.count)
        for x in samples {
            let cell = x <= low ? 0 : (x >= high ? expected.count - 1 : Int(x - low))
            observed[cell] += 1
        }
        #expect(expected.count >= 2)
        #expect(chiSquarePValue(observed: observed, expected: expected) > 0.001)
        let (mean, _) = meanAndVariance(samples)
        #expect(abs(mean - rate) <= zBound * (rate / Double(n)).squareRoot())
    }

    @Test func poissonOfZeroRateIsZero() {
        var generator = Xoshiro256PlusPlus(seed: 1)
        #expect((0..<100).allSatisfy { _ in generator.nextPoisson(0) == 0 })
    }
}

extension Xoshiro256PlusPlus {
    /// nextIndex(below: 1) must consume a word and return 0.
    fileprivate func nextIndexOfOne() -> Int {
        var copy = self
        return copy.nextIndex(below: 1)
    }
}
