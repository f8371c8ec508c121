import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Exp3")
struct EXP3Tests {
    @Test("follows the hand-computed weights and probabilities")
    func handTrace() throws {
        // K = 2, γ = 0.5: pᵢ = 0.5 wᵢ/(w₀ + w₁) + 0.25.
        var policy = try EXP3(armCount: 2, explorationRate: 0.5, seed: 1)
        #expect(policy.propensity(of: 0) == 0.5)
        // Arm 0 pays 1: x̂ = 1/0.5 = 2, w₀ = exp(0.5 · 2/2) = e^½ = 1.6487213;
        // p₀ = 0.5 · 1.6487213/2.6487213 + 0.25 = 0.5612297.
        try policy.update(arm: 0, reward: 1)
        #expect(abs(policy.weights[0] - exp(0.5)) < 1e-15)
        #expect(abs(policy.propensity(of: 0) - 0.5612296656009272) < 1e-14)
        #expect(abs(policy.propensity(of: 1) - 0.4387703343990727) < 1e-14)
        // Arm 1 pays 0.5: x̂ = 0.5/0.4387703 = 1.1395391, w₁ = exp(0.5 · 1.1395391/2) = 1.3296119;
        // p₀ = 0.5 · 1.6487213/(1.6487213 + 1.3296119) + 0.25 = 0.5267859.
        try policy.update(arm: 1, reward: 0.5)
        #expect(abs(policy.weights[1] - 1.3296118818175364) < 1e-14)
        #expect(abs(policy.propensity(of: 0) - 0.5267859044422918) < 1e-14)
    }

    @Test("Corollary 3.2's γ = min{1, √(K ln K/((e − 1)T))}")
    func defaultRate() throws {
        // K = 10, T = 10⁴: √(23.0259/17182.8) = 0.0366067.
        #expect(abs(try EXP3.defaultExplorationRate(armCount: 10, horizon: 10_000) - (10 * log(10.0) / ((exp(1) - 1) * 1e4)).squareRoot()) < 1e-15)
        #expect(abs(try EXP3.defaultExplorationRate(armCount: 10, horizon: 10_000) - 0.0366067055) < 1e-9)
        #expect(try EXP3.defaultExplorationRate(armCount: 10, horizon: 5) == 1)
        #expect(try EXP3.defaultExplorationRate(armCount: 1, horizon: 100) == 1)
        #expect(try EXP3(armCount: 4, horizon: 1000, seed: 0).explorationRate == EXP3.defaultExplorationRate(armCount: 4, horizon: 1000))
    }

    @Test("propensities sum to 1 and match the empirical selection frequencies")
    func propensities() throws {
        var policy = try EXP3(armCount: 4, explorationRate: 0.2, seed: 17)
        var rewards = TestRewards(seed: 2)
        let means = [0.2, 0.8, 0.5, 0.4]
        for _ in 0..<300 {
            let arm = policy.selectArm()
            try policy.update(arm: arm, reward: rewards.bernoulli(means[arm]))
            AdversarialChecks.expectDistribution(policy)
        }
        #expect(policy.propensity(of: 1) > 0.5, "learns the best arm: \(policy.propensity(of: 1))")
        for arm in 0..<4 { #expect(policy.propensity(of: arm) >= 0.2 / 4 - 1e-15) }
        AdversarialChecks.expectFrequenciesMatch(policy)
    }

    @Test("10⁶ adversarial rounds with γ = 1/2: weights renormalised, never ∞ or NaN")
    func longRun() throws {
        // Without rescaling the leader's weight would pass e^709 (overflow) within a few thousand
        // rounds: each reward of 1 multiplies it by up to e.
        var policy = try EXP3(armCount: 3, explorationRate: 0.5, seed: 5)
        try AdversarialChecks.expectStableLongRun(&policy, rounds: 1_000_000, period: 100_000)
        let finite = policy.weights.allSatisfy { $0.isFinite }
        #expect(finite)
        // Always-reward-arm-0 adversary: arm 0's probability tends to 1 − γ + γ/K.
        var leader = try EXP3(armCount: 3, explorationRate: 0.5, seed: 6)
        for _ in 0..<20_000 {
            let arm = leader.selectArm()
            try leader.update(arm: arm, reward: arm == 0 ? 1 : 0)
        }
        AdversarialChecks.expectDistribution(leader)
        #expect(abs(leader.propensity(of: 0) - (0.5 + 0.5 / 3)) < 1e-9)
    }

    @Test("rejects bad parameters, rewards outside [0, 1] and bad input, keeping its state")
    func badInput() throws {
        for gamma in [0.0, -0.1, 1.5, .nan, .infinity] {
            do {
                _ = try EXP3(armCount: 2, explorationRate: gamma, seed: 0)
                Issue.record("accepted γ = \(gamma)")
            } catch {
                guard case .invalidParameter("exp3.gamma", _, _) = error else { Issue.record("wrong error \(error)"); continue }
            }
        }
        #expect(throws: BanditError.self) { try EXP3(armCount: 0, explorationRate: 0.1, seed: 0) }
        #expect(throws: BanditError.self) { try EXP3(armCount: 2, horizon: 0, seed: 0) }
        var policy = try EXP3(armCount: 2, explorationRate: 0.3, seed: 0)
        try policy.update(arm: 1, reward: 0.7)
        let before = policy
        for reward in [-0.01, 1.01, 2] {
            #expect(throws: BanditError.invalidParameter(name: "reward", value: "\(reward)", reason: "Exp3 needs rewards in [0, 1]")) {
                try policy.update(arm: 0, reward: reward)
            }
        }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: .nan) }
        #expect(throws: BanditError.unknownArm(arm: 2, armCount: 2)) { try policy.update(arm: 2, reward: 0.5) }
        #expect(policy == before)
    }
}
