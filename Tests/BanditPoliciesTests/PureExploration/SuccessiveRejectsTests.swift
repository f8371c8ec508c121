import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Successive Rejects")
struct SuccessiveRejectsTests {
    @Test("phase lengths nₖ = ⌈(T − K)/(log̅(K)(K + 1 − k))⌉ (Audibert et al. 2010), hand-solved for K = 4, T = 100")
    func phaseLengths() {
        // log̅(4) = ½ + ½ + ⅓ + ¼ = 19/12; nₖ = ⌈(12/19)·96/(5 − k)⌉ = ⌈15.16⌉, ⌈20.21⌉, ⌈30.32⌉.
        #expect(abs(SuccessiveRejects.logBar(4) - 19.0 / 12) < 1e-15)
        #expect(SuccessiveRejects.phaseLengths(armCount: 4, budget: 100) == [0, 16, 21, 31])
        for k in [2, 3, 10, 100] {
            for budget in [k, 2 * k, 1000, 54321] {
                let n = SuccessiveRejects.phaseLengths(armCount: k, budget: budget)
                // Samples used: Σₖ (K + 1 − k)(nₖ − nₖ₋₁) = n₁ + … + n_{K−1} + n_{K−1} ≤ T.
                let used = (1..<k).reduce(0) { $0 + (k + 1 - $1) * (n[$1] - n[$1 - 1]) }
                #expect(used == n.reduce(0, +) + n[k - 1])
                #expect(used <= budget)
            }
        }
    }

    @Test("noise-free run: phase k samples each remaining arm nₖ − nₖ₋₁ times and rejects the worst")
    func rejections() throws {
        let k = 6, budget = 600
        let lengths = SuccessiveRejects.phaseLengths(armCount: k, budget: budget)
        var policy = try SuccessiveRejects(armCount: k, budget: budget, seed: 5)
        var counts = [Int](repeating: 0, count: k)
        try runToEnd(&policy) { arm in
            counts[arm] += 1
            return Double(arm) / 10  // arm 5 best, arm 0 rejected first
        }
        // Arm j (rejected in phase j + 1) has n_{j+1} samples; the two best have n_{K−1}.
        #expect(counts == (0..<k).map { lengths[min($0 + 1, k - 1)] })
        #expect(policy.recommend() == k - 1)
        #expect(policy.sampleCount <= budget)
    }

    @Test("error probability within Theorem 2's bound K(K−1)/2 · exp(−(T − K)/(log̅(K) H₂))")
    func theoremBound() throws {
        // Means (0.9, 0.1, 0.1, 0.1): H₂ = 6.25, log̅(4) = 19/12; T = 200: bound = 6·e^{−19.8} ≈ 1.5·10⁻⁸.
        let means = [0.9, 0.1, 0.1, 0.1]
        let bound = 6 * exp(-196 / (19.0 / 12 * 6.25))
        let trials = 1000
        var rewards = TestRewards(seed: 7)
        var errors = 0
        for seed in 0..<trials {
            var policy = try SuccessiveRejects(armCount: 4, budget: 200, seed: UInt64(seed))
            try runToEnd(&policy) { rewards.bernoulli(means[$0]) }
            if policy.recommend() != 0 { errors += 1 }
        }
        #expect(errors < binomialUpperLimit(trials: trials, probability: bound))
    }

    @Test("bad input is rejected and leaves the policy unchanged")
    func badInput() throws {
        #expect(throws: BanditError.self) { try SuccessiveRejects(armCount: 3, budget: 0, seed: 1) }
        var policy = try SuccessiveRejects(armCount: 3, budget: 30, seed: 1)
        let arm = policy.selectArm()
        #expect(throws: BanditError.self) { try policy.update(arm: arm, reward: .nan) }
        #expect(policy.sampleCount == 0)
    }
}
