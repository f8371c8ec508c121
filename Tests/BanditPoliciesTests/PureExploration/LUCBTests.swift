import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// Continuous rewards in [0, 1] with mean μ (uniform on μ ± 0.15), drawn per arm from the arm's
/// own generator, so the k-th reward of an arm is the same whatever order arms are sampled in.
struct PerArmRewards {
    var generators: [SplitMix64]
    let means: [Double]
    init(means: [Double], seed: UInt64) {
        self.means = means
        generators = means.indices.map { SplitMix64(seed: seed &+ UInt64($0) &* 0x9E37_79B9) }
    }
    mutating func next(_ arm: Int) -> Double {
        means[arm] + 0.3 * (Double(generators[arm].next() >> 11) * 0x1p-53 - 0.5)
    }
}

/// LUCB written out from the papers with plain arrays: sum/count means, bounds recomputed
/// from scratch, Bernoulli KL inverted by bisection.
func naiveLUCB(means: [Double], seed: UInt64, delta: Double, epsilon: Double, kl: Bool) -> (arms: [Int], answer: Int) {
    let n = means.count
    var rewards = PerArmRewards(means: means, seed: seed)
    var sums = [Double](repeating: 0, count: n), counts = [Double](repeating: 0, count: n)
    var arms: [Int] = []
    func pull(_ a: Int) { sums[a] += rewards.next(a); counts[a] += 1; arms.append(a) }
    func bernoulliKL(_ p: Double, _ q: Double) -> Double {
        func term(_ x: Double, _ y: Double) -> Double { x == 0 ? 0 : x * log(x / y) }
        return term(p, q) + term(1 - p, 1 - q)
    }
    func bounds(_ a: Int, _ t: Int) -> (Double, Double) {
        let mean = sums[a] / counts[a]
        if !kl {
            let width = sqrt(log(1.25 * Double(n) * pow(Double(t), 4) / delta) / (2 * counts[a]))
            return (mean - width, mean + width)
        }
        let beta = log(405.5 * Double(n) * pow(Double(t), 1.1) / delta)
        var lo = mean, hi = 1.0
        for _ in 0..<80 { let mid = (lo + hi) / 2; if counts[a] * bernoulliKL(mean, mid) <= beta { lo = mid } else { hi = mid } }
        let upper = lo
        lo = 0; hi = mean
        for _ in 0..<80 { let mid = (lo + hi) / 2; if counts[a] * bernoulliKL(mean, mid) <= beta { hi = mid } else { lo = mid } }
        return (hi, upper)
    }
    for a in 0..<n { pull(a) }
    var t = 1
    while true {
        var h = 0
        for a in 0..<n where sums[a] / counts[a] > sums[h] / counts[h] { h = a }
        var l = -1, best = -Double.infinity
        for a in 0..<n where a != h { let u = bounds(a, t).1; if u > best { best = u; l = a } }
        if best - bounds(h, t).0 < epsilon { return (arms, h) }
        pull(h); pull(l)
        t += 1
    }
}

@Suite("LUCB and KL-LUCB")
struct LUCBTests {
    static let means = [0.45, 0.7, 0.5, 0.3, 0.4]

    func run(_ policy: inout LUCB, seed: UInt64) throws -> [Int] {
        var rewards = PerArmRewards(means: Self.means, seed: seed)
        return try runToEnd(&policy) { rewards.next($0) }
    }

    @Test("LUCB1 samples and stops exactly as a naive reference of Kalyanakrishnan et al. (2012)")
    func hoeffdingAgainstReference() throws {
        for seed: UInt64 in 1...3 {
            for epsilon in [0.0, 0.05] {
                var policy = try LUCB(armCount: Self.means.count, confidence: 0.1, tolerance: epsilon)
                let arms = try run(&policy, seed: seed)
                let reference = naiveLUCB(means: Self.means, seed: seed, delta: 0.1, epsilon: epsilon, kl: false)
                #expect(arms == reference.arms)
                #expect(policy.isStopped && policy.recommend() == reference.answer)
                #expect(policy.sampleCount == reference.arms.count)
            }
        }
    }

    @Test("KL-LUCB samples and stops exactly as a naive reference of Kaufmann & Kalyanakrishnan (2013)")
    func klAgainstReference() throws {
        for seed: UInt64 in 1...3 {
            var policy = try LUCB.klLUCB(armCount: Self.means.count, confidence: 0.1)
            let arms = try run(&policy, seed: seed)
            let reference = naiveLUCB(means: Self.means, seed: seed, delta: 0.1, epsilon: 0, kl: true)
            #expect(arms == reference.arms)
            #expect(policy.recommend() == reference.answer)
        }
    }

    @Test("δ-PAC: on (0.4, 0.8, 0.5) with δ = 0.01 the error count is consistent with P(error) ≤ δ")
    func deltaCorrect() throws {
        let means = [0.4, 0.8, 0.5]
        let trials = 150
        var errors = (lucb: 0, kl: 0)
        var rewards = TestRewards(seed: 5)
        for _ in 0..<trials {
            var lucb = try LUCB(armCount: 3, confidence: 0.01)
            try runToEnd(&lucb) { rewards.bernoulli(means[$0]) }
            if lucb.recommend() != 1 { errors.lucb += 1 }
            var kl = try LUCB.klLUCB(armCount: 3, confidence: 0.01)
            try runToEnd(&kl) { rewards.bernoulli(means[$0]) }
            if kl.recommend() != 1 { errors.kl += 1 }
        }
        let limit = binomialUpperLimit(trials: trials, probability: 0.01)
        #expect(errors.lucb < limit && errors.kl < limit)
    }

    @Test("exploration rate β(t, δ) = ln(k₁ n t^α/δ)")
    func explorationRate() {
        let value = LUCB.explorationRate(armCount: 10, round: 100, confidence: 0.05, alpha: 1.1, k1: 405.5)
        #expect(abs(value - log(405.5 * 10 * pow(100, 1.1) / 0.05)) < 1e-12)
    }

    @Test("bad parameters and rewards: typed errors naming the field, state unchanged")
    func badInput() throws {
        #expect(throws: BanditError.self) { try LUCB(armCount: 1, confidence: 0.1) }
        #expect(throws: BanditError.invalidParameter(name: "delta", value: "1.0", reason: "must lie in (0, 1)")) {
            try LUCB(armCount: 3, confidence: 1)
        }
        #expect(throws: BanditError.self) { try LUCB(armCount: 3, confidence: 0.1, tolerance: -1) }
        #expect(throws: BanditError.self) { try LUCB.klLUCB(armCount: 3, confidence: 0.1, alpha: 1.1, k1: 5) }  // needs k₁ > 11
        #expect(throws: BanditError.self) { try LUCB.klLUCB(armCount: 3, confidence: 0.1, alpha: 1) }
        var policy = try LUCB(armCount: 3, confidence: 0.1)
        let arm = policy.selectArm()
        #expect(throws: BanditError.self) { try policy.update(arm: arm, reward: 1.5) }
        #expect(throws: BanditError.self) { try policy.update(arm: arm, reward: .nan) }
        #expect(policy.sampleCount == 0)
    }
}
