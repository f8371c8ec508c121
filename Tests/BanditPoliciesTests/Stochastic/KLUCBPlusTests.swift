import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("KL-UCB+")
struct KLUCBPlusTests {
    @Test("hand-computed trace")
    func handTrace() throws {
        var policy = try KLUCBPlus(armCount: 3)
        // Rewards by arm and pull: arm 0 → 1, 0, 1; arm 1 → 0; arm 2 → 1, 1, 0, 0.
        // t = 3: μ̂ = (1, 0, 1), N = 1: indices (1, 1 − e^(−ln 3) = 2/3, 1) → tie, arm 0.
        // t = 4: arm 0 μ̂ = ½, N = 2, level ln(4/2) = ln 2: 2·d(½, q) = ln 2 → q = 0.853553;
        //        arm 1: 1 − ¼ = 0.75; arm 2: 1 → arm 2.
        // t = 5: arm 2 μ̂ = 1 → index 1 → arm 2.
        // t = 6: arm 0: level ln 3, q = 0.908248; arm 1: 5/6; arm 2 μ̂ = 2/3, N = 3, level ln 2 →
        //        q = 0.910684 → arm 2 (by 0.0024).
        // t = 7: arm 0: level ln(7/2) → q = 0.922577; arm 1: 6/7; arm 2 μ̂ = ½, N = 4,
        //        level ln(7/4) → q = 0.747018 → arm 0.
        let rewards = [[1.0, 0, 1], [0.0], [1.0, 1, 0, 0]]
        var pulls = [0, 0, 0]
        for (t, expected) in [0, 1, 2, 0, 2, 2, 2, 0].enumerated() {
            let arm = policy.selectArm()
            #expect(arm == expected, "t = \(t)")
            try policy.update(arm: arm, reward: rewards[arm][pulls[arm]])
            pulls[arm] += 1
        }
    }

    @Test("matches a naive bisection implementation decision for decision", arguments: [KLDivergence.bernoulli, .poisson])
    func matchesReference(divergence: KLDivergence) throws {
        for means in [[0.9, 0.8, 0.75, 0.6, 0.3], [0.1, 0.05, 0.05, 0.02, 0.01]] {
            var policy = try KLUCBPlus(armCount: means.count, divergence: divergence)
            try expectMatchesReference(&policy, means: means, rounds: 2_500, seed: 5) { arms in
                naiveKLUCBIndices(arms, divergence: divergence, plus: true)
            }
            let finite = policy.indices().allSatisfy { $0.isFinite }
        #expect(finite)
        }
    }

    @Test("rejects bad input and invalid parameters, keeping its state")
    func badInput() throws {
        try expectRejectsBadInput(try KLUCBPlus(armCount: 2), outOfSupport: -0.5)
        #expect(invalidParameterName { _ = try KLUCBPlus(armCount: 0) } == "armCount")
        #expect(invalidParameterName { _ = try KLUCBPlus(armCount: 2, logLogScale: -0.1) } == "kl-ucb-plus.c")
        #expect(invalidParameterName { _ = try KLUCBPlus(armCount: 2, divergence: .gaussian(variance: -1)) } == "kl-ucb-plus.sigma")
    }
}
