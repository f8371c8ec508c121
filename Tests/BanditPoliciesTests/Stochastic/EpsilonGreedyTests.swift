import BanditCore
import Testing
@testable import BanditPolicies

@Suite("ε-greedy")
struct EpsilonGreedyTests {
    @Test("tries every arm once, then with ε = 0 is greedy")
    func greedy() throws {
        var policy = try EpsilonGreedy(armCount: 3, epsilon: 0, seed: 1)
        for (arm, reward) in [0.2, 0.9, 0.5].enumerated() {
            #expect(policy.selectArm() == arm)
            try policy.update(arm: arm, reward: reward)
        }
        for _ in 0..<100 { #expect(policy.selectArm() == 1) }
        #expect(policy.propensity(of: 1) == 1)
        #expect(policy.propensity(of: 0) == 0)
    }

    @Test("chooses with the propensities it reports")
    func propensities() throws {
        var policy = try EpsilonGreedy(armCount: 4, epsilon: 0.3, seed: 9)
        for (arm, reward) in [0.1, 0.2, 0.8, 0.3].enumerated() {
            _ = policy.selectArm()
            try policy.update(arm: arm, reward: reward)
        }
        let total = (0..<4).map { policy.propensity(of: $0) }.reduce(0, +)
        #expect(abs(total - 1) < 1e-12)
        var counts = [0, 0, 0, 0]
        let trials = 40_000
        for _ in 0..<trials { counts[policy.selectArm()] += 1 }
        for arm in 0..<4 {
            #expect(isConsistent(successes: counts[arm], trials: trials, probability: policy.propensity(of: arm)),
                    "arm \(arm): \(counts[arm]) of \(trials), propensity \(policy.propensity(of: arm))")
        }
    }

    @Test("rejects bad parameters and input")
    func badInput() throws {
        #expect(throws: BanditError.self) { try EpsilonGreedy(armCount: 2, epsilon: 1.5, seed: 0) }
        #expect(throws: BanditError.self) { try EpsilonGreedy(armCount: 2, epsilon: -0.1, seed: 0) }
        #expect(throws: BanditError.self) { try EpsilonGreedy(armCount: 0, epsilon: 0.1, seed: 0) }
        var policy = try EpsilonGreedy(armCount: 2, epsilon: 0.1, seed: 0)
        let before = policy
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: .nan) }
        #expect(throws: BanditError.self) { try policy.update(arm: 5, reward: 0) }
        #expect(policy == before)
    }
}
