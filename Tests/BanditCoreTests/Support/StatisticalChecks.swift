@testable import BanditCore

// Helpers for the statistical tests. Every test draws from a fixed seed, so a passing test
// passes forever; the thresholds say how likely a *correct* sampler would have failed at a
// random seed (the false-alarm probability), which is what makes the thresholds honest.

/// z for the CLT bounds: Pr(|N(0,1)| > 4.5) ≈ 6.8·10⁻⁶ per check.
let zBound = 4.5

/// The 0.1 % critical value of the Kolmogorov distribution: Pr(√n·Dₙ > 1.95) ≈ 0.001 as n → ∞
/// (Kolmogorov 1933; 1 − K(1.95) = 2 Σ (−1)^(k−1) e^(−2k²·1.95²) ≈ 0.000 997).
let kolmogorovCritical = 1.95

/// Draws `count` values of `distribution` from a xoshiro256++ seeded with `seed`.
func draws(_ distribution: some RewardDistribution, count: Int, seed: UInt64) -> [Double] {
    var generator = Xoshiro256PlusPlus(seed: seed)
    return (0..<count).map { _ in distribution.sample(using: &generator) }
}

/// Draws `count` values from a sampler closure.
func draws(count: Int, seed: UInt64, _ sampler: (inout Xoshiro256PlusPlus) -> Double) -> [Double] {
    var generator = Xoshiro256PlusPlus(seed: seed)
    return (0..<count).map { _ in sampler(&generator) }
}

/// √n·Dₙ for the one-sample Kolmogorov–Smirnov test of `samples` against `cdf`.
func kolmogorovSmirnov(_ samples: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = samples.sorted()
    let n = Double(sorted.count)
    var distance = 0.0
    for (index, value) in sorted.enumerated() {
        let f = cdf(value)
        distance = max(distance, f - Double(index) / n, Double(index + 1) / n - f)
    }
    return distance * n.squareRoot()
}

/// The p-value of Pearson's χ² statistic with `observed.count − 1 − fitted` degrees of freedom,
/// Pr(χ²_df > X²) = Q(df/2, X²/2) (the incomplete gamma function, tested on its own against
/// mpmath in SpecialFunctionTests).
func chiSquarePValue(observed: [Int], expected: [Double], fitted: Int = 0) -> Double {
    precondition(observed.count == expected.count && expected.allSatisfy { $0 >= 5 })
    var statistic = 0.0
    for (o, e) in zip(observed, expected) {
        let d = Double(o) - e
        statistic += d * d / e
    }
    let df = Double(observed.count - 1 - fitted)
    return SpecialFunctions.regularizedGammaQ(df / 2, statistic / 2)
}

/// Sample mean and (n − 1)-variance.
func meanAndVariance(_ samples: [Double]) -> (mean: Double, variance: Double) {
    let n = Double(samples.count)
    var mean = 0.0
    var m2 = 0.0
    for (index, x) in samples.enumerated() {
        let delta = x - mean
        mean += delta / Double(index + 1)
        m2 += delta * (x - mean)
    }
    return (mean, m2 / (n - 1))
}

/// |count − np| ≤ z·√(np(1 − p)): the number of samples at or below a p-quantile is
/// Binomial(n, p), so this checks a quantile without any moment assumption (heavy tails).
func quantileCountWithinBound(_ samples: [Double], quantile: Double, probability p: Double) -> Bool {
    let count = Double(samples.lazy.filter { $0 <= quantile }.count)
    let n = Double(samples.count)
    return abs(count - n * p) <= zBound * (n * p * (1 - p)).squareRoot()
}

/// A generator that replays fixed words, to reach the edges of the samplers deterministically.
struct ReplayGenerator: RandomNumberGenerator {
    var words: [UInt64]
    var position = 0
    init(_ words: [UInt64]) { self.words = words }
    mutating func next() -> UInt64 {
        defer { position = (position + 1) % words.count }
        return words[position]
    }
}
