import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// Gaussian test rewards by Box–Muller (1958) from the SplitMix64 stream of ``TestRewards``:
/// no code shared with the library's ziggurat.
extension TestRewards {
    mutating func boxMullerNormal(mean: Double = 0, sd: Double = 1) -> Double {
        let u1 = (Double(generator.next() >> 11) + 0.5) * 0x1p-53
        let u2 = Double(generator.next() >> 11) * 0x1p-53
        return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// The Normal–Gamma posterior of a whole batch of rewards by the closed form (Murphy 2007,
/// §3), with x̄ and S = Σ(x − x̄)² computed in two passes in `Float80`.
func batchNormalGammaPosterior(prior: NormalGammaPrior, rewards: [Double]) -> (kappa: Double, mean: Double, shape: Double, rate: Double) {
    let n = Float80(rewards.count)
    let mu0 = Float80(prior.mean), kappa0 = Float80(prior.meanPseudoCount)
    let xbar = rewards.reduce(Float80(0)) { $0 + Float80($1) } / n
    let s = rewards.reduce(Float80(0)) { $0 + (Float80($1) - xbar) * (Float80($1) - xbar) }
    let kappa = kappa0 + n
    let mean = (kappa0 * mu0 + n * xbar) / kappa
    let shape = Float80(prior.precisionShape) + n / 2
    let rate = Float80(prior.precisionRate) + s / 2 + kappa0 * n * (xbar - mu0) * (xbar - mu0) / (2 * kappa)
    return (Double(kappa), Double(mean), Double(shape), Double(rate))
}

/// P(X > Y) for independent location–scale Student-t variables X = m₀ + s₀T_{ν₀},
/// Y = m₁ + s₁T_{ν₁}: ∫ f_X(x) F_Y(x) dx by the trapezoid rule on a fine grid (F_Y accumulated
/// from its density) — the marginal of a Normal–Gamma posterior's mean is such a t, and the
/// computation shares nothing with the library's samplers.
func probabilityStudentExceeds(
    _ m0: Double, _ s0: Double, _ nu0: Double, _ m1: Double, _ s1: Double, _ nu1: Double
) -> Double {
    func density(_ x: Double, _ m: Double, _ s: Double, _ nu: Double) -> Double {
        let z = (x - m) / s
        return exp(lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi) - log(s)
                   - (nu + 1) / 2 * log1p(z * z / nu))
    }
    let width = 400 * max(s0, s1)
    let lo = min(m0, m1) - width, hi = max(m0, m1) + width
    let n = 800_000
    let h = (hi - lo) / Double(n)
    var cdfY = 0.0, previousY = density(lo, m1, s1, nu1), previousTerm = 0.0, total = 0.0
    for i in 1...n {
        let x = lo + Double(i) * h
        let fy = density(x, m1, s1, nu1)
        cdfY += 0.5 * (previousY + fy) * h
        previousY = fy
        let term = density(x, m0, s0, nu0) * cdfY
        total += 0.5 * (previousTerm + term) * h
        previousTerm = term
    }
    return total
}

@Suite("Normal–Gamma Thompson sampling")
struct NormalGammaThompsonSamplingTests {
    @Test("incremental posterior equals the batch conjugate update to 1e-12 (relative)")
    func incrementalEqualsBatch() throws {
        let prior = NormalGammaPrior(mean: 0.7, meanPseudoCount: 2.5, precisionShape: 1.5, precisionRate: 0.8)
        var rewards = TestRewards(seed: 42)
        for (arm, (mean, sd)) in [(3.0, 0.5), (-1.0, 4.0), (0.2, 0.01)].enumerated() {
            var policy = try NormalGammaThompsonSampling(
                armCount: 3, priorMean: prior.mean, priorMeanPseudoCount: prior.meanPseudoCount,
                priorPrecisionShape: prior.precisionShape, priorPrecisionRate: prior.precisionRate, seed: 1)
            var seen: [Double] = []
            for n in 1...2_000 {
                let x = rewards.boxMullerNormal(mean: mean, sd: sd)
                seen.append(x)
                try policy.update(arm: arm, reward: x)
                guard [1, 2, 3, 10, 100, 2_000].contains(n) else { continue }
                let batch = batchNormalGammaPosterior(prior: prior, rewards: seen)
                let p = policy.posterior
                for (got, want) in [(p.meanPseudoCount(of: arm), batch.kappa), (p.mean(of: arm), batch.mean),
                                    (p.precisionShape(of: arm), batch.shape), (p.precisionRate(of: arm), batch.rate)] {
                    #expect(abs(got - want) <= 1e-12 * abs(want), "arm \(arm), n = \(n): \(got) vs \(want)")
                }
                #expect(p.count(of: arm) == Double(n))
            }
            // Other arms keep their prior.
            #expect(policy.posterior.posterior(of: (arm + 1) % 3) == prior)
        }
    }

