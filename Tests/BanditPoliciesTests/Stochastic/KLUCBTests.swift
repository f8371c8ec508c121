import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// KL-UCB as Garivier & Cappé (2011) write it, with the KL inverse found by bisection.
func naiveKLUCBIndices(_ arms: PlainArms, divergence: KLDivergence, c: Double = 0, plus: Bool = false) -> [Double] {
    let t = Double(arms.total)
    let logT = log(t)
    let level = logT + (c > 0 && logT > 1 ? c * log(logT) : 0)
    let d = KLDivergenceTests.plain(divergence)
    return (0..<arms.armCount).map { j in
        guard arms.counts[j] > 0 else { return .infinity }
        let p = arms.mean(j), n = arms.n(j)
        let delta = plus ? max(0, level - log(n)) : level
        switch divergence {
        case .gaussian(let variance): return p + (2 * variance * delta / n).squareRoot()
        case .bernoulli: return bisectionUpperBound(d, p: p, n: n, delta: delta, hi: 1)
        case .poisson: return bisectionUpperBound(d, p: p, n: n, delta: delta, hi: p + 3 * delta / n + 3 * (p * delta / n).squareRoot() + 1)
        case .exponential: return bisectionUpperBound(d, p: p, n: n, delta: delta, hi: p * exp(1 + delta / n) + 1)
        }
    }
}

@Suite("KL-UCB")
struct KLUCBTests {
    @Test("hand-computed trace")
    func handTrace() throws {
        var policy = try KLUCB(armCount: 2)
        // Rewards by arm and pull: arm 0 → 1, 0, 1, 1, 0; arm 1 → 0.
        // t = 2: arm 0 has μ̂ = 1, index 1; arm 1 has μ̂ = 0, index 1 − e^(−ln 2) = 0.5 → arm 0.
        // t = 3: arm 0 has μ̂ = ½, N = 2: solve 2·d(½, q) = ln 3 → q = 0.908248;
        //        arm 1: 1 − e^(−ln 3) = 2/3 → arm 0.
        // t = 4: arm 0 μ̂ = 2/3, N = 3: 3·d(2/3, q) = ln 4 → q = 0.959795; arm 1: 1 − ¼ = 0.75 → arm 0.
        // t = 5: arm 0 μ̂ = 3/4, N = 4 → q = 0.977410; arm 1: 0.8 → arm 0.
        // t = 6: arm 0 μ̂ = 3/5, N = 5 → q = 0.913003; arm 1: 5/6 = 0.833333 → arm 0.
        let rewards = [[1.0, 0, 1, 1, 0, 1], [0.0, 1]]
        var pulls = [0, 0]
        for (t, expected) in [0, 1, 0, 0, 0, 0, 0].enumerated() {
            let arm = policy.selectArm()
            #expect(arm == expected, "t = \(t)")
            try policy.update(arm: arm, reward: rewards[arm][pulls[arm]])
            pulls[arm] += 1
        }
        // The worked numbers themselves, at t = 5 (arm 0: 1, 0, 1, 1; arm 1: 0).
        var check = try KLUCB(armCount: 2)
        for reward in [1.0, 0, 1, 1] { try check.update(arm: 0, reward: reward) }
        try check.update(arm: 1, reward: 0)
        let indices = check.indices()
        #expect(abs(indices[0] - 0.977410) < 1e-6)
        #expect(abs(indices[1] - 0.8) < 1e-12)
    }

    @Test(
        "matches a naive bisection implementation decision for decision",
        arguments: [KLDivergence.bernoulli, .poisson, .exponential, .gaussian(variance: 0.25)])
    func matchesReference(divergence: KLDivergence) throws {
        for (means, c) in [([0.9, 0.8, 0.75, 0.6, 0.3], 0.0), ([0.1, 0.05, 0.05, 0.02, 0.01], 0.0), ([0.5, 0.45], 3.0)] {
            var policy = try KLUCB(armCount: means.count, divergence: divergence, logLogScale: c)
            let sd: Double? = if case .gaussian = divergence { 0.5 } else { nil }
            try expectMatchesReference(&policy, means: means, rounds: 2_500, seed: 11, gaussianSD: sd) { arms in
                naiveKLUCBIndices(arms, divergence: divergence, c: c)
            }
            #expect(policy.statistics.counts.reduce(0, +) == 2_500)
            let finite = policy.indices().allSatisfy { $0.isFinite }
        #expect(finite)
        }
    }

    @Test("rejects bad input and invalid parameters, keeping its state")
    func badInput() throws {
        try expectRejectsBadInput(try KLUCB(armCount: 3), outOfSupport: 1.5)
        try expectRejectsBadInput(try KLUCB(armCount: 3, divergence: .poisson), valid: 4, outOfSupport: -1)
        try expectRejectsBadInput(try KLUCB(armCount: 3, divergence: .exponential), valid: 4, outOfSupport: -0.1)
        try expectRejectsBadInput(try KLUCB(armCount: 3, divergence: .gaussian(variance: 1)), valid: -7)
        #expect(invalidParameterName { _ = try KLUCB(armCount: 0) } == "armCount")
        #expect(invalidParameterName { _ = try KLUCB(armCount: 2, logLogScale: -1) } == "kl-ucb.c")
        #expect(invalidParameterName { _ = try KLUCB(armCount: 2, logLogScale: .nan) } == "kl-ucb.c")
        #expect(invalidParameterName { _ = try KLUCB(armCount: 2, divergence: .gaussian(variance: 0)) } == "kl-ucb.sigma")
        #expect(invalidParameterName { _ = try KLUCB(armCount: 2, divergence: .gaussian(variance: .infinity)) } == "kl-ucb.sigma")
    }

    @Test("a copy continues with the same decisions (the index cache is part of the state)")
    func copyContinues() throws {
        var policy = try KLUCB(armCount: 4)
        var rewards = TestRewards(seed: 3)
        for _ in 0..<500 { let arm = policy.selectArm(); try policy.update(arm: arm, reward: rewards.bernoulli(0.5)) }
        var copy = policy
        let data = try JSONEncoder().encode(policy)
        var restored = try JSONDecoder().decode(KLUCB.self, from: data)
        for _ in 0..<500 {
            let arm = policy.selectArm()
            #expect(copy.selectArm() == arm)
            #expect(restored.selectArm() == arm)
            let reward = rewards.bernoulli(0.3 + 0.1 * Double(arm))
            try policy.update(arm: arm, reward: reward)
            try copy.update(arm: arm, reward: reward)
            try restored.update(arm: arm, reward: reward)
        }
    }
}
