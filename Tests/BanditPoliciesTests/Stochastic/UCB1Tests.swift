import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// UCB1 written the plain way, straight from Auer et al. (2002), Figure 1: the reference the
/// optimised policy must match decision for decision.
struct NaiveUCB1 {
    var counts: [Int]
    var sums: [Double]

    init(armCount: Int) {
        counts = Array(repeating: 0, count: armCount)
        sums = Array(repeating: 0, count: armCount)
    }

    /// The UCB1 index of every arm (+∞ for an arm never played).
    func indices() -> [Double] {
        let n = Double(counts.reduce(0, +))
        return (0..<counts.count).map { j in
            counts[j] == 0 ? .infinity : sums[j] / Double(counts[j]) + sqrt(2 * log(n) / Double(counts[j]))
        }
    }

    /// Whether `arm` maximises the index. Equal indices computed in a different order can differ
    /// in the last bits, so a choice within 10⁻¹² (relative) of the maximum counts as a maximiser.
    func isMaximiser(_ arm: Int) -> Bool {
        let values = indices()
        let best = values.max()!
        if best == .infinity { return values[arm] == .infinity && values.firstIndex(of: .infinity) == arm }
        return values[arm] >= best - 1e-12 * (1 + abs(best))
    }

    mutating func update(_ arm: Int, _ reward: Double) {
        counts[arm] += 1
        sums[arm] += reward
    }
}

@Suite("UCB1")
struct UCB1Tests {
    @Test("pulls each arm once, then follows the hand-computed index")
    func handTrace() throws {
        var policy = try UCB1(armCount: 3)
        let first = [1.0, 0.0, 0.5]
        for (arm, reward) in first.enumerated() {
            #expect(policy.selectArm() == arm)
            try policy.update(arm: arm, reward: reward)
        }
        // n = 3: indices 1 + √(2 ln 3), 0 + √(2 ln 3), 0.5 + √(2 ln 3) → arm 0.
        #expect(policy.selectArm() == 0)
        try policy.update(arm: 0, reward: 0)
        // n = 4: arm 0 has mean 0.5 over 2 pulls: 0.5 + √(2 ln 4 / 2) = 1.677;
        // arm 1: 0 + √(2 ln 4) = 1.665; arm 2: 0.5 + 1.665 = 2.165 → arm 2.
        #expect(policy.selectArm() == 2)
    }

    @Test("matches a naive implementation decision for decision", arguments: [2, 10, 50])
    func matchesReference(armCount: Int) throws {
        var policy = try UCB1(armCount: armCount)
        var reference = NaiveUCB1(armCount: armCount)
        var rewards = TestRewards(seed: UInt64(armCount))
        let means = (0..<armCount).map { 0.2 + 0.6 * Double($0) / Double(armCount) }
        for _ in 0..<20_000 {
            let arm = policy.selectArm()
            #expect(reference.isMaximiser(arm), "arm \(arm) is not a maximiser of \(reference.indices())")
            let reward = rewards.bernoulli(means[arm])
            try policy.update(arm: arm, reward: reward)
            reference.update(arm, reward)
        }
        #expect(policy.statistics.totalCount == 20_000)
        #expect(policy.statistics.counts.reduce(0, +) == 20_000)
    }

    @Test("rejects bad input and keeps its state")
    func badInput() throws {
        var policy = try UCB1(armCount: 2)
        try policy.update(arm: 0, reward: 0.5)
        let before = policy
        #expect(throws: BanditError.nonFiniteReward(arm: 1, value: .infinity)) { try policy.update(arm: 1, reward: .infinity) }
        #expect(throws: BanditError.unknownArm(arm: 2, armCount: 2)) { try policy.update(arm: 2, reward: 1) }
        #expect(throws: BanditError.unknownArm(arm: -1, armCount: 2)) { try policy.update(arm: -1, reward: 1) }
        do {
            try policy.update(arm: 0, reward: .nan)
            Issue.record("NaN accepted")
        } catch {
            guard case .nonFiniteReward(0, let value) = error, value.isNaN else { Issue.record("wrong error \(error)"); return }
        }
        #expect(policy == before)
        #expect(throws: BanditError.self) { try UCB1(armCount: 0) }
        #expect(throws: BanditError.self) { try UCB1(armCount: 2, explorationScale: -1) }
        #expect(throws: BanditError.self) { try UCB1(armCount: 2, explorationScale: .nan) }
    }
}
