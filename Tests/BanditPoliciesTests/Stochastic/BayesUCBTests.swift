import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Bayes-UCB")
struct BayesUCBTests {
    /// Kaufmann, Cappé & Garivier (2012), Algorithm 1, written plainly: the quantile found by
    /// bisection on the Beta upper tail (Bernoulli) or on Φ from `erfc` (Gaussian).
    static func naive(horizon: Int, c: Double, sigma: Double?) -> (PlainArms) -> [Double] {
        { arms in
            let tail = 1 / (Double(arms.total + 1) * pow(max(1, log(Double(horizon))), c))
            return (0..<arms.armCount).map { j in
                if let sigma {
                    guard arms.counts[j] > 0 else { return .infinity }
                    var low = -40.0, high = 40.0
                    for _ in 0..<100 {
                        let mid = 0.5 * (low + high)
                        if 0.5 * erfc(mid / 2.0.squareRoot()) > tail { low = mid } else { high = mid }
                    }
                    return arms.mean(j) + sigma / arms.n(j).squareRoot() * low
                }
                let a = arms.sums[j] + 1, b = arms.n(j) - arms.sums[j] + 1
                var low = 0.0, high = 1.0
                for _ in 0..<60 {
                    let mid = 0.5 * (low + high)
                    if SpecialFunctions.regularizedIncompleteBetaComplement(a: a, b: b, x: mid) > tail { low = mid } else { high = mid }
                }
                return low
            }
        }
    }

    @Test("hand-computed trace (Beta posteriors, c = 0)")
    func handTrace() throws {
        var policy = try BayesUCB(armCount: 2, horizon: 100)
        // Rewards: arm 0 → 1, 0, 1, 1, 0; arm 1 → 0. Prior Beta(1, 1); level 1 − 1/t.
        // t = 1: level 0 → both quantiles 0 → arm 0.
        // t = 2: medians: Beta(2, 1): √½ = 0.707107; Beta(1, 1): ½ → arm 0.
        // t = 3: level ⅔: Beta(2, 2) solves 3x² − 2x³ = ⅔ → 0.613037; Beta(1, 1): ⅔ → arm 1.
        // t = 4: level ¾: Beta(2, 2) → 0.673648; Beta(1, 2): 1 − √¼ = ½ → arm 0.
        // t = 5: level ⅘: Beta(3, 2) → 0.787683; Beta(1, 2): 1 − √⅕ = 0.552786 → arm 0.
        let rewards = [[1.0, 0, 1, 1, 0, 1], [0.0]]
        var pulls = [0, 0]
        for (t, expected) in [0, 0, 1, 0, 0].enumerated() {
            let arm = policy.selectArm()
            #expect(arm == expected, "t = \(t + 1)")
            try policy.update(arm: arm, reward: rewards[arm][pulls[arm]])
            pulls[arm] += 1
        }
        let indices = policy.indices()  // t = 6, level ⅚: Beta(4, 2) and Beta(1, 2) = 1 − √(1/6).
        #expect(abs(indices[1] - (1 - (1.0 / 6).squareRoot())) < 1e-12)
    }

    @Test("matches a naive implementation decision for decision")
    func matchesReference() throws {
        var bernoulli = try BayesUCB(armCount: 3, horizon: 800)
        try expectMatchesReference(&bernoulli, means: [0.6, 0.5, 0.2], rounds: 800, seed: 21,
                                   reference: Self.naive(horizon: 800, c: 0, sigma: nil))
        var withC = try BayesUCB(armCount: 2, horizon: 400, logHorizonExponent: 2)
        try expectMatchesReference(&withC, means: [0.5, 0.4], rounds: 400, seed: 22,
                                   reference: Self.naive(horizon: 400, c: 2, sigma: nil))
        var gaussian = try BayesUCB(armCount: 4, model: .gaussian(standardDeviation: 0.5), horizon: 3_000)
        try expectMatchesReference(&gaussian, means: [0.5, 0.4, 0.3, 0.0], rounds: 3_000, seed: 23, gaussianSD: 0.5,
                                   reference: Self.naive(horizon: 3_000, c: 0, sigma: 0.5))
        let finite = bernoulli.indices().allSatisfy { $0.isFinite }
        #expect(finite)
    }

    @Test("rejects bad input and invalid parameters, keeping its state")
    func badInput() throws {
        try expectRejectsBadInput(try BayesUCB(armCount: 2, horizon: 10), outOfSupport: 2)
        try expectRejectsBadInput(try BayesUCB(armCount: 2, model: .gaussian(standardDeviation: 1), horizon: 10), valid: -3)
        #expect(invalidParameterName { _ = try BayesUCB(armCount: 0, horizon: 10) } == "armCount")
        #expect(invalidParameterName { _ = try BayesUCB(armCount: 2, horizon: 0) } == "bayes-ucb.horizon")
        #expect(invalidParameterName { _ = try BayesUCB(armCount: 2, horizon: 10, logHorizonExponent: -1) } == "bayes-ucb.c")
        #expect(invalidParameterName { _ = try BayesUCB(armCount: 2, model: .gaussian(standardDeviation: 0), horizon: 10) } == "bayes-ucb.sigma")
    }
}
