import Testing
@testable import BanditCore

/// Sample moments, quantiles and goodness of fit of every built-in distribution against its
/// stated mean, variance and CDF, at fixed seeds.
@Suite struct DistributionStatisticalTests {
    struct MomentCase: Sendable, CustomTestStringConvertible {
        let distribution: any RewardDistribution
        /// The fourth central moment μ₄ where it is finite: the sample variance s² has
        /// asymptotic variance (μ₄ − σ⁴)/n, which bounds |s² − σ²|.
        let fourthCentralMoment: Double?
        let seed: UInt64
        var testDescription: String { distribution.description }

        init(_ distribution: any RewardDistribution, excessKurtosis: Double?, seed: UInt64) {
            self.distribution = distribution
            if let excessKurtosis, let variance = distribution.variance {
                fourthCentralMoment = (excessKurtosis + 3) * variance * variance
            } else {
                fourthCentralMoment = nil
            }
            self.seed = seed
        }
    }

    /// Excess kurtosis of Beta(α, β).
    static func betaKurtosis(_ a: Double, _ b: Double) -> Double {
        6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2)) / (a * b * (a + b + 2) * (a + b + 3))
    }

    /// Excess kurtosis of Lomax(α), α > 4.
    static func lomaxKurtosis(_ a: Double) -> Double {
        6 * (a * a * a + a * a - 6 * a - 2) / (a * (a - 3) * (a - 4))
    }

    /// Excess kurtosis of LogNormal(·, σ = ½): e^(4σ²) + 2e^(3σ²) + 3e^(2σ²) − 6.
    static let logNormalKurtosis = 2.718_281_828_459_045 + 2 * 2.117_000_016_612_675 + 3 * 1.648_721_270_700_128_2 - 6

    static let momentCases: [MomentCase] = [
        MomentCase(try! Bernoulli(probability: 0.3), excessKurtosis: (1 - 6 * 0.21) / 0.21, seed: 101),
        MomentCase(try! Gaussian(mean: 1.5, standardDeviation: 2), excessKurtosis: 0, seed: 102),
        MomentCase(try! Beta(alpha: 2, beta: 5), excessKurtosis: betaKurtosis(2, 5), seed: 103),
        MomentCase(try! Beta(alpha: 0.5, beta: 0.5), excessKurtosis: betaKurtosis(0.5, 0.5), seed: 104),
        MomentCase(try! Gamma(shape: 0.5, scale: 2), excessKurtosis: 6 / 0.5, seed: 105),
        MomentCase(try! Gamma(shape: 3, scale: 1.5), excessKurtosis: 6 / 3, seed: 106),
        MomentCase(try! Exponential(rate: 2), excessKurtosis: 6, seed: 107),
        MomentCase(try! Poisson(rate: 4), excessKurtosis: 1 / 4, seed: 108),
        MomentCase(try! Poisson(rate: 30), excessKurtosis: 1 / 30, seed: 109),
        MomentCase(try! Uniform(lower: -1, upper: 3), excessKurtosis: -6.0 / 5, seed: 110),
        MomentCase(try! StudentT(degreesOfFreedom: 10, location: 1, scale: 2), excessKurtosis: 6.0 / 6, seed: 111),
        // ν = 3: finite variance (the mean obeys the CLT) but infinite fourth moment.
        MomentCase(try! StudentT(degreesOfFreedom: 3, location: -2), excessKurtosis: nil, seed: 112),
        MomentCase(try! Lomax(shape: 6, scale: 2, location: -1), excessKurtosis: lomaxKurtosis(6), seed: 113),
        MomentCase(try! Lomax(shape: 2.5, scale: 1, location: 0.5), excessKurtosis: nil, seed: 114),
        MomentCase(try! LogNormal(mu: 0.2, sigma: 0.5), excessKurtosis: logNormalKurtosis, seed: 115),
    ]

    @Test(arguments: momentCases)
    func sampleMomentsMatch(_ testCase: MomentCase) throws {
        // |x̄ − μ| ≤ z·σ/√n and |s² − σ²| ≤ z·√((μ₄ − σ⁴)/n), z = 4.5 (false alarm ≈ 7·10⁻⁶ each).
        let distribution = testCase.distribution
        let n = 100_000
        let samples = draws(distribution, count: n, seed: testCase.seed)
        let support = distribution.support
        #expect(samples.allSatisfy { support.contains($0) })
        let variance = try #require(distribution.variance)
        let (mean, sampleVariance) = meanAndVariance(samples)
        #expect(abs(mean - distribution.mean) <= zBound * (variance / Double(n)).squareRoot())
        if let mu4 = testCase.fourthCentralMoment {
            #expect(abs(sampleVariance - variance) <= zBound * ((mu4 - variance * variance) / Double(n)).squareRoot())
        }
    }

    struct QuantileCase: Sendable, CustomTestStringConvertible {
        let distribution: any ContinuousRewardDistribution
        let points: [Double]
        let seed: UInt64
        var testDescription: String { distribution.description }
    }

    static let heavyTailCases: [QuantileCase] = [
        // Infinite variance: moments would not concentrate, counts below fixed points do.
        QuantileCase(distribution: try! StudentT(degreesOfFreedom: 1.5, location: 2, scale: 0.5), points: [-3, 0, 2, 2.5, 10], seed: 201),
        QuantileCase(distribution: try! Lomax(shape: 1.5), points: [0.1, 0.5875, 3, 30], seed: 202),
        QuantileCase(distribution: try! Lomax(shape: 1.1, scale: 3, location: -2), points: [-1.9, 0, 10, 1000], seed: 203),
        QuantileCase(distribution: try! LogNormal(mu: -1, sigma: 2), points: [0.01, 0.3679, 5, 200], seed: 204),
    ]

    @Test(arguments: heavyTailCases)
    func heavyTailsMatchAtFixedQuantiles(_ testCase: QuantileCase) {
        // The count below a point q is Binomial(n, F(q)); |count − nF| ≤ 4.5·√(nF(1−F)).
        let samples = draws(testCase.distribution, count: 100_000, seed: testCase.seed)
        for point in testCase.points {
            let withinBound = quantileCountWithinBound(samples, quantile: point, probability: testCase.distribution.cdf(point))
            #expect(withinBound, "count below \(point)")
        }
        // The median of a symmetric t is its location, whatever the tails.
        if let t = testCase.distribution as? StudentT {
            let withinBound = quantileCountWithinBound(samples, quantile: t.location, probability: 0.5)
            #expect(withinBound)
        }
    }

    struct FitCase: Sendable, CustomTestStringConvertible {
        let distribution: any ContinuousRewardDistribution
        let seed: UInt64
        var testDescription: String { distribution.description }
    }

    static let fitCases: [FitCase] = [
        FitCase(distribution: try! Gaussian(mean: 1.5, standardDeviation: 2), seed: 301),
        FitCase(distribution: try! Beta(alpha: 2, beta: 5), seed: 302),
        FitCase(distribution: try! Beta(alpha: 0.5, beta: 0.5), seed: 303),
        FitCase(distribution: try! Beta(alpha: 0.05, beta: 0.3), seed: 304),
        FitCase(distribution: try! Gamma(shape: 0.5, scale: 2), seed: 305),
        FitCase(distribution: try! Gamma(shape: 3, scale: 1.5), seed: 306),
        FitCase(distribution: try! Exponential(rate: 2), seed: 307),
        FitCase(distribution: try! Uniform(lower: -1, upper: 3), seed: 308),
        FitCase(distribution: try! StudentT(degreesOfFreedom: 1.5, location: 2, scale: 0.5), seed: 309),
        FitCase(distribution: try! StudentT(degreesOfFreedom: 3), seed: 310),
        FitCase(distribution: try! StudentT(degreesOfFreedom: 30, location: -1, scale: 3), seed: 311),
        FitCase(distribution: try! Lomax(shape: 1.5), seed: 312),
        FitCase(distribution: try! Lomax(shape: 6, scale: 2, location: -1), seed: 313),
        FitCase(distribution: try! LogNormal(mu: 0.2, sigma: 0.5), seed: 314),
        FitCase(distribution: try! LogNormal(mu: -1, sigma: 2), seed: 315),
    ]

    @Test(arguments: fitCases)
    func passesKolmogorovSmirnov(_ testCase: FitCase) {
        // n = 20 000, reject if √n·D > 1.95, the 0.1 % critical value.
        let samples = draws(testCase.distribution, count: 20_000, seed: testCase.seed)
        #expect(kolmogorovSmirnov(samples, cdf: testCase.distribution.cdf) <= kolmogorovCritical)
    }

    @Test(arguments: fitCases)
    func cdfIsADistributionFunction(_ testCase: FitCase) {
        let distribution = testCase.distribution
        #expect(distribution.cdf(-.infinity) == 0)
        #expect(distribution.cdf(.infinity) == 1)
        #expect(distribution.cdf(.nan).isNaN)
        let support = distribution.support
        if support.lowerBound.isFinite { #expect(distribution.cdf(support.lowerBound) == 0) }
        if support.upperBound.isFinite { #expect(distribution.cdf(support.upperBound) == 1) }
        // Non-decreasing and inside [0, 1] on a grid spanning the bulk and the tails.
        let scale = (distribution.variance ?? 100).squareRoot()
        var previous = 0.0
        for step in -400...400 {
            let x = distribution.mean + Double(step) * scale / 20
            let f = distribution.cdf(x)
            #expect(f >= previous && f <= 1)
            previous = f
        }
    }

    @Test func bernoulliFrequencyIsBinomial() throws {
        // The number of ones is exactly Binomial(n, p).
        for (p, seed) in [(0.3, UInt64(401)), (0.01, 402), (0.999, 403)] {
            let samples = draws(try Bernoulli(probability: p), count: 100_000, seed: seed)
            #expect(samples.allSatisfy { $0 == 0 || $0 == 1 })
            let withinBound = quantileCountWithinBound(samples, quantile: 0, probability: 1 - p)
            #expect(withinBound)
        }
        #expect(draws(try Bernoulli(probability: 0), count: 1000, seed: 1).allSatisfy { $0 == 0 })
        #expect(draws(try Bernoulli(probability: 1), count: 1000, seed: 1).allSatisfy { $0 == 1 })
    }

    @Test func constantIsConstant() throws {
        let constant = try Constant(value: -2.5)
        #expect(draws(constant, count: 100, seed: 1).allSatisfy { $0 == -2.5 })
        #expect(constant.mean == -2.5 && constant.variance == 0 && constant.support == -2.5...(-2.5))
    }

    @Test func closedFormMomentsAndSupports() throws {
        // Exact values: the statistical tests above cannot resolve a formula that is off by 1 %.
        let gaussian = try Gaussian(mean: 1, standardDeviation: 2)
        #expect(gaussian.mean == 1 && gaussian.variance == 4 && gaussian.support == -Double.infinity...Double.infinity)
        let beta = try Beta(alpha: 2, beta: 6)
        #expect(beta.mean == 0.25 && beta.variance == 0.25 * 0.75 / 9 && beta.support == 0...1)
        let gamma = try Gamma(shape: 3, scale: 0.5)
        #expect(gamma.mean == 1.5 && gamma.variance == 0.75 && gamma.support == 0...Double.infinity)
        let exponential = try Exponential(rate: 4)
        #expect(exponential.mean == 0.25 && exponential.variance == 0.0625)
        let poisson = try Poisson(rate: 3.5)
        #expect(poisson.mean == 3.5 && poisson.variance == 3.5 && poisson.support == 0...Double.infinity)
        let uniform = try Uniform(lower: -1, upper: 5)
        #expect(uniform.mean == 2 && uniform.variance == 3 && uniform.support == -1...5)
        let t = try StudentT(degreesOfFreedom: 6, location: -1, scale: 2)
        #expect(t.mean == -1 && t.variance == 4 * 6 / 4)
        let lomax = try Lomax(shape: 3, scale: 2, location: 1)
        #expect(lomax.mean == 2 && lomax.variance == 4 * 3 / (4 * 1) && lomax.support == 1...Double.infinity)
        let logNormal = try LogNormal(mu: 0.5, sigma: 1)
        #expect(abs(logNormal.mean - 2.718_281_828_459_045) <= 1e-15 * 2.72)
        // (e − 1)·e² = e³ − e² = 12.696 480 824 257 017 5…
        #expect(abs(logNormal.variance! - 12.696_480_824_257_018) <= 1e-14 * 12.7)
    }

    @Test func varianceIsNilExactlyWhereItIsInfinite() throws {
        #expect(try StudentT(degreesOfFreedom: 2).variance == nil)
        #expect(try StudentT(degreesOfFreedom: 1.01).variance == nil)
        #expect(try StudentT(degreesOfFreedom: 2.01).variance != nil)
        #expect(try Lomax(shape: 2).variance == nil)
        #expect(try Lomax(shape: 2.01).variance != nil)
        // A finite variance too large for a Double is reported as unavailable, never as ∞.
        #expect(try LogNormal(mu: 0, sigma: 30).variance == nil)
        #expect(try LogNormal(mu: 0, sigma: 30).mean.isFinite)
    }

    /// (specification, x, F(x)) computed with mpmath at 50 digits (closed forms, or the
    /// incomplete gamma/beta functions of mpmath).
    static let cdfValues: [(String, Double, Double)] = [
        ("pareto(shape=1.5, scale=1, location=0)", 0.001, 0.0014981271850417666),
        ("pareto(shape=1.5, scale=1, location=0)", 3.0, 0.875),
        ("pareto(shape=1.5, scale=1, location=0)", 1000000.0, 0.9999999990000015),
        ("pareto(shape=6, scale=2, location=-1)", -0.5, 0.737856),
        ("pareto(shape=6, scale=2, location=-1)", 4.0, 0.9994560089758519),
        ("lognormal(mu=0.2, sigma=0.5)", 0.3, 0.002492932354457067),
        ("lognormal(mu=0.2, sigma=0.5)", 1.5, 0.659438147374727),
        ("lognormal(mu=-1, sigma=2)", 1e-05, 7.342625909269108e-08),
        ("lognormal(mu=-1, sigma=2)", 100.0, 0.9974652579484035),
        ("gamma(shape=0.5, scale=2)", 0.01, 0.07965567455405796),
        ("gamma(shape=0.5, scale=2)", 3.0, 0.9167354833364496),
        ("gamma(shape=3, scale=1.5)", 2.0, 0.15063144384932486),
        ("gamma(shape=3, scale=1.5)", 20.0, 0.9998328216199935),
        ("beta(alpha=2, beta=5)", 0.1, 0.114265),
        ("beta(alpha=2, beta=5)", 0.6, 0.95904),
        ("beta(alpha=0.5, beta=0.5)", 1e-06, 0.0006366198784709244),
        ("exponential(rate=2)", 1e-09, 1.9999999980000002e-09),
        ("exponential(rate=2)", 0.7, 0.7534030360583935),
        ("exponential(rate=2)", 20.0, 1.0),
        ("gaussian(mean=1.5, sd=2)", -30.0, 3.4340657492721406e-56),
        ("gaussian(mean=1.5, sd=2)", 1.5, 0.5),
        ("gaussian(mean=1.5, sd=2)", 4.0, 0.8943502263331448),
        ("uniform(lower=-1, upper=3)", 0.0, 0.25),
        ("student-t(df=3, location=1, scale=2)", -5.0, 0.028834442811218653),
    ]

    @Test func cdfMatchesReferenceValues() throws {
        for (text, x, expected) in Self.cdfValues {
            let distribution = try #require(DistributionCatalog.standard.make(text) as? any ContinuousRewardDistribution)
            let value = distribution.cdf(x)
            #expect(abs(value - expected) <= 1e-12 * abs(expected), "\(text).cdf(\(x)) = \(value), expected \(expected)")
        }
    }
}