    @Test("rewards with a large common offset: Welford form stays accurate where Σx² − n x̄² fails")
    func offsetStability() throws {
        // Rewards 10⁸ + 10⁻³·N(0, 1): S/n ≈ 10⁻⁶ against x̄² ≈ 10¹⁶. Storing μ in a Double
        // limits any method to about ε·|x̄|/sd ≈ 2·10⁻⁵ relative error in S, so the tolerance is
        // 10⁻³ here; the one-pass sum-of-squares form is off by orders of magnitude.
        let prior = NormalGammaPrior(mean: 1e8, meanPseudoCount: 1, precisionShape: 1, precisionRate: 1e-6)
        var policy = try NormalGammaThompsonSampling(priors: [prior], seed: 1)
        var rewards = TestRewards(seed: 9)
        var seen: [Double] = []
        var sum = 0.0, sumOfSquares = 0.0
        for _ in 0..<10_000 {
            let x = 1e8 + rewards.boxMullerNormal(sd: 1e-3)
            seen.append(x)
            sum += x
            sumOfSquares += x * x
            try policy.update(arm: 0, reward: x)
        }
        let batch = batchNormalGammaPosterior(prior: prior, rewards: seen)
        let rate = policy.posterior.precisionRate(of: 0)
        #expect(abs(rate - batch.rate) <= 1e-3 * batch.rate, "\(rate) vs \(batch.rate)")
        let n = Double(seen.count)
        let naiveS = sumOfSquares - sum * sum / n
        let naiveRate = prior.precisionRate + naiveS / 2  // μ₀ = x̄ term is negligible here
        #expect(abs(naiveRate - batch.rate) > 0.1 * batch.rate, "the naive form should have lost the digits")
    }

    @Test("picks each arm with its posterior probability of being best (Student-t marginals)")
    func selectionProbability() throws {
        var policy = try NormalGammaThompsonSampling(
            armCount: 2, priorMean: 0, priorMeanPseudoCount: 1, priorPrecisionShape: 1, priorPrecisionRate: 1, seed: 3)
        for x in [0.9, 1.4, 0.3, 1.1, 0.7, 1.6] { try policy.update(arm: 0, reward: x) }
        for x in [0.5, 0.2, 1.5, 0.4] { try policy.update(arm: 1, reward: x) }
        // Marginal of the sampled mean: μₙ + √(βₙ/(αₙκₙ)) · t_{2αₙ}.
        let p = policy.posterior
        func marginal(_ arm: Int) -> (Double, Double, Double) {
            (p.mean(of: arm), (p.precisionRate(of: arm) / (p.precisionShape(of: arm) * p.meanPseudoCount(of: arm))).squareRoot(),
             2 * p.precisionShape(of: arm))
        }
        let (m0, s0, nu0) = marginal(0), (m1, s1, nu1) = marginal(1)
        let exact = probabilityStudentExceeds(m0, s0, nu0, m1, s1, nu1)
        let trials = 40_000
        var wins = 0
        for _ in 0..<trials where policy.selectArm() == 0 { wins += 1 }
        #expect(isConsistent(successes: wins, trials: trials, probability: exact), "\(wins)/\(trials) vs \(exact)")
    }

