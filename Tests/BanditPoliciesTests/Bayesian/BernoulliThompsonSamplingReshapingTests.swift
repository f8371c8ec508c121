import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// Beta–Bernoulli Thompson sampling written the plain way: θⱼ = X/(X + Y) with
/// X ~ Gamma(a/α), Y ~ Gamma(b/α), arg-max by cross-multiplication. When both shapes are at
/// least 1 the pair comes from the generic `nextMarsagliaTsangGammaPair` (the policy's sampler
/// since it cut both first attempts' uniforms from one word; its law is tested in
/// GammaPairSamplerTests), otherwise each gamma from `nextGamma(shape:)`. Matching it draw for
/// draw pins that the policy's cached constants, register-resident sampling and reshaping
/// change nothing, and that α = 1 is plain Thompson sampling.
struct NaiveReshapedThompson {
    var alphas: [Double]
    var betas: [Double]
    let reshaping: Double
    var generator: Xoshiro256PlusPlus

    mutating func selectArm() -> Int {
        var best = 0, bestX = 0.0, bestY = 1.0
        for arm in 0..<alphas.count {
            let (a, b) = (alphas[arm] / reshaping, betas[arm] / reshaping)
            let x: Double
            let y: Double
            if a >= 1 && b >= 1 {
                (x, y) = generator.nextMarsagliaTsangGammaPair(
                    dX: a - 1.0 / 3.0, cX: 1 / (9 * (a - 1.0 / 3.0)).squareRoot(),
                    dY: b - 1.0 / 3.0, cY: 1 / (9 * (b - 1.0 / 3.0)).squareRoot(), table: .shared)
            } else {
                x = generator.nextGamma(shape: a)
                y = generator.nextGamma(shape: b)
            }
            if x * bestY > bestX * y || arm == 0 {
                (bestX, bestY, best) = (x, y, arm)
            }
        }
        return best
    }
}

@Suite("Beta–Bernoulli Thompson sampling with posterior reshaping")
struct BernoulliThompsonSamplingReshapingTests {
    @Test("reshaping α = 1 (and any α) makes exactly the plain algorithm's draws", arguments: [1.0, 0.5, 3.0])
    func matchesPlainAlgorithm(reshaping: Double) throws {
        var policy = try BernoulliThompsonSampling(armCount: 4, reshaping: reshaping, seed: 12)
        var reference = NaiveReshapedThompson(
            alphas: [1, 1, 1, 1], betas: [1, 1, 1, 1], reshaping: reshaping, generator: Xoshiro256PlusPlus(seed: 12))
        var rewards = TestRewards(seed: 5)
        for _ in 0..<2_000 {
            let arm = policy.selectArm()
            #expect(arm == reference.selectArm())
            let reward = rewards.bernoulli([0.3, 0.5, 0.45, 0.2][arm])
            try policy.update(arm: arm, reward: reward)
            reference.alphas[arm] += reward
            reference.betas[arm] += 1 - reward
        }
        #expect(policy.generator == reference.generator)
        if reshaping == 1 {
            // The default policy is the α = 1 policy.
            var plain = try BernoulliThompsonSampling(armCount: 4, seed: 12)
            var reshaped = try BernoulliThompsonSampling(armCount: 4, reshaping: 1, seed: 12)
            for _ in 0..<100 { #expect(plain.selectArm() == reshaped.selectArm()) }
        }
    }

    @Test("picks arm 0 with probability P(Beta(a₀/α, b₀/α) > Beta(a₁/α, b₁/α))", arguments: [0.25, 4.0])
    func selectionProbability(reshaping: Double) throws {
        var policy = try BernoulliThompsonSampling(armCount: 2, reshaping: reshaping, seed: 31)
        // Arm 0: Beta(7, 5); arm 1: Beta(4, 6).
        for reward in [1.0, 1, 1, 1, 1, 1, 0, 0, 0, 0] { try policy.update(arm: 0, reward: reward) }
        for reward in [1.0, 1, 1, 0, 0, 0, 0, 0] { try policy.update(arm: 1, reward: reward) }
        let exact = probabilityBetaExceeds(7 / reshaping, 5 / reshaping, 4 / reshaping, 6 / reshaping)
        let trials = 40_000
        let sd = (Double(trials) * exact * (1 - exact)).squareRoot()
        // The reshaped probability is distinguishable from the unreshaped one at this size.
        #expect(abs(exact - probabilityBetaExceeds(7, 5, 4, 6)) * Double(trials) > 3 * zLimit * sd)
        var wins = 0
        for _ in 0..<trials where policy.selectArm() == 0 { wins += 1 }
        #expect(isConsistent(successes: wins, trials: trials, probability: exact), "\(wins)/\(trials) vs \(exact)")
        // α > 1 explores more: the worse arm wins more often than without reshaping.
        #expect((exact < probabilityBetaExceeds(7, 5, 4, 6)) == (reshaping > 1))
    }

    @Test("the reshaping exponent is validated and named thompson.alpha")
    func validation() {
        for bad in [0.0, -1, .nan, .infinity] {
            #expect(throws: BanditError.invalidParameter(
                name: "thompson.alpha", value: "\(bad)", reason: "the reshaping exponent must be finite and > 0")) {
                try BernoulliThompsonSampling(armCount: 2, reshaping: bad, seed: 1)
            }
        }
    }
}
