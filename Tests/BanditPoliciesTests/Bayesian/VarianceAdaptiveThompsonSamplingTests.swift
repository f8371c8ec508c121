import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("VarTS (variance-adaptive Thompson sampling)")
struct VarianceAdaptiveThompsonSamplingTests {
    @Test("unknown variances: the same decisions as Normal–Gamma TS with the same priors and seed")
    func unknownIsNormalGamma() throws {
        let priors = [
            NormalGammaPrior(mean: 0, meanPseudoCount: 1, precisionShape: 1, precisionRate: 1),
            NormalGammaPrior(mean: 0.5, meanPseudoCount: 0.2, precisionShape: 3, precisionRate: 0.1),
            NormalGammaPrior(mean: -1, meanPseudoCount: 4, precisionShape: 0.7, precisionRate: 2),
        ]
        var varts = try VarianceAdaptiveThompsonSampling(unknownVariancePriors: priors, seed: 77)
        var reference = try NormalGammaThompsonSampling(priors: priors, seed: 77)
        var rewards = TestRewards(seed: 1)
        for _ in 0..<3_000 {
            let arm = varts.selectArm()
            #expect(arm == reference.selectArm())
            let x = rewards.boxMullerNormal(mean: [0.1, 0.3, 0.2][arm], sd: [0.05, 1, 0.3][arm])
            try varts.update(arm: arm, reward: x)
            try reference.update(arm: arm, reward: x)
        }
        #expect(varts.normalGamma == reference.posterior)
        #expect(varts.generator == reference.generator)
    }

    @Test("unknown variances: per-arm posteriors equal the batch conjugate update to 1e-12")
    func unknownPosterior() throws {
        let priors = [NormalGammaPrior(mean: 2, meanPseudoCount: 0.5, precisionShape: 2, precisionRate: 3),
                      NormalGammaPrior(mean: -1, meanPseudoCount: 7, precisionShape: 0.5, precisionRate: 0.01)]
        var policy = try VarianceAdaptiveThompsonSampling(unknownVariancePriors: priors, seed: 1)
        var rewards = TestRewards(seed: 3)
        var seen: [[Double]] = [[], []]
        for t in 0..<1_001 {
            let arm = t % 3 == 0 ? 0 : 1
            let x = rewards.boxMullerNormal(mean: Double(arm), sd: arm == 0 ? 0.2 : 3)
            seen[arm].append(x)
            try policy.update(arm: arm, reward: x)
        }
        for arm in 0..<2 {
            let batch = batchNormalGammaPosterior(prior: priors[arm], rewards: seen[arm])
            let posterior = policy.normalGamma!.posterior(of: arm)
            for (got, want) in [(posterior.meanPseudoCount, batch.kappa), (posterior.mean, batch.mean),
                                (posterior.precisionShape, batch.shape), (posterior.precisionRate, batch.rate)] {
                #expect(abs(got - want) <= 1e-12 * abs(want), "arm \(arm): \(got) vs \(want)")
            }
        }
    }

