import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// P(X > Y) for independent X ~ Beta(a, b), Y ~ Beta(c, d), by numerical integration of
/// ∫ f_X(x) F_Y(x) dx on a fine grid — a computation independent of the library's samplers.
func probabilityBetaExceeds(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
    let n = 200_000
    let h = 1.0 / Double(n)
    func logDensity(_ x: Double, _ p: Double, _ q: Double) -> Double {
        (p - 1) * log(x) + (q - 1) * log1p(-x) - (lgamma(p) + lgamma(q) - lgamma(p + q))
    }
    var cdfY = 0.0
    var previousDensityY = 0.0
    var total = 0.0
    for i in 1...n {
        let x = (Double(i) - 0.5) * h
        let densityY = exp(logDensity(x, c, d))
        cdfY += 0.5 * (previousDensityY + densityY) * h
        previousDensityY = densityY
        total += exp(logDensity(x, a, b)) * cdfY * h
    }
    return total
}

@Suite("Thompson sampling")
struct ThompsonSamplingTests {
    @Test("Beta posterior counts successes and failures")
    func posterior() throws {
        var policy = try BernoulliThompsonSampling(armCount: 2, seed: 1)
        for reward in [1.0, 1, 0, 1] { try policy.update(arm: 0, reward: reward) }
        try policy.update(arm: 1, reward: 0.25)
        #expect(policy.alphas == [4, 1.25])
        #expect(policy.betas == [2, 1.75])
    }

    @Test("picks each arm with its posterior probability of being best")
    func selectionProbability() throws {
        var policy = try BernoulliThompsonSampling(armCount: 2, seed: 3)
        // Arm 0: Beta(1+6, 1+4); arm 1: Beta(1+3, 1+5).
        for reward in [1.0, 1, 1, 1, 1, 1, 0, 0, 0, 0] { try policy.update(arm: 0, reward: reward) }
        for reward in [1.0, 1, 1, 0, 0, 0, 0, 0] { try policy.update(arm: 1, reward: reward) }
        let exact = probabilityBetaExceeds(7, 5, 4, 6)
        let trials = 40_000
        var wins = 0
        for _ in 0..<trials where policy.selectArm() == 0 { wins += 1 }
        #expect(isConsistent(successes: wins, trials: trials, probability: exact), "\(wins)/\(trials) vs \(exact)")
    }

    @Test("binarised rewards are Bernoulli trials with the reward as probability")
    func binarize() throws {
        var policy = try BernoulliThompsonSampling(armCount: 1, binarize: true, seed: 5)
        let trials = 20_000
        for _ in 0..<trials { try policy.update(arm: 0, reward: 0.3) }
        let successes = Int(policy.alphas[0] - 1)
        #expect(policy.alphas[0] + policy.betas[0] == Double(trials) + 2)
        #expect(isConsistent(successes: successes, trials: trials, probability: 0.3))
    }

    @Test("rejects rewards outside [0, 1] and keeps its state")
    func badInput() throws {
        var policy = try BernoulliThompsonSampling(armCount: 2, seed: 1)
        let before = policy
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: 1.5) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: -0.1) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: .nan) }
        #expect(throws: BanditError.self) { try policy.update(arm: 2, reward: 1) }
        #expect(policy == before)
        #expect(throws: BanditError.self) { try BernoulliThompsonSampling(armCount: 2, priorSuccesses: 0, seed: 1) }
        #expect(throws: BanditError.self) { try BernoulliThompsonSampling(armCount: 2, priorFailures: .infinity, seed: 1) }
    }

    @Test("Gaussian posterior matches the conjugate closed form")
    func gaussianPosterior() throws {
        var policy = try GaussianThompsonSampling(
            armCount: 2, priorMean: 1, priorStandardDeviation: 2, noiseStandardDeviation: 0.5, seed: 1)
        let rewards = [0.3, 1.7, 0.9]
        for reward in rewards { try policy.update(arm: 0, reward: reward) }
        // Precision 1/4 + 3/0.25 = 12.25; mean (1/4 + 2.9/0.25)/12.25.
        let precision = 1.0 / 4 + 3 / 0.25
        let mean = (1.0 / 4 + rewards.reduce(0, +) / 0.25) / precision
        #expect(abs(policy.posteriorMeans[0] - mean) < 1e-12)
        #expect(abs(policy.posteriorStandardDeviations[0] - 1 / precision.squareRoot()) < 1e-12)
        #expect(policy.posteriorMeans[1] == 1)
    }

    @Test("Gaussian TS picks arm 0 with probability Φ((μ₀ − μ₁)/√(s₀² + s₁²))")
    func gaussianSelection() throws {
        var policy = try GaussianThompsonSampling(armCount: 2, seed: 11)
        for reward in [0.5, 0.7] { try policy.update(arm: 0, reward: reward) }
        try policy.update(arm: 1, reward: 0.2)
        let m0 = policy.posteriorMeans[0], m1 = policy.posteriorMeans[1]
        let s0 = policy.posteriorStandardDeviations[0], s1 = policy.posteriorStandardDeviations[1]
        let exact = 0.5 * erfc(-(m0 - m1) / (s0 * s0 + s1 * s1).squareRoot() / 2.0.squareRoot())
        let trials = 40_000
        var wins = 0
        for _ in 0..<trials where policy.selectArm() == 0 { wins += 1 }
        #expect(isConsistent(successes: wins, trials: trials, probability: exact), "\(wins)/\(trials) vs \(exact)")
        let before = policy
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: .infinity) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: 1e308 * 10) }
        #expect(policy == before)
    }
}

@Suite("Thompson sampling arm reset")
struct ThompsonSamplingResetTests {
    @Test("a reset arm returns to its prior and the others are untouched")
    func reset() throws {
        var beta = try BernoulliThompsonSampling(armCount: 3, priorSuccesses: 2, priorFailures: 3, seed: 1)
        for arm in 0..<3 { try beta.update(arm: arm, reward: 1) }
        try beta.resetArm(1)
        #expect(beta.alphas == [3, 2, 3])
        #expect(beta.betas == [3, 3, 3])
        #expect(throws: BanditError.self) { try beta.resetArm(3) }

        var gaussian = try GaussianThompsonSampling(armCount: 2, priorMean: 0.5, priorStandardDeviation: 2, seed: 1)
        try gaussian.update(arm: 0, reward: 3)
        try gaussian.update(arm: 1, reward: -1)
        let untouched = gaussian.posteriorMeans[1]
        try gaussian.resetArm(0)
        #expect(gaussian.posteriorMeans == [0.5, untouched])
        #expect(gaussian.posteriorStandardDeviations[0] == 2)
    }
}

@Suite("Gaussian TS parameters")
struct GaussianThompsonSamplingParameterTests {
    @Test("a σ whose precision overflows is rejected at construction")
    func tinySigma() {
        #expect(throws: BanditError.self) { try GaussianThompsonSampling(armCount: 2, noiseStandardDeviation: 1e-200, seed: 1) }
        #expect(throws: BanditError.self) { try GaussianThompsonSampling(armCount: 2, priorStandardDeviation: 1e-170, seed: 1) }
    }
}
