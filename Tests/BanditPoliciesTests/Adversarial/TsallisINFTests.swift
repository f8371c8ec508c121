import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Tsallis-INF")
struct TsallisINFTests {
    @Test("follows the hand-computed first rounds")
    func handTrace() throws {
        var policy = try TsallisINF(armCount: 2, seed: 1)
        // t = 1: L̂ = 0, w = (½, ½).
        #expect(policy.propensity(of: 0) == 0.5)
        // Arm 0 pays 0: loss 1, ℓ̂ = 1/0.5 = 2, L̂ = (2, 0). t = 2: η = 2/√2 = √2, 4/η² = 2, and
        // with y = −x: 2/(2 + y)² + 2/y² = 1, solved by bisection: y = 1.5424598,
        // w = (2/3.5424598², 2/1.5424598²) = (0.1593750, 0.8406250).
        try policy.update(arm: 0, reward: 0)
        #expect(abs(policy.currentLearningRate - 2.0.squareRoot()) < 1e-15)
        #expect(abs(policy.propensity(of: 0) - 0.15937498068339337) < 1e-12)
        #expect(abs(policy.propensity(of: 1) - 0.840625019316607) < 1e-12)
        #expect(abs(policy.normalizer + 1.542459756837412) < 1e-12)
        #expect(policy.cumulativeLosses == [2, 0])
    }

    @Test("both loss estimators are unbiased: Σₐ wₐ · (change of L̂ᵢ − L̂ⱼ when a is pulled) = ℓᵢ − ℓⱼ",
          arguments: [TsallisINF.LossEstimator.importanceWeighted, .reducedVariance])
    func unbiasedEstimators(estimator: TsallisINF.LossEstimator) throws {
        var policy = try TsallisINF(armCount: 3, estimator: estimator, seed: 4)
        // Play long enough that the good arm's weight exceeds η_t² = 16/t, so the reduced-variance
        // baseline Bᵢ = ½ is active for it (and not for the others).
        var rewards = TestRewards(seed: 8)
        let means = [0.9, 0.2, 0.5]
        for _ in 0..<400 {
            let arm = policy.selectArm()
            try policy.update(arm: arm, reward: rewards.bernoulli(means[arm]))
        }
        let eta = policy.currentLearningRate
        #expect(policy.propensity(of: 0) >= eta * eta)
        #expect(policy.propensity(of: 1) < eta * eta)
        // Only differences of L̂ are meaningful (the policy shifts min L̂ to 0).
        let losses = [0.25, 0.7, 1.0]
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            var expectedChange = 0.0
            for arm in 0..<3 {
                var copy = policy
                try copy.update(arm: arm, reward: 1 - losses[arm])
                let before = policy.cumulativeLosses[i] - policy.cumulativeLosses[j]
                let after = copy.cumulativeLosses[i] - copy.cumulativeLosses[j]
                expectedChange += policy.propensity(of: arm) * (after - before)
            }
            #expect(abs(expectedChange - (losses[i] - losses[j])) < 1e-9, "\(estimator) (\(i), \(j)): \(expectedChange)")
        }
    }

    @Test("the weights solve the FTRL normalisation w = 4(η(L̂ − x))⁻² with Σw = 1")
    func normalisation() throws {
        var policy = try TsallisINF(armCount: 5, seed: 2)
        var rewards = TestRewards(seed: 3)
        let means = [0.1, 0.5, 0.9, 0.3, 0.85]
        for round in 0..<2_000 {
            let arm = policy.selectArm()
            try policy.update(arm: arm, reward: rewards.bernoulli(means[arm]))
            if round % 50 == 0 {
                let eta = policy.currentLearningRate
                let raw = policy.cumulativeLosses.map { 4 / pow(eta * ($0 - policy.normalizer), 2) }
                #expect(abs(raw.reduce(0, +) - 1) < 1e-12, "round \(round): Σw = \(raw.reduce(0, +))")
                #expect(policy.cumulativeLosses.min() == 0)
                AdversarialChecks.expectDistribution(policy)
            }
        }
        #expect(policy.propensity(of: 2) > 0.5, "concentrates on the best arm: \(policy.probabilities)")
    }

    @Test("propensities sum to 1 and match the empirical selection frequencies")
    func propensities() throws {
        var policy = try TsallisINF(armCount: 4, seed: 9)
        var rewards = TestRewards(seed: 10)
        let means = [0.2, 0.6, 0.5, 0.4]
        for _ in 0..<200 {
            let arm = policy.selectArm()
            try policy.update(arm: arm, reward: rewards.bernoulli(means[arm]))
        }
        AdversarialChecks.expectDistribution(policy)
        AdversarialChecks.expectFrequenciesMatch(policy)
    }

    @Test("3·10⁵ adversarial rounds: finite, normalised weights")
    func longRun() throws {
        var policy = try TsallisINF(armCount: 3, seed: 11)
        try AdversarialChecks.expectStableLongRun(&policy, rounds: 300_000, period: 30_000)
        let positive = policy.probabilities.allSatisfy { $0.isFinite && $0 > 0 }
        #expect(positive)
        #expect(policy.normalizer.isFinite && policy.normalizer < 0)
    }

    @Test("rejects bad parameters, rewards outside [0, 1] and bad input, keeping its state")
    func badInput() throws {
        for scale in [0.0, -2, .nan, .infinity] {
            #expect(throws: BanditError.invalidParameter(name: "tsallis-inf.scale", value: "\(scale)", reason: "must be finite and > 0")) {
                try TsallisINF(armCount: 2, learningRateScale: scale, seed: 0)
            }
        }
        #expect(throws: BanditError.self) { try TsallisINF(armCount: 0, seed: 0) }
        var policy = try TsallisINF(armCount: 2, seed: 0)
        try policy.update(arm: 1, reward: 0.2)
        let before = policy
        #expect(throws: BanditError.invalidParameter(name: "reward", value: "1.5", reason: "Tsallis-INF needs rewards in [0, 1]")) {
            try policy.update(arm: 0, reward: 1.5)
        }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: -1e-9) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: .nan) }
        #expect(throws: BanditError.self) { try policy.update(arm: 2, reward: 0.5) }
        #expect(policy == before)
    }
}