    @Test("unknown variances: selection frequency matches a Box–Muller / sum-of-exponentials Monte Carlo reference")
    func unknownSelectionMonteCarlo() throws {
        // Integer posterior shapes (α₀ = 1 + 2 rewards → 2; α₀ = 2 + 4 rewards → 4) so that a
        // Gamma(k) draw is a sum of k standard exponentials.
        let priors = [NormalGammaPrior(mean: 0, meanPseudoCount: 1, precisionShape: 1, precisionRate: 0.5),
                      NormalGammaPrior(mean: 1, meanPseudoCount: 0.5, precisionShape: 2, precisionRate: 2)]
        var policy = try VarianceAdaptiveThompsonSampling(unknownVariancePriors: priors, seed: 21)
        for x in [0.8, 1.2] { try policy.update(arm: 0, reward: x) }
        for x in [0.2, 1.9, 0.6, 1.1] { try policy.update(arm: 1, reward: x) }
        let posterior = policy.normalGamma!
        #expect(posterior.precisionShape(of: 0) == 2 && posterior.precisionShape(of: 1) == 4)

        var reference = TestRewards(seed: 99)
        func sampleMean(_ arm: Int) -> Double {
            var gamma = 0.0
            for _ in 0..<Int(posterior.precisionShape(of: arm)) {
                gamma -= log((Double(reference.generator.next() >> 11) + 0.5) * 0x1p-53)
            }
            let precision = gamma / posterior.precisionRate(of: arm)
            return reference.boxMullerNormal(mean: posterior.mean(of: arm), sd: 1 / (posterior.meanPseudoCount(of: arm) * precision).squareRoot())
        }
        let referenceTrials = 200_000
        var referenceWins = 0
        for _ in 0..<referenceTrials where sampleMean(0) > sampleMean(1) { referenceWins += 1 }
        let trials = 40_000
        var wins = 0
        for _ in 0..<trials where policy.selectArm() == 0 { wins += 1 }
        // Two independent binomial proportions: |p̂ − p̂_ref| ≤ 4.5·√(p(1−p)(1/n + 1/n_ref)).
        let p = Double(referenceWins) / Double(referenceTrials)
        let difference = Double(wins) / Double(trials) - p
        let sd = (p * (1 - p) * (1 / Double(trials) + 1 / Double(referenceTrials))).squareRoot()
        #expect(abs(difference) <= zLimit * sd, "\(wins)/\(trials) vs reference \(p)")
        // And the quadrature of the Student-t marginals agrees with both.
        func marginal(_ arm: Int) -> (Double, Double, Double) {
            (posterior.mean(of: arm),
             (posterior.precisionRate(of: arm) / (posterior.precisionShape(of: arm) * posterior.meanPseudoCount(of: arm))).squareRoot(),
             2 * posterior.precisionShape(of: arm))
        }
        let (m0, s0, n0) = marginal(0), (m1, s1, n1) = marginal(1)
        #expect(isConsistent(successes: referenceWins, trials: referenceTrials, probability: probabilityStudentExceeds(m0, s0, n0, m1, s1, n1)))
    }

    @Test("known variances: posterior equals the closed form and selection is Φ((μ̂₀ − μ̂₁)/√(σ̂₀² + σ̂₁²))")
    func knownVariance() throws {
        let sigmas = [0.1, 2.0], mu0 = [0.3, -0.2], sigma0 = [1.5, 0.5]
        var policy = try VarianceAdaptiveThompsonSampling(
            knownNoiseStandardDeviations: sigmas, priorMeans: mu0, priorStandardDeviations: sigma0, seed: 8)
        var rewards = TestRewards(seed: 17)
        var seen: [[Double]] = [[], []]
        for t in 0..<7 {
            let arm = t % 2
            let x = rewards.boxMullerNormal(mean: 0.2, sd: sigmas[arm])
            seen[arm].append(x)
            try policy.update(arm: arm, reward: x)
        }
        for arm in 0..<2 {
            let precision = 1 / (sigma0[arm] * sigma0[arm]) + Double(seen[arm].count) / (sigmas[arm] * sigmas[arm])
            let mean = (mu0[arm] / (sigma0[arm] * sigma0[arm]) + seen[arm].reduce(0, +) / (sigmas[arm] * sigmas[arm])) / precision
            #expect(abs(policy.posteriorMeans[arm] - mean) <= 1e-12 * abs(mean))
            #expect(abs(policy.posteriorStandardDeviations[arm] - 1 / precision.squareRoot()) <= 1e-12 / precision.squareRoot())
        }
        let m = policy.posteriorMeans, s = policy.posteriorStandardDeviations
        let exact = 0.5 * erfc(-(m[0] - m[1]) / (s[0] * s[0] + s[1] * s[1]).squareRoot() / 2.0.squareRoot())
        let trials = 40_000
        var wins = 0
        for _ in 0..<trials where policy.selectArm() == 0 { wins += 1 }
        #expect(isConsistent(successes: wins, trials: trials, probability: exact), "\(wins)/\(trials) vs \(exact)")
    }

