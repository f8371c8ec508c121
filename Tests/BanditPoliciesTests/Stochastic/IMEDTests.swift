import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("IMED")
struct IMEDTests {
    /// Honda & Takemura (2015), eq. (4), with the model's KL for D_inf, written plainly.
    static func naive(_ d: @escaping (Double, Double) -> Double) -> (PlainArms) -> [Double] {
        { arms in
            let best = (0..<arms.armCount).map { arms.mean($0) }.max()!
            return (0..<arms.armCount).map { j in
                arms.counts[j] == 0 ? -.infinity : arms.n(j) * d(arms.mean(j), best) + log(arms.n(j))
            }
        }
    }

    @Test("hand-computed trace (Bernoulli)")
    func handTrace() throws {
        var policy = try IMED(armCount: 3)
        // Rewards: arm 0 → 1, 0; arm 1 → 0; arm 2 → 1, 1, 0. Pull the minimiser.
        // t = 3: μ̂ = (1, 0, 1), μ̂* = 1: (ln 1, ∞, ln 1) = (0, ∞, 0) → arm 0.
        // t = 4: μ̂ = (½, 0, 1): d(½, 1) = d(0, 1) = ∞, arm 2: 0 → arm 2.
        // t = 5: arm 2 μ̂ = 1, N = 2: ln 2 → arm 2.
        // t = 6: μ̂ = (½, 0, ⅔), μ̂* = ⅔: arm 0: 2·d(½, ⅔) + ln 2 = 2·0.058892 + 0.693147 = 0.810930;
        //        arm 1: 1·d(0, ⅔) + 0 = ln 3 = 1.098612; arm 2: ln 3 → arm 0.
        let rewards = [[1.0, 0, 1], [0.0], [1.0, 1, 0]]
        var pulls = [0, 0, 0]
        for (t, expected) in [0, 1, 2, 0, 2, 2, 0].enumerated() {
            let arm = policy.selectArm()
            #expect(arm == expected, "t = \(t)")
            try policy.update(arm: arm, reward: rewards[arm][pulls[arm]])
            pulls[arm] += 1
        }
    }

    @Test("matches a naive implementation decision for decision")
    func matchesReference() throws {
        var bernoulli = try IMED(armCount: 5)
        try expectMatchesReference(&bernoulli, means: [0.8, 0.75, 0.6, 0.4, 0.1], rounds: 5_000, seed: 31, minimise: true,
                                   reference: Self.naive(plainBernoulliKL))
        var gaussian = try IMED(armCount: 3, divergence: .gaussian(variance: 0.25))
        try expectMatchesReference(&gaussian, means: [0.3, 0.2, -0.5], rounds: 5_000, seed: 32, gaussianSD: 0.5, minimise: true,
                                   reference: Self.naive { p, q in (p - q) * (p - q) / 0.5 })
        let finite = gaussian.indices().allSatisfy { $0.isFinite }
        #expect(finite)
    }

    @Test("rejects bad input and invalid parameters, keeping its state")
    func badInput() throws {
        try expectRejectsBadInput(try IMED(armCount: 2), outOfSupport: 1.01)
        #expect(invalidParameterName { _ = try IMED(armCount: 0) } == "armCount")
        #expect(invalidParameterName { _ = try IMED(armCount: 2, divergence: .gaussian(variance: .nan)) } == "imed.sigma")
    }
}