    @Test("prior shape below 1 (boosted Gamma draw) still gives the Student-t selection probability")
    func smallShapeSelection() throws {
        var policy = try NormalGammaThompsonSampling(
            armCount: 2, priorMean: 0, priorMeanPseudoCount: 0.5, priorPrecisionShape: 0.5, priorPrecisionRate: 0.5, seed: 13)
        try policy.update(arm: 0, reward: 1.0)
        let p = policy.posterior
        #expect(p.precisionShape(of: 1) == 0.5)
        let s0 = (p.precisionRate(of: 0) / (p.precisionShape(of: 0) * p.meanPseudoCount(of: 0))).squareRoot()
        let s1 = (p.precisionRate(of: 1) / (p.precisionShape(of: 1) * p.meanPseudoCount(of: 1))).squareRoot()
        // ν = 1 and 2: heavy tails, but P(X > Y) converges (the integrand is a density times a CDF).
        let exact = probabilityStudentExceeds(p.mean(of: 0), s0, 2 * p.precisionShape(of: 0), p.mean(of: 1), s1, 2 * p.precisionShape(of: 1))
        let trials = 40_000
        var wins = 0
        for _ in 0..<trials where policy.selectArm() == 0 { wins += 1 }
        #expect(isConsistent(successes: wins, trials: trials, probability: exact), "\(wins)/\(trials) vs \(exact)")
    }

    @Test("bad input: typed error, state unchanged; invalid priors name the parameter")
    func badInput() throws {
        var policy = try NormalGammaThompsonSampling(armCount: 2, seed: 1)
        try policy.update(arm: 0, reward: 0.5)
        let before = policy
        #expect(throws: BanditError.nonFiniteReward(arm: 0, value: .infinity)) { try policy.update(arm: 0, reward: .infinity) }
        #expect(throws: BanditError.self) { try policy.update(arm: 1, reward: .nan) }
        #expect(throws: BanditError.unknownArm(arm: 2, armCount: 2)) { try policy.update(arm: 2, reward: 1) }
        #expect(throws: BanditError.unknownArm(arm: -1, armCount: 2)) { try policy.update(arm: -1, reward: 1) }
        // Finite, but (x − μ)² overflows the rate.
        #expect(throws: BanditError.nonFiniteReward(arm: 0, value: 1e300)) { try policy.update(arm: 0, reward: 1e300) }
        #expect(policy == before)

        func name(_ body: () throws(BanditError) -> NormalGammaThompsonSampling) -> String? {
            do { _ = try body(); return nil } catch {
                if case let .invalidParameter(name, _, _) = error { return name }
                return "\(error)"
            }
        }
        #expect(name { () throws(BanditError) in try NormalGammaThompsonSampling(armCount: 0, seed: 1) } == "armCount")
        #expect(name { () throws(BanditError) in try NormalGammaThompsonSampling(armCount: 2, priorMean: .nan, seed: 1) } == "normal-gamma-thompson.mu0")
        #expect(name { () throws(BanditError) in try NormalGammaThompsonSampling(armCount: 2, priorMeanPseudoCount: 0, seed: 1) } == "normal-gamma-thompson.kappa0")
        #expect(name { () throws(BanditError) in try NormalGammaThompsonSampling(armCount: 2, priorPrecisionShape: -1, seed: 1) } == "normal-gamma-thompson.alpha0")
        #expect(name { () throws(BanditError) in try NormalGammaThompsonSampling(armCount: 2, priorPrecisionRate: .infinity, seed: 1) } == "normal-gamma-thompson.beta0")
        #expect(name { () throws(BanditError) in try NormalGammaThompsonSampling(priors: [], seed: 1) } == "normal-gamma-thompson.armCount")
    }

    @Test("snapshot round-trips and continues identically; a corrupted snapshot is rejected")
    func snapshot() throws {
        var policy = try NormalGammaThompsonSampling(armCount: 3, seed: 5)
        for t in 0..<50 { try policy.update(arm: policy.selectArm(), reward: Double(t % 7) * 0.1) }
        let data = try JSONEncoder().encode(policy)
        var restored = try JSONDecoder().decode(NormalGammaThompsonSampling.self, from: data)
        #expect(restored == policy)
        for _ in 0..<20 { #expect(restored.selectArm() == policy.selectArm()) }
        let posteriorData = try JSONEncoder().encode(policy.posterior)
        #expect(try JSONDecoder().decode(NormalGammaPosterior.self, from: posteriorData) == policy.posterior)
        var object = try JSONSerialization.jsonObject(with: posteriorData) as! [String: Any]
        object["storage"] = [1.0, 2.0]
        let corrupted = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(NormalGammaPosterior.self, from: corrupted) }
    }
}