    @Test("bad input: typed error, state unchanged; invalid parameters name the field")
    func badInput() throws {
        var unknown = try VarianceAdaptiveThompsonSampling(unknownVariancePriors: [NormalGammaPrior(), NormalGammaPrior()], seed: 1)
        var known = try VarianceAdaptiveThompsonSampling(knownNoiseStandardDeviations: [1, 2], seed: 1)
        try unknown.update(arm: 1, reward: 0.3)
        try known.update(arm: 1, reward: 0.3)
        let (unknownBefore, knownBefore) = (unknown, known)
        for policy in [unknown, known] {
            var copy = policy
            #expect(throws: BanditError.unknownArm(arm: 2, armCount: 2)) { try copy.update(arm: 2, reward: 0) }
            #expect(throws: BanditError.self) { try copy.update(arm: 0, reward: .nan) }
            #expect(throws: BanditError.nonFiniteReward(arm: 0, value: -.infinity)) { try copy.update(arm: 0, reward: -.infinity) }
            #expect(copy == policy)
        }
        #expect(throws: BanditError.nonFiniteReward(arm: 0, value: 1e300)) { try unknown.update(arm: 0, reward: 1e300) }
        // Known variance: a finite reward whose distance from the posterior mean overflows.
        var tight = try VarianceAdaptiveThompsonSampling(knownNoiseStandardDeviations: [1], priorMeans: [-1e308], seed: 1)
        let tightBefore = tight
        #expect(throws: BanditError.self) { try tight.update(arm: 0, reward: 1e308) }
        #expect(tight == tightBefore)
        #expect(unknown == unknownBefore && known == knownBefore)

        func failure(_ body: () throws(BanditError) -> VarianceAdaptiveThompsonSampling) -> BanditError? {
            do { _ = try body(); return nil } catch { return error }
        }
        func name(_ error: BanditError?) -> String? {
            if case let .invalidParameter(name, _, _) = error { return name }
            if case let .dimensionMismatch(name, _, _) = error { return name }
            return nil
        }
        #expect(name(failure { () throws(BanditError) in try .init(unknownVariancePriors: [], seed: 1) }) == "varts.armCount")
        #expect(name(failure { () throws(BanditError) in try .init(unknownVariancePriors: [NormalGammaPrior(precisionRate: 0)], seed: 1) }) == "varts.beta0")
        #expect(name(failure { () throws(BanditError) in try .init(unknownVariancePriors: [NormalGammaPrior(meanPseudoCount: -1)], seed: 1) }) == "varts.kappa0")
        #expect(name(failure { () throws(BanditError) in try .init(unknownVariancePriors: [NormalGammaPrior(precisionShape: .nan)], seed: 1) }) == "varts.alpha0")
        #expect(name(failure { () throws(BanditError) in try .init(unknownVariancePriors: [NormalGammaPrior(mean: .infinity)], seed: 1) }) == "varts.mu0")
        #expect(name(failure { () throws(BanditError) in try .init(knownNoiseStandardDeviations: [], seed: 1) }) == "varts.sigma")
        #expect(name(failure { () throws(BanditError) in try .init(knownNoiseStandardDeviations: [1, 0], seed: 1) }) == "varts.sigma")
        #expect(name(failure { () throws(BanditError) in try .init(knownNoiseStandardDeviations: [1e-200], seed: 1) }) == "varts.sigma")
        #expect(name(failure { () throws(BanditError) in try .init(knownNoiseStandardDeviations: [1], priorStandardDeviations: [1e200], seed: 1) }) == "varts.sigma0")
        #expect(name(failure { () throws(BanditError) in try .init(knownNoiseStandardDeviations: [1], priorStandardDeviations: [-1], seed: 1) }) == "varts.sigma0")
        #expect(name(failure { () throws(BanditError) in try .init(knownNoiseStandardDeviations: [1], priorMeans: [.nan], seed: 1) }) == "varts.mu0")
        #expect(failure { () throws(BanditError) in try .init(knownNoiseStandardDeviations: [1, 2], priorMeans: [0], seed: 1) }
                == .dimensionMismatch(name: "varts.mu0", expected: 2, actual: 1))
    }
}
