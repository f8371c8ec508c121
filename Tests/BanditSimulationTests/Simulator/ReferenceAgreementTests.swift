import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// The independent references of the foundation issue:
/// - UCB1 is deterministic given the rewards, so a plainly written UCB1 fed the same
///   counter-based reward table must reproduce every repetition's pseudo-regret. Gaussian
///   rewards make exact index ties (which two implementations may break differently after
///   rounding) events of probability zero.
/// - Thompson sampling is checked against a second, differently written implementation whose
///   Beta draws are ratios of Gamma variables built as sums of exponentials (exact for the
///   whole-number parameters of a Beta(1, 1) prior), so it shares no sampler code with the library; their mean
///   regrets must agree within the standard error of the difference.
/// - UCB1 respects Theorem 1 of Auer, Cesa-Bianchi & Fischer (2002).
@Suite("Agreement with independent references")
struct ReferenceAgreementTests {
    static let means = [0.9, 0.8, 0.7, 0.6]

    @Test("UCB1 reproduces a naive implementation on the same reward table")
    func ucb1Exact() throws {
        let horizon = 3_000, repetitions = 6
        let arms = try Self.means.map { mean throws(BanditError) in try Gaussian(mean: mean, standardDeviation: 0.5) }
        let scenario = Scenario(
            name: "gaussian", horizon: horizon, repetitions: repetitions, seed: 7,
            arms: arms.map(\.specification), policies: [Specification(name: "ucb1")])
        let result = try Study(scenario: scenario, seed: 7, jobs: 2).run()
        let streams = RandomStreams(masterSeed: 7)
        for repetition in 0..<repetitions {
            let stream = streams.rewardStream(repetition: repetition)
            var counts = [Int](repeating: 0, count: arms.count)
            var sums = [Double](repeating: 0, count: arms.count)
            var regret = 0.0
            for round in 1...horizon {
                var arm = counts.firstIndex(of: 0) ?? -1
                if arm < 0 {
                    let n = Double(round - 1)
                    let indices = (0..<arms.count).map { sums[$0] / Double(counts[$0]) + sqrt(2 * log(n) / Double(counts[$0])) }
                    arm = indices.firstIndex(of: indices.max()!)!
                }
                var generator = stream.generator(round: round, slot: arm)
                let reward = arms[arm].sample(using: &generator)
                counts[arm] += 1
                sums[arm] += reward
                regret += 0.9 - Self.means[arm]
            }
            let simulated = result.policies[0].series("pseudo_regret")!.values[repetition].last!
            #expect(abs(simulated - regret) < 1e-9, "repetition \(repetition): \(simulated) vs \(regret)")
        }
    }

    @Test("Thompson sampling agrees with a sum-of-exponentials implementation")
    func thompsonStatistical() throws {
        let horizon = 500, repetitions = 200
        let result = try bernoulliStudy(Self.means, policies: ["thompson"], horizon: horizon, repetitions: repetitions).run()
        let simulated = result.policy("thompson")!.series("pseudo_regret")!.final

        var generator = SplitMix64(seed: 2024)
        func uniform() -> Double { (Double(generator.next() >> 11) + 0.5) * 0x1p-53 }
        /// Gamma(n) for whole n as a sum of n standard exponentials, −ln Π Uᵢ (the product is
        /// folded into a logarithm before it can underflow).
        func integerGamma(_ n: Int) -> Double {
            var logSum = 0.0
            var product = 1.0
            for _ in 0..<n {
                product *= uniform()
                if product < 1e-250 { logSum += log(product); product = 1 }
            }
            return -(logSum + log(product))
        }
        func betaFromExponentials(_ a: Int, _ b: Int) -> Double {
            let x = integerGamma(a)
            return x / (x + integerGamma(b))
        }
        var regrets: [Double] = []
        for _ in 0..<repetitions {
            var successes = [Int](repeating: 0, count: Self.means.count)
            var failures = [Int](repeating: 0, count: Self.means.count)
            var regret = 0.0
            for _ in 0..<horizon {
                let draws = (0..<Self.means.count).map { betaFromExponentials(successes[$0] + 1, failures[$0] + 1) }
                let arm = draws.firstIndex(of: draws.max()!)!
                if uniform() < Self.means[arm] { successes[arm] += 1 } else { failures[arm] += 1 }
                regret += 0.9 - Self.means[arm]
            }
            regrets.append(regret)
        }
        let reference = CheckpointSummary(t: horizon, values: regrets)
        let z = (simulated.mean - reference.mean)
            / (simulated.standardError * simulated.standardError + reference.standardError * reference.standardError).squareRoot()
        #expect(abs(z) < 4.5, "TS \(simulated.mean) ± \(simulated.standardError) vs reference \(reference.mean) ± \(reference.standardError)")
    }

    @Test("UCB1 stays below the Theorem 1 bound on two-armed instances", arguments: [[0.9, 0.6], [0.55, 0.45]])
    func ucb1Bound(means: [Double]) throws {
        let horizon = 10_000
        let result = try bernoulliStudy(means, policies: ["ucb1"], horizon: horizon, repetitions: 50).run()
        let final = result.policy("ucb1")!.series("pseudo_regret")!.final
        let gap = means[0] - means[1]
        let bound = 8 * log(Double(horizon)) / gap + (1 + Double.pi * Double.pi / 3) * gap
        #expect(final.mean + 3 * final.standardError <= bound)
        // And UCB1 does learn: far below the linear regret of uniform play.
        #expect(final.mean < 0.5 * gap * Double(horizon) / 2)
    }
}
