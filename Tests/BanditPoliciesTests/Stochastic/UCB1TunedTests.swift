import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("UCB1-Tuned")
struct UCB1TunedTests {
    /// Auer et al. (2002), §4, written plainly.
    static func naive(_ arms: PlainArms) -> [Double] {
        let logN = log(Double(arms.total))
        return (0..<arms.armCount).map { j in
            guard arms.counts[j] > 0 else { return .infinity }
            let v = arms.variance(j) + (2 * logN / arms.n(j)).squareRoot()
            return arms.mean(j) + (logN / arms.n(j) * min(0.25, v)).squareRoot()
        }
    }

    @Test("hand-computed trace")
    func handTrace() throws {
        var policy = try UCB1Tuned(armCount: 3)
        // Rewards by arm and pull: arm 0 → 1, 0, 1; arm 1 → 0; arm 2 → 1, 1, 0, 0.
        // t = 3: every V ≥ √(2 ln 3) > ¼, so the widths are √(ln 3/nⱼ·¼) = 0.524074:
        //        (1.524074, 0.524074, 1.524074) → tie, arm 0.
        // t = 4: arm 0 x̄ = ½, n = 2: √(ln 4/2·¼) = 0.416277 → 0.916277; arm 2: 1 + √(ln 4·¼) = 1.588705 → arm 2.
        // t = 5: arm 2 x̄ = 1, n = 2: 1 + √(ln 5/2·¼) = 1.448531; arm 0: 0.948531 → arm 2.
        // t = 6: arm 2 x̄ = 2/3, n = 3: 2/3 + √(ln 6/3·¼) = 1.053077; arm 0: 0.973255 → arm 2.
        // t = 7: arm 2 x̄ = ½, n = 4: ½ + √(ln 7/4·¼) = 0.848740; arm 0: ½ + √(ln 7/2·¼) = 0.993192 → arm 0.
        let rewards = [[1.0, 0, 1], [0.0], [1.0, 1, 0, 0]]
        var pulls = [0, 0, 0]
        for (t, expected) in [0, 1, 2, 0, 2, 2, 2, 0].enumerated() {
            let arm = policy.selectArm()
            #expect(arm == expected, "t = \(t)")
            try policy.update(arm: arm, reward: rewards[arm][pulls[arm]])
            pulls[arm] += 1
        }
        // The variance term decides once nⱼ > 32 ln n: 200 pulls of a constant ½ against 200
        // alternating 0/1 (x̄ = ½, variance ¼), n = 400, ln n/200 = 0.0299573:
        // arm 0: V = 0 + √(2·0.0299573) = 0.244775 < ¼ → ½ + √(0.0299573·0.244775) = 0.585631;
        // arm 1: V ≥ ¼ → ½ + √(0.0299573·¼) = 0.586541 → arm 1 (UCB1's ¼ for both would tie).
        var variance = try UCB1Tuned(armCount: 2)
        for i in 0..<200 {
            try variance.update(arm: 0, reward: 0.5)
            try variance.update(arm: 1, reward: Double(i % 2))
        }
        #expect(variance.selectArm() == 1)
    }

    @Test("matches a naive implementation decision for decision", arguments: [2, 5])
    func matchesReference(armCount: Int) throws {
        var policy = try UCB1Tuned(armCount: armCount)
        let means = (0..<armCount).map { 0.3 + 0.5 * Double($0) / Double(armCount) }
        try expectMatchesReference(&policy, means: means, rounds: 5_000, seed: 2, reference: Self.naive)
    }

    @Test("rejects bad input and invalid parameters, keeping its state")
    func badInput() throws {
        try expectRejectsBadInput(try UCB1Tuned(armCount: 2))
        #expect(invalidParameterName { _ = try UCB1Tuned(armCount: 0) } == "armCount")
    }
}
