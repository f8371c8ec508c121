import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Softmax")
struct SoftmaxTests {
    /// Pulls 0, 1, 2 with rewards 1, 0, 0.5 (each arm is tried once first).
    func primed(temperature: Double, decreasing: Bool) throws -> Softmax {
        var policy = try Softmax(armCount: 3, temperature: temperature, decreasing: decreasing, seed: 4)
        for (arm, reward) in [1.0, 0.0, 0.5].enumerated() {
            #expect(policy.selectArm() == arm)
            #expect(policy.propensity(of: arm) == 1)
            try policy.update(arm: arm, reward: reward)
        }
        return policy
    }

    @Test("constant temperature: the hand-computed Boltzmann probabilities")
    func constant() throws {
        let policy = try primed(temperature: 0.5, decreasing: false)
        // pⱼ ∝ exp(x̄ⱼ/0.5) = (e², 1, e): divide by e² + 1 + e.
        let total = exp(2.0) + 1 + exp(1.0)
        let expected = [exp(2.0) / total, 1 / total, exp(1.0) / total]  // 0.6652, 0.0900, 0.2447
        for arm in 0..<3 { #expect(abs(policy.propensity(of: arm) - expected[arm]) < 1e-14) }
    }

    @Test("decreasing temperature: τ₄ = τ₀/ln 5, so pⱼ ∝ 5^(2x̄ⱼ) = (25, 1, 5)")
    func decreasing() throws {
        let policy = try primed(temperature: 0.5, decreasing: true)
        // t = 4: 1/τ = 2 ln 5, exp(2 ln 5 · x̄) = 5^(2x̄) → 25, 1, 5 over 31.
        #expect(abs(policy.currentTemperature - 0.5 / log(5.0)) < 1e-15)
        let expected = [25.0 / 31, 1.0 / 31, 5.0 / 31]
        for arm in 0..<3 { #expect(abs(policy.propensity(of: arm) - expected[arm]) < 1e-14) }
    }

    @Test("propensities sum to 1 and match the empirical selection frequencies", arguments: [false, true])
    func propensities(decreasing: Bool) throws {
        var policy = try Softmax(armCount: 4, temperature: decreasing ? 0.5 : 0.2, decreasing: decreasing, seed: 21)
        var rewards = TestRewards(seed: 8)
        let means = [0.3, 0.6, 0.5, 0.45]
        for _ in 0..<100 {
            let arm = policy.selectArm()
            try policy.update(arm: arm, reward: rewards.bernoulli(means[arm]))
        }
        let propensities = (0..<4).map { policy.propensity(of: $0) }
        #expect(abs(propensities.reduce(0, +) - 1) < 1e-12)
        var counts = [0, 0, 0, 0]
        let trials = 40_000
        var copy = policy
        for _ in 0..<trials { counts[copy.selectArm()] += 1 }
        for arm in 0..<4 {
            #expect(isConsistent(successes: counts[arm], trials: trials, probability: propensities[arm]),
                    "arm \(arm): \(counts[arm]) of \(trials), propensity \(propensities[arm])")
        }
    }

    @Test("extreme temperatures and rewards stay finite")
    func extremes() throws {
        var policy = try Softmax(armCount: 3, temperature: 1e-300, seed: 1)
        for (arm, reward) in [1e300, -1e300, 1e300].enumerated() { try policy.update(arm: arm, reward: reward) }
        // Ties at the top share the mass; the −1e300 arm has probability 0.
        #expect(policy.propensity(of: 0) == 0.5)
        #expect(policy.propensity(of: 1) == 0)
        for _ in 0..<100 { #expect(policy.selectArm() != 1) }
    }

    @Test("rejects bad parameters and input, keeping its state")
    func badInput() throws {
        for tau in [0.0, -1, .infinity, .nan] {
            #expect(throws: BanditError.invalidParameter(name: "softmax.tau", value: "\(tau)", reason: "must be finite and > 0")) {
                try Softmax(armCount: 2, temperature: tau, seed: 0)
            }
        }
        #expect(throws: BanditError.self) { try Softmax(armCount: 0, seed: 0) }
        var policy = try Softmax(armCount: 2, seed: 0)
        try policy.update(arm: 0, reward: 0.5)
        let before = policy
        #expect(throws: BanditError.self) { try policy.update(arm: 1, reward: .nan) }
        #expect(throws: BanditError.unknownArm(arm: -1, armCount: 2)) { try policy.update(arm: -1, reward: 0) }
        #expect(policy == before)
    }
}
