import Foundation
import Testing
@testable import BanditCore

/// Naive references, written straight from Bubeck, Cesa-Bianchi & Lugosi (2013), Lemmas 1–3.
enum NaiveRobust {
    static func truncatedMean(_ xs: [Double], epsilon: Double, u: Double, delta: Double) -> Double {
        var sum = 0.0
        for (i, x) in xs.enumerated() {
            let level = pow(u * Double(i + 1) / log(1 / delta), 1 / (1 + epsilon))
            if abs(x) <= level { sum += x }
        }
        return sum / Double(xs.count)
    }

    /// Interleaved blocks: block j holds samples j, j + k, …, among the first k·⌊n/k⌋.
    static func medianOfMeans(_ xs: [Double], blockCount k: Int) -> Double {
        let n = (xs.count / k) * k
        var means = [Double](repeating: 0, count: k)
        for i in 0..<n { means[i % k] += xs[i] }
        means = means.map { $0 / Double(n / k) }.sorted()
        return k % 2 == 1 ? means[k / 2] : (means[k / 2 - 1] + means[k / 2]) / 2
    }

    static func blockCount(n: Int, delta: Double) -> Int {
        Int(floor(min(8 * log(exp(0.125) / delta), Double(n) / 2)))
    }

    /// Bisection on Σ ψ(α(x − θ)) with ψ(x) = sign(x) ln(1 + |x| + x²/2).
    static func catoni(_ xs: [Double], v: Double, delta: Double) -> Double {
        let n = Double(xs.count), L = log(1 / delta)
        let alpha = sqrt(2 * L / (n * (v + 2 * v * L / (n - 2 * L))))
        func psi(_ x: Double) -> Double { (x < 0 ? -1 : 1) * log(1 + abs(x) + x * x / 2) }
        var lo = xs.min()!, hi = xs.max()!
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            let r = xs.reduce(0) { $0 + psi(alpha * ($1 - mid)) }
            if r > 0 { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}

/// One-sided binomial limit: a failure count above δ·trials + z·√(δ(1−δ)·trials) (z = 3,
/// false alarm ≈ 0.13 %) contradicts "failure probability ≤ δ".
func failureLimit(delta: Double, trials: Int) -> Double {
    let z = 3.0
    return delta * Double(trials) + z * (delta * (1 - delta) * Double(trials)).squareRoot()
}

@Suite("Robust mean estimators (Bubeck, Cesa-Bianchi & Lugosi 2013)")
struct RobustEstimatorTests {
    static func lomaxSamples(_ count: Int, shape: Double, seed: UInt64) throws -> [Double] {
        var generator = SplitMix64(seed: seed)
        let arm = try Lomax(shape: shape)
        return (0..<count).map { _ in arm.sample(using: &generator) }
    }

    @Test("truncated mean matches the naive Lemma 1 formula, incrementally and after δ changes")
    func truncatedMatchesNaive() throws {
        let xs = try Self.lomaxSamples(500, shape: 1.5, seed: 1)
        for epsilon in [0.25, 1.0] {
            var estimator = try TruncatedMean(epsilon: epsilon, momentBound: 2)
            for (i, x) in xs.enumerated() {
                try estimator.add(x)
                let delta = i % 3 == 0 ? 0.01 : 1 / Double((i + 2) * (i + 2))
                let expected = NaiveRobust.truncatedMean(Array(xs[...i]), epsilon: epsilon, u: 2, delta: delta)
                let actual = estimator.estimate(delta: delta)
                #expect(abs(actual - expected) <= 1e-9 * (1 + abs(expected)), "n = \(i + 1): \(actual) vs \(expected)")
            }
            // Some samples are truncated, so the estimate is not the plain mean.
            let plain = xs.reduce(0, +) / Double(xs.count)
            #expect(abs(estimator.estimate(delta: 0.01) - plain) > 1e-6)
        }
    }

    @Test("median of means matches the naive Lemma 2 estimator as k and n change")
    func medianOfMeansMatchesNaive() throws {
        let xs = try Self.lomaxSamples(600, shape: 2.5, seed: 2)
        var estimator = try MedianOfMeans(epsilon: 1, momentBound: 1)
        for (i, x) in xs.enumerated() {
            try estimator.add(x)
            let n = i + 1
            let t = Double(n / 3 + 2)
            let delta = 1 / (t * t)
            let k = NaiveRobust.blockCount(n: n, delta: delta)
            #expect(k == MedianOfMeans.blockCount(sampleCount: n, logInverseDelta: log(1 / delta)))
            guard k >= 1 else { continue }
            let expected = NaiveRobust.medianOfMeans(Array(xs[...i]), blockCount: k)
            let actual = estimator.estimate(delta: delta)
            #expect(abs(actual - expected) <= 1e-9 * (1 + abs(expected)), "n = \(n), k = \(k): \(actual) vs \(expected)")
        }
        // Even and odd block counts on the same data.
        for k in [1, 2, 7, 10, 33] {
            #expect(abs(estimator.estimate(blockCount: k) - NaiveRobust.medianOfMeans(xs, blockCount: k)) <= 1e-9)
        }
    }

    @Test("Catoni's estimator solves the Lemma 3 equation like a plain bisection")
    func catoniMatchesNaive() throws {
        for (seed, shape) in [(UInt64(3), 2.5), (4, 3.5), (5, 1.2)] {
            let xs = try Self.lomaxSamples(300, shape: shape, seed: seed)
            var estimator = try CatoniEstimator(varianceBound: 2)
            for x in xs { try estimator.add(x) }
            for delta in [0.1, 0.01, 1e-4] {
                let expected = NaiveRobust.catoni(xs, v: 2, delta: delta)
                let actual = estimator.estimate(delta: delta)
                #expect(abs(actual - expected) <= 1e-9 * (1 + abs(expected)), "α = \(shape), δ = \(delta): \(actual) vs \(expected)")
            }
            // A robust estimate: below the plain mean when the right tail is heavy.
            #expect(estimator.estimate(delta: 0.01) < xs.reduce(0, +) / Double(xs.count))
        }
    }

    /// 2,000 trials of n samples with known mean: the upper and the lower deviation each exceed
    /// the lemma's bound in at most δ·trials + 3σ trials.
    @Test("deviation bounds fail no more often than δ (2,000 trials, z = 3)")
    func deviationFrequency() throws {
        let trials = 2_000, n = 100, delta = 0.1
        var generator = SplitMix64(seed: 2013)
        // Lomax α = 3, σ = 1: mean 1/2, E X² = 1, Var = 3/4. Lomax α = 2: E X^{1.5} = Γ(2.5)Γ(0.5)
        // and E|X − 1|^{1.5} ≤ √2·(E X^{1.5} + 1) (convexity). Student-t ν = 3: E X² = Var = 3.
        let lomax3 = try Lomax(shape: 3), lomax2 = try Lomax(shape: 2), student = try StudentT(degreesOfFreedom: 3)
        let raw15 = tgamma(2.5) * tgamma(0.5)
        struct Case { let name: String; let sample: (inout SplitMix64) -> Double; let mean: Double; let epsilon: Double; let raw: Double; let centred: Double }
        let cases = [
            Case(name: "lomax3", sample: { lomax3.sample(using: &$0) }, mean: 0.5, epsilon: 1, raw: 1, centred: 0.75),
            Case(name: "lomax2", sample: { lomax2.sample(using: &$0) }, mean: 1, epsilon: 0.5, raw: raw15, centred: 2.0.squareRoot() * (raw15 + 1)),
            Case(name: "t3", sample: { student.sample(using: &$0) }, mean: 0, epsilon: 1, raw: 3, centred: 3),
        ]
        for c in cases {
            var failures = [String: (upper: Int, lower: Int)]()
            var bounds = [String: Double]()
            for _ in 0..<trials {
                var truncated = try TruncatedMean(epsilon: c.epsilon, momentBound: c.raw)
                var mom = try MedianOfMeans(epsilon: c.epsilon, momentBound: c.centred)
                var catoni = try CatoniEstimator(varianceBound: c.centred)
                for _ in 0..<n {
                    let x = c.sample(&generator)
                    truncated.append(x); mom.append(x); catoni.append(x)
                }
                var results = [
                    ("truncated", truncated.estimate(delta: delta), truncated.deviationBound(sampleCount: n, delta: delta)),
                    ("median-of-means", mom.estimate(delta: delta), mom.deviationBound(sampleCount: n, delta: delta)),
                ]
                if c.epsilon == 1 {
                    results.append(("catoni", catoni.estimate(delta: delta), catoni.deviationBound(sampleCount: n, delta: delta)))
                }
                for (name, estimate, bound) in results {
                    bounds[name] = bound
                    var entry = failures[name] ?? (0, 0)
                    if estimate > c.mean + bound { entry.upper += 1 }
                    if estimate < c.mean - bound { entry.lower += 1 }
                    failures[name] = entry
                }
            }
            let limit = failureLimit(delta: delta, trials: trials)
            for (name, entry) in failures {
                #expect(Double(entry.upper) <= limit, "\(c.name) \(name): \(entry.upper) upper failures > \(limit)")
                #expect(Double(entry.lower) <= limit, "\(c.name) \(name): \(entry.lower) lower failures > \(limit)")
                // The bound is meaningful: below the spread of the data it bounds.
                #expect(bounds[name]!.isFinite && bounds[name]! > 0)
            }
        }
    }

    @Test("a wrong estimator breaks the frequency check (the check can fail)")
    func frequencyCheckCanFail() throws {
        // The bound of Lemma 2 applied to an estimator shifted by the bound itself fails about
        // half the time for a symmetric law — far above δ + 3σ.
        let trials = 2_000, n = 100, delta = 0.1
        var generator = SplitMix64(seed: 7)
        let student = try StudentT(degreesOfFreedom: 3)
        var failures = 0
        for _ in 0..<trials {
            var mom = try MedianOfMeans(epsilon: 1, momentBound: 3)
            for _ in 0..<n { mom.append(student.sample(using: &generator)) }
            let bound = mom.deviationBound(sampleCount: n, delta: delta)
            if mom.estimate(delta: delta) + bound > bound { failures += 1 }
        }
        #expect(Double(failures) > failureLimit(delta: delta, trials: trials))
    }

    @Test("rewards of 10³⁰⁰ and Pareto α = 1.05 draws never give an infinite or NaN estimate")
    func numericalSafety() throws {
        var huge = [Double]()
        for i in 0..<200 { huge.append(i % 3 == 0 ? -1e300 : 1e300) }
        let pareto = try Self.lomaxSamples(5_000, shape: 1.05, seed: 9)
        #expect(pareto.max()! > 1e3)
        for xs in [huge, pareto, huge + pareto, [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1]] {
            for u in [1e-3, 1.0, 1e300] {
                var truncated = try TruncatedMean(epsilon: 0.05, momentBound: u)
                var mom = try MedianOfMeans(epsilon: 0.05, momentBound: u)
                var catoni = try CatoniEstimator(varianceBound: u)
                for x in xs { try truncated.add(x); try mom.add(x); try catoni.add(x) }
                for delta in [0.5, 1e-6] {
                    #expect(truncated.estimate(delta: delta).isFinite)
                    #expect(mom.estimate(delta: delta).isFinite)
                    let c = catoni.estimate(delta: delta)
                    #expect(c.isFinite && c >= xs.min()! && c <= xs.max()!, "Catoni \(c)")
                    #expect(!truncated.deviationBound(sampleCount: xs.count, delta: delta).isNaN)
                    #expect(!mom.deviationBound(sampleCount: xs.count, delta: delta).isNaN)
                }
            }
        }
        // All equal huge samples: every estimator returns them (mean of equal values).
        var mom = try MedianOfMeans(epsilon: 1, momentBound: 1)
        var catoni = try CatoniEstimator(varianceBound: 1)
        for _ in 0..<50 { mom.append(1e300); catoni.append(1e300) }
        #expect(mom.estimate(delta: 0.1) == 1e300)
        #expect(catoni.estimate(delta: 0.1) == 1e300)
    }

    @Test("one huge outlier moves median of means by at most one block")
    func outlier() throws {
        var xs = try Self.lomaxSamples(200, shape: 3, seed: 11)
        let delta = 0.01
        var clean = try MedianOfMeans(epsilon: 1, momentBound: 0.75)
        for x in xs { clean.append(x) }
        let before = clean.estimate(delta: delta)
        let k = MedianOfMeans.blockCount(sampleCount: 200, logInverseDelta: log(1 / delta))
        #expect(k == 37)  // ⌊min(1 + 8 ln 100, 100)⌋, odd: the median is one block mean
        let sorted = clean.currentBlockMeans.sorted()
        #expect(before == sorted[k / 2])
        xs[17] = 1e300
        var dirty = try MedianOfMeans(epsilon: 1, momentBound: 0.75)
        for x in xs { dirty.append(x) }
        let after = dirty.estimate(delta: delta)
        // The outlier's block jumps to the top; the median moves to a neighbouring order statistic.
        #expect(after >= sorted[k / 2 - 1] && after <= sorted[k / 2 + 1], "\(after) outside [\(sorted[k / 2 - 1]), \(sorted[k / 2 + 1])]")
        #expect(abs(after - before) < 1)
        // The plain mean is ruined by the same sample.
        #expect(xs.reduce(0, +) / 200 > 1e297)
    }

    @Test("rejects bad parameters and samples, keeping its state")
    func badInput() throws {
        #expect(throws: BanditError.self) { try TruncatedMean(epsilon: 0, momentBound: 1) }
        #expect(throws: BanditError.self) { try TruncatedMean(epsilon: 1.5, momentBound: 1) }
        #expect(throws: BanditError.self) { try MedianOfMeans(epsilon: 1, momentBound: -1) }
        #expect(throws: BanditError.self) { try MedianOfMeans(epsilon: .nan, momentBound: 1) }
        #expect(throws: BanditError.self) { try CatoniEstimator(varianceBound: 0) }
        #expect(throws: BanditError.self) { try CatoniEstimator(varianceBound: .infinity) }
        var mom = try MedianOfMeans(epsilon: 1, momentBound: 1)
        try mom.add(1); try mom.add(2)
        let before = mom
        #expect(throws: BanditError.nonFiniteReward(arm: -1, value: .infinity)) { try mom.add(.infinity) }
        #expect(mom == before)
        var truncated = try TruncatedMean(epsilon: 1, momentBound: 1)
        try truncated.add(1)
        let truncatedBefore = truncated
        #expect(throws: BanditError.self) { try truncated.add(.nan) }
        #expect(truncated == truncatedBefore)
        // Codable round trip keeps the value.
        let data = try JSONEncoder().encode(mom)
        #expect(try JSONDecoder().decode(MedianOfMeans.self, from: data) == mom)
    }
}
