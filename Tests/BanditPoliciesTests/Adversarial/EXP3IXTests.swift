import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Exp3-IX")
struct EXP3IXTests {
    @Test("follows the hand-computed weights and probabilities")
    func handTrace() throws {
        // K = 2, η = 1, γ = 0.5, w = (1, 1), p = (½, ½).
        var policy = try EXP3IX(armCount: 2, learningRate: 1, implicitExploration: 0.5, seed: 1)
        #expect(policy.propensity(of: 1) == 0.5)
        // Arm 0 pays 0 (loss 1): ℓ̃ = 1/(0.5 + 0.5) = 1, w₀ = e⁻¹, p₀ = e⁻¹/(1 + e⁻¹) = 0.2689414.
        try policy.update(arm: 0, reward: 0)
        #expect(abs(policy.propensity(of: 0) - 0.2689414213699951) < 1e-14)
        // Arm 1 pays 0.5 (loss 0.5): ℓ̃ = 0.5/(0.7310586 + 0.5) = 0.4061545,
        // w₁ = exp(−0.4061545) = 0.6662072, p₀ = 0.3678794/(0.3678794 + 0.6662072) = 0.3557530.
        try policy.update(arm: 1, reward: 0.5)
        #expect(abs(policy.propensity(of: 0) - 0.355753008748344) < 1e-14)
        // A reward of 1 is a loss of 0: nothing changes.
        let before = policy.weights
        try policy.update(arm: 0, reward: 1)
        #expect(policy.weights == before)
    }

    @Test("Theorem 1's η = 2γ = √(2 ln K/(KT))")
    func defaults() throws {
        // K = 10, T = 10⁴: √(2 · 2.302585/10⁵) = 0.0067861.
        let eta = try EXP3IX.defaultLearningRate(armCount: 10, horizon: 10_000)
        #expect(abs(eta - 0.006786140424415112) < 1e-12)
        let policy = try EXP3IX(armCount: 10, horizon: 10_000, seed: 0)
        #expect(policy.learningRate == eta)
        #expect(policy.implicitExploration == eta / 2)
        #expect(try EXP3IX.defaultLearningRate(armCount: 1, horizon: 10) == 1)
    }

    @Test("propensities sum to 1 and match the empirical selection frequencies")
    func propensities() throws {
        var policy = try EXP3IX(armCount: 4, learningRate: 0.05, implicitExploration: 0.025, seed: 3)
        var rewards = TestRewards(seed: 4)
        let means = [0.2, 0.8, 0.5, 0.4]
        for _ in 0..<300 {
            let arm = policy.selectArm()
            try policy.update(arm: arm, reward: rewards.bernoulli(means[arm]))
            AdversarialChecks.expectDistribution(policy)
        }
        #expect(policy.propensity(of: 1) > 0.25, "learns the best arm: \(policy.propensity(of: 1))")
        AdversarialChecks.expectFrequenciesMatch(policy)
    }

    @Test("10⁶ adversarial rounds with η = 1: weights renormalised, never 0/0 or NaN")
    func longRun() throws {
        var policy = try EXP3IX(armCount: 3, learningRate: 1, implicitExploration: 0.5, seed: 7)
        try AdversarialChecks.expectStableLongRun(&policy, rounds: 1_000_000, period: 100_000)
        let finite = policy.weights.allSatisfy { $0.isFinite }
        #expect(finite && policy.weights.reduce(0, +) >= 0x1p-64)
        // γ = 0 and a huge η: probabilities collapse to a point mass without turning into 0/0.
        var greedy = try EXP3IX(armCount: 3, learningRate: 1e6, implicitExploration: 0, seed: 8)
        try AdversarialChecks.expectStableLongRun(&greedy, rounds: 20_000, period: 5_000)
    }

    @Test("rejects bad parameters, rewards outside [0, 1] and bad input, keeping its state")
    func badInput() throws {
        for (eta, gamma, name) in [(0.0, 0.1, "exp3-ix.eta"), (-1, 0.1, "exp3-ix.eta"), (.nan, 0.1, "exp3-ix.eta"),
                                   (0.1, -0.1, "exp3-ix.gamma"), (0.1, .infinity, "exp3-ix.gamma")] {
            do {
                _ = try EXP3IX(armCount: 2, learningRate: eta, implicitExploration: gamma, seed: 0)
                Issue.record("accepted η = \(eta), γ = \(gamma)")
            } catch {
                guard case .invalidParameter(name, _, _) = error else { Issue.record("wrong error \(error)"); continue }
            }
        }
        #expect(throws: BanditError.self) { try EXP3IX(armCount: 2, horizon: 0, seed: 0) }
        var policy = try EXP3IX(armCount: 2, learningRate: 0.3, seed: 0)
        try policy.update(arm: 1, reward: 0.2)
        let before = policy
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: -0.5) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: 1.5) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: .infinity) }
        #expect(throws: BanditError.self) { try policy.update(arm: -1, reward: 0.5) }
        #expect(policy == before)
    }
}
