import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// P(max(θ₀, m₀) > max(θ₁, m₁)) for independent θ₀ ~ Beta(a, b), θ₁ ~ Beta(c, d) and their
/// means m₀ = a/(a+b), m₁ = c/(c+d) (m₀ ≠ m₁), by quadrature. V = max(θ, m) has an atom
/// F_θ(m) at m and density f_θ above it, so
/// P(V₀ > V₁) = F₀(m₀)·P(V₁ < m₀) + ∫_{m₀}^1 f₀(v) P(V₁ < v) dv, with P(V₁ < v) = F₁(v)·1{v > m₁}.
func probabilityOptimisticExceeds(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
    let m0 = a / (a + b), m1 = c / (c + d)
    let n = 200_000
    let h = 1.0 / Double(n)
    func logDensity(_ x: Double, _ p: Double, _ q: Double) -> Double {
        (p - 1) * log(x) + (q - 1) * log1p(-x) - (lgamma(p) + lgamma(q) - lgamma(p + q))
    }
    var cdf0 = 0.0, cdf1 = 0.0, previous0 = 0.0, previous1 = 0.0
    var atom: Double?
    var continuous = 0.0
    for i in 1...n {
        let x = (Double(i) - 0.5) * h
        let f0 = exp(logDensity(x, a, b)), f1 = exp(logDensity(x, c, d))
        cdf0 += 0.5 * (previous0 + f0) * h
        cdf1 += 0.5 * (previous1 + f1) * h
        previous0 = f0
        previous1 = f1
        if x >= m0 {
            if atom == nil { atom = cdf0 * (m0 > m1 ? cdf1 : 0) }
            continuous += f0 * (x > m1 ? cdf1 : 0) * h
        }
    }
    return (atom ?? 0) + continuous
}

@Suite("Optimistic Thompson sampling")
struct OptimisticThompsonSamplingTests {
    @Test("picks arm 0 with probability P(max(θ₀, m₀) > max(θ₁, m₁))")
    func selectionProbability() throws {
        var policy = try OptimisticThompsonSampling(armCount: 2, seed: 4)
        // Arm 0: Beta(3, 4), mean 3/7; arm 1: Beta(13, 9), mean 13/22.
        for reward in [1.0, 1, 0, 0, 0] { try policy.update(arm: 0, reward: reward) }
        for _ in 0..<12 { try policy.update(arm: 1, reward: 1) }
        for _ in 0..<8 { try policy.update(arm: 1, reward: 0) }
        #expect(policy.posteriorMeans == [3.0 / 7, 13.0 / 22])
        let exact = probabilityOptimisticExceeds(3, 4, 13, 9)
        let plain = probabilityBetaExceeds(3, 4, 13, 9)
        let trials = 40_000
        let sd = (Double(trials) * exact * (1 - exact)).squareRoot()
        // The test can tell optimistic from plain Thompson sampling on this instance.
        #expect(abs(exact - plain) * Double(trials) > 3 * zLimit * sd, "\(exact) vs plain \(plain)")
        var wins = 0
        for _ in 0..<trials where policy.selectArm() == 0 { wins += 1 }
        #expect(isConsistent(successes: wins, trials: trials, probability: exact), "\(wins)/\(trials) vs \(exact)")
    }

    @Test("never scores an arm below its posterior mean")
    func optimism() throws {
        // Arm 0: Beta(301, 301), mean 0.5, sd ≈ 0.02; arm 1: Beta(2, 3), mean 0.4 and wide.
        // Optimistic TS picks arm 0 unless arm 1's draw beats max(θ₀, 0.5).
        var policy = try OptimisticThompsonSampling(armCount: 2, seed: 2)
        for _ in 0..<300 {
            try policy.update(arm: 0, reward: 1)
            try policy.update(arm: 0, reward: 0)
        }
        for reward in [1.0, 0, 0] { try policy.update(arm: 1, reward: reward) }
        let exact = probabilityOptimisticExceeds(301, 301, 2, 3)
        let trials = 20_000
        var wins = 0
        for _ in 0..<trials where policy.selectArm() == 0 { wins += 1 }
        #expect(isConsistent(successes: wins, trials: trials, probability: exact), "\(wins)/\(trials) vs \(exact)")
    }

    @Test("bad input: typed error, state unchanged; parameters named optimistic-thompson.*")
    func badInput() throws {
        var policy = try OptimisticThompsonSampling(armCount: 2, seed: 1)
        try policy.update(arm: 0, reward: 1)
        let before = policy
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: 1.5) }
        #expect(throws: BanditError.self) { try policy.update(arm: 1, reward: .nan) }
        #expect(throws: BanditError.unknownArm(arm: 5, armCount: 2)) { try policy.update(arm: 5, reward: 0) }
        #expect(policy == before)
        func name(_ body: () throws(BanditError) -> OptimisticThompsonSampling) -> String? {
            do { _ = try body(); return nil } catch {
                if case let .invalidParameter(name, _, _) = error { return name }
                return nil
            }
        }
        #expect(name { () throws(BanditError) in try OptimisticThompsonSampling(armCount: 2, priorSuccesses: 0, seed: 1) } == "optimistic-thompson.a")
        #expect(name { () throws(BanditError) in try OptimisticThompsonSampling(armCount: 2, priorFailures: .nan, seed: 1) } == "optimistic-thompson.b")
        #expect(name { () throws(BanditError) in try OptimisticThompsonSampling(armCount: 2, reshaping: -1, seed: 1) } == "optimistic-thompson.alpha")
        #expect(name { () throws(BanditError) in try OptimisticThompsonSampling(armCount: 0, seed: 1) } == "armCount")
    }
}
