import BanditCore
import Testing
@testable import BanditPolicies

@Suite("ε_n-greedy")
struct EpsilonNGreedyTests {
    @Test("follows the hand-computed ε_n and propensities")
    func handTrace() throws {
        // K = 2, c = 0.1, d = 0.5: cK/d² = 0.8, so ε_n = min{1, 0.8/n}.
        var policy = try EpsilonNGreedy(armCount: 2, explorationConstant: 0.1, gapLowerBound: 0.5, seed: 3)
        // n = 1: ε = 0.8, greedy = arm 0 (first unpulled): p₀ = 0.4 + 0.2 = 0.6, p₁ = 0.4.
        #expect(abs(policy.currentEpsilon - 0.8) < 1e-15)
        #expect(abs(policy.propensity(of: 0) - 0.6) < 1e-15)
        #expect(abs(policy.propensity(of: 1) - 0.4) < 1e-15)
        try policy.update(arm: 0, reward: 1)
        // n = 2: ε = 0.4, greedy = arm 1 (still unpulled): p₁ = 0.2 + 0.6 = 0.8.
        #expect(abs(policy.propensity(of: 1) - 0.8) < 1e-15)
        try policy.update(arm: 1, reward: 0.3)
        // n = 3: ε = 0.8/3, means (1, 0.3), greedy = arm 0: p₀ = 0.4/3 + 1 − 0.8/3 = 13/15.
        #expect(abs(policy.propensity(of: 0) - 13.0 / 15.0) < 1e-15)
        try policy.update(arm: 0, reward: 0)
        try policy.update(arm: 1, reward: 0.9)
        // n = 5: ε = 0.16, means (0.5, 0.6), greedy = arm 1: p₁ = 0.08 + 0.84 = 0.92.
        #expect(abs(policy.propensity(of: 1) - 0.92) < 1e-15)
        #expect(abs(policy.propensity(of: 0) - 0.08) < 1e-15)
    }

    @Test("propensities sum to 1 and match the empirical selection frequencies")
    func propensities() throws {
        var policy = try EpsilonNGreedy(armCount: 4, explorationConstant: 0.5, gapLowerBound: 0.2, seed: 11)
        var rewards = TestRewards(seed: 5)
        let means = [0.2, 0.7, 0.5, 0.4]
        for _ in 0..<200 {
            let arm = policy.selectArm()
            try policy.update(arm: arm, reward: rewards.bernoulli(means[arm]))
        }
        // n = 201: ε = 0.5·4/0.04/201 ≈ 0.249, so every arm has a non-trivial probability.
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

    @Test("rejects bad parameters and input, keeping its state")
    func badInput() throws {
        for (c, d) in [(0.0, 0.1), (-1, 0.1), (.infinity, 0.1), (.nan, 0.1), (1, 0), (1, 1), (1, -0.1), (1, .nan)] {
            do {
                _ = try EpsilonNGreedy(armCount: 2, explorationConstant: c, gapLowerBound: d, seed: 0)
                Issue.record("accepted c = \(c), d = \(d)")
            } catch {
                guard case .invalidParameter(let name, _, _) = error, name.hasPrefix("epsilon-n-greedy.") else {
                    Issue.record("wrong error \(error)"); continue
                }
            }
        }
        #expect(throws: BanditError.self) { try EpsilonNGreedy(armCount: 0, seed: 0) }
        var policy = try EpsilonNGreedy(armCount: 2, seed: 0)
        try policy.update(arm: 1, reward: 0.5)
        let before = policy
        #expect(throws: BanditError.nonFiniteReward(arm: 0, value: .infinity)) { try policy.update(arm: 0, reward: .infinity) }
        #expect(throws: BanditError.unknownArm(arm: 2, armCount: 2)) { try policy.update(arm: 2, reward: 0) }
        #expect(policy == before)
    }
}
