import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// MOSS (Audibert & Bubeck 2009) and MOSS-anytime (Degenne & Perchet 2016) written plainly:
/// x̄ⱼ + √(w·max(ln(S/(K nⱼ)), 0)/nⱼ) with S = T, w = 1 or S = t, w = (1 + α)/2.
func naiveMOSS(_ arms: PlainArms, scale: Double, width: Double) -> [Double] {
    (0..<arms.armCount).map { j in
        guard arms.counts[j] > 0 else { return .infinity }
        return arms.mean(j) + (width * max(log(scale / (Double(arms.armCount) * arms.n(j))), 0) / arms.n(j)).squareRoot()
    }
}

@Suite("MOSS and MOSS-anytime")
struct MOSSTests {
    @Test("MOSS: hand-computed trace (T = 20, K = 3)")
    func handTraceMOSS() throws {
        var policy = try MOSS(armCount: 3, horizon: 20)
        // Rewards: arm 0 → 1, 0, 1; arm 1 → 0, 1; arm 2 → 1, 1, 0.
        // t = 3: nⱼ = 1: width √ln(20/3) = 1.377360: (2.377360, 1.377360, 2.377360) → arm 0.
        // t = 4: arm 0 x̄ = ½, n = 2: ½ + √(ln(20/6)/2) = 1.275878 → arm 2 (2.377360).
        // t = 5: arm 2 x̄ = 1, n = 2: 1.775878 → arm 2.
        // t = 6: arm 2 x̄ = 2/3, n = 3: 2/3 + √(ln(20/9)/3) = 1.182583; arm 1 still 1.377360 → arm 1.
        // t = 7: arms 0 and 1 both x̄ = ½, n = 2 → 1.275878 each → arm 0.
        let rewards = [[1.0, 0, 1], [0.0, 1], [1.0, 1, 0]]
        var pulls = [0, 0, 0]
        for (t, expected) in [0, 1, 2, 0, 2, 2, 1, 0].enumerated() {
            let arm = policy.selectArm()
            #expect(arm == expected, "t = \(t)")
            try policy.update(arm: arm, reward: rewards[arm][pulls[arm]])
            pulls[arm] += 1
        }
    }

    @Test("MOSS-anytime: hand-computed trace (α = 1.35, K = 3)")
    func handTraceAnytime() throws {
        var policy = try MOSSAnytime(armCount: 3)
        // Same rewards; width factor (1 + 1.35)/2 = 1.175.
        // t = 3: ln(3/3) = 0 → indices = means (1, 0, 1) → arm 0.
        // t = 4: arm 0 (½, n = 2): ln(4/6) < 0 → ½; arm 1: √(1.175 ln(4/3)) = 0.581400;
        //        arm 2: 1.581400 → arm 2.
        // t = 5: arm 2 (1, n = 2): ln(5/6) < 0 → 1; arm 1: √(1.175 ln(5/3)) = 0.774739 → arm 2.
        // t = 6: arm 2 (2/3, n = 3): ln(6/9) < 0 → 2/3; arm 1: √(1.175 ln 2) = 0.902468 → arm 1.
        // t = 7: arms 0, 1 (½, n = 2): ½ + √(1.175 ln(7/6)/2) = 0.800938 each → arm 0.
        let rewards = [[1.0, 0, 1], [0.0, 1], [1.0, 1, 0]]
        var pulls = [0, 0, 0]
        for (t, expected) in [0, 1, 2, 0, 2, 2, 1, 0].enumerated() {
            let arm = policy.selectArm()
            #expect(arm == expected, "t = \(t)")
            try policy.update(arm: arm, reward: rewards[arm][pulls[arm]])
            pulls[arm] += 1
        }
    }

    @Test("both match naive implementations decision for decision")
    func matchesReference() throws {
        let means = [0.8, 0.7, 0.65, 0.3, 0.1]
        var moss = try MOSS(armCount: 5, horizon: 5_000)
        try expectMatchesReference(&moss, means: means, rounds: 5_000, seed: 4) { naiveMOSS($0, scale: 5_000, width: 1) }
        for alpha in [1.35, 0.0, 4.0] {
            var anytime = try MOSSAnytime(armCount: 5, alpha: alpha)
            try expectMatchesReference(&anytime, means: means, rounds: 5_000, seed: 4) {
                naiveMOSS($0, scale: Double($0.total), width: (1 + alpha) / 2)
            }
        }
    }

    @Test("reject bad input and invalid parameters, keeping their state")
    func badInput() throws {
        try expectRejectsBadInput(try MOSS(armCount: 2, horizon: 100))
        try expectRejectsBadInput(try MOSSAnytime(armCount: 2))
        #expect(invalidParameterName { _ = try MOSS(armCount: 0, horizon: 10) } == "armCount")
        #expect(invalidParameterName { _ = try MOSS(armCount: 2, horizon: 0) } == "moss.horizon")
        #expect(invalidParameterName { _ = try MOSSAnytime(armCount: 0) } == "armCount")
        #expect(invalidParameterName { _ = try MOSSAnytime(armCount: 2, alpha: -0.5) } == "moss-anytime.alpha")
        #expect(invalidParameterName { _ = try MOSSAnytime(armCount: 2, alpha: .infinity) } == "moss-anytime.alpha")
    }
}
