import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Uniform allocation")
struct UniformAllocationTests {
    @Test("each arm gets ⌊T/n⌋ or ⌈T/n⌉ samples; with T < n, T distinct arms once each (memory O(T))")
    func allocation() throws {
        var policy = try UniformAllocation(armCount: 7, budget: 30, seed: 2)
        var counts = [Int](repeating: 0, count: 7)
        try runToEnd(&policy) { counts[$0] += 1; return 0.5 }
        #expect(counts.allSatisfy { $0 == 4 || $0 == 5 } && counts.reduce(0, +) == 30)

        var sparse = try UniformAllocation(armCount: 1_000_000, budget: 500, seed: 2)
        #expect(sparse.statistics.armCount == 500)
        let arms = try runToEnd(&sparse) { _ in 0 }
        #expect(Set(arms).count == 500)
    }

    @Test("one sample per arm on one good arm: P(best) = p(1 − (1 − q)ⁿ)/(nq) + (1 − p)(1 − q)ⁿ⁻¹/n exactly")
    func closedFormAtOneSamplePerArm() throws {
        // Ties are broken uniformly at random: with reward 1 the best arm shares the top with
        // K ~ Bin(n − 1, q) others, and E[1/(1 + K)] = (1 − (1 − q)ⁿ)/(nq).
        let n = 10, p = 0.7, q = 0.5, trials = 6000
        let exact = p * (1 - pow(1 - q, Double(n))) / (Double(n) * q) + (1 - p) * pow(1 - q, Double(n - 1)) / Double(n)
        var rewards = TestRewards(seed: 11)
        var hits = 0
        for seed in 0..<trials {
            var policy = try UniformAllocation(armCount: n, budget: n, seed: UInt64(seed))
            try runToEnd(&policy) { rewards.bernoulli($0 == 0 ? p : q) }
            if policy.recommend() == 0 { hits += 1 }
        }
        #expect(isConsistent(successes: hits, trials: trials, probability: exact))
    }
}
