import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("UCB-V")
struct UCBVTests {
    /// Audibert, Munos & Szepesvári (2009), eq. (1) with ℰₜ = ζ ln t, written plainly.
    static func naive(zeta: Double, c: Double, b: Double) -> (PlainArms) -> [Double] {
        { arms in
            let exploration = zeta * log(Double(arms.total))
            return (0..<arms.armCount).map { j in
                guard arms.counts[j] > 0 else { return .infinity }
                let s = arms.n(j)
                return arms.mean(j) + (2 * arms.variance(j) * exploration / s).squareRoot() + c * 3 * b * exploration / s
            }
        }
    }

    @Test("hand-computed trace")
    func handTrace() throws {
        var policy = try UCBV(armCount: 2)
        // ζ = 1.2, c = 1, b = 1. Rewards: arm 0 → 1, 0, 1, 1; arm 1 → 0, 1, 1.
        // t = 2: ℰ = 1.2 ln 2 = 0.831777; V = 0: (1 + 3ℰ, 0 + 3ℰ) = (3.495330, 2.495330) → arm 0.
        // t = 3: ℰ = 1.2 ln 3 = 1.318334. Arm 0: x̄ = ½, V = ¼, s = 2: ½ + √(2·¼·ℰ/2) + 3ℰ/2
        //        = 0.5 + 0.574094 + 1.977502 = 3.051596; arm 1: 0 + 0 + 3ℰ = 3.955004 → arm 1.
        // t = 4: both arms x̄ = ½, V = ¼, s = 2 → equal (3.640224) → arm 0.
        // t = 5: arm 0: x̄ = 2/3, V = 2/9, s = 3, ℰ = 1.931325: 2/3 + √(2·(2/9)·ℰ/3) + ℰ
        //        = 3.132896; arm 1: ½ + √(¼·ℰ) + 1.5ℰ = 4.091849 → arm 1.
        let rewards = [[1.0, 0, 1, 1], [0.0, 1, 1]]
        var pulls = [0, 0]
        for (t, expected) in [0, 1, 0, 1, 0, 1].enumerated() {
            let arm = policy.selectArm()
            #expect(arm == expected, "t = \(t)")
            try policy.update(arm: arm, reward: rewards[arm][pulls[arm]])
            pulls[arm] += 1
        }
    }

    @Test("matches a naive implementation decision for decision")
    func matchesReference() throws {
        for (zeta, c, b) in [(1.2, 1.0, 1.0), (1.0, 0.5, 2.0)] {
            var policy = try UCBV(armCount: 4, explorationFactor: zeta, rangeTermScale: c, rewardRange: b)
            try expectMatchesReference(&policy, means: [0.7, 0.6, 0.5, 0.2], rounds: 5_000, seed: 9,
                                       reference: Self.naive(zeta: zeta, c: c, b: b))
        }
    }

    @Test("rejects bad input and invalid parameters, keeping its state")
    func badInput() throws {
        try expectRejectsBadInput(try UCBV(armCount: 2))
        #expect(invalidParameterName { _ = try UCBV(armCount: 0) } == "armCount")
        #expect(invalidParameterName { _ = try UCBV(armCount: 2, explorationFactor: 0) } == "ucb-v.zeta")
        #expect(invalidParameterName { _ = try UCBV(armCount: 2, explorationFactor: .infinity) } == "ucb-v.zeta")
        #expect(invalidParameterName { _ = try UCBV(armCount: 2, rangeTermScale: -1) } == "ucb-v.c")
        #expect(invalidParameterName { _ = try UCBV(armCount: 2, rewardRange: 0) } == "ucb-v.b")
        #expect(invalidParameterName { _ = try UCBV(armCount: 2, rewardRange: .nan) } == "ucb-v.b")
    }
}
