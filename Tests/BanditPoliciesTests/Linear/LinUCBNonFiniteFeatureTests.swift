import BanditCore
import Testing
@testable import BanditPolicies

/// LinUCB no longer scans the features before scoring: it relies on every non-finite feature
/// making its arm's score non-finite (`RidgeRegression.optimisticScores`) and only then runs the
/// full validation. These cases exercise each branch of that argument — NaN, ±∞, opposite
/// infinities in one arm, a zero component of θ̂ (so the mean is 0·∞), α = 0 (so the width
/// term is 0·∞) — at every position, and check the error is the full validation's, naming the
/// entry, with the policy unchanged.
@Suite("LinUCB non-finite features")
struct LinUCBNonFiniteFeatureTests {
    /// A fresh policy, one trained on random contexts, and one trained on contexts whose last
    /// coordinate is always 0 (then b and A's last row are λ·eᵀ and 0, so θ̂'s last entry is
    /// exactly 0).
    static func policies(dimension d: Int, armCount k: Int, alpha: Double) throws -> [LinUCB] {
        var random = LinearTestRandom(seed: 5 + UInt64(d))
        let fresh = try LinUCB(armCount: k, dimension: d, explorationScale: alpha, regularization: 0.3)
        var trained = fresh, sparse = fresh
        for _ in 0..<30 {
            try trained.update(arm: 0, features: random.vector(d), reward: random.normal())
            var x = random.vector(d)
            x[d - 1] = 0
            try sparse.update(arm: 0, features: x, reward: random.normal())
        }
        #expect(sparse.ridge.estimate[d - 1] == 0)
        return [fresh, trained, sparse]
    }

    static func expectRejected(_ original: LinUCB, _ features: ArmFeatures, row: Int, arm: Int) {
        var policy = original
        let value = features[row, arm]
        #expect(throws: BanditError.invalidParameter(name: "features[\(row), arm \(arm)]", value: "\(value)", reason: "features must be finite")) {
            _ = try policy.selectArm(features: features)
        }
        #expect(policy == original)
    }

    @Test("every non-finite entry is reported by name, state unchanged", arguments: [(1, 0.0), (3, 1.3), (7, 0.0), (7, 2.0)])
    func nonFiniteEntries(dimension d: Int, alpha: Double) throws {
        let k = 4
        var random = LinearTestRandom(seed: 17)
        for policy in try Self.policies(dimension: d, armCount: k, alpha: alpha) {
            for bad in [Double.nan, .infinity, -.infinity] {
                for arm in 0..<k {
                    for row in 0..<d {
                        var features = ArmFeatures(dimension: d, armCount: k)
                        features.withUnsafeMutableBufferPointer { buffer in
                            for i in buffer.indices { buffer[i] = random.normal() }
                        }
                        features[row, arm] = bad
                        Self.expectRejected(policy, features, row: row, arm: arm)
                    }
                }
            }
            if d >= 2 {
                // +∞ and −∞ in one arm: the sums become NaN rather than infinite.
                var features = ArmFeatures(dimension: d, armCount: k)
                features[0, 2] = .infinity
                features[d - 1, 2] = -.infinity
                Self.expectRejected(policy, features, row: 0, arm: 2)
            }
        }
    }

    @Test("finite features whose scores overflow are still scored, not rejected")
    func overflowingScoresAreAccepted() throws {
        var policy = try LinUCB(armCount: 3, dimension: 2, explorationScale: 1)
        // ‖x‖ ≈ 1.4e300 is finite, but x·x overflows, so the widths are +∞.
        let features = try ArmFeatures(arms: [[1, 0], [1e300, 1e300], [0, 1]])
        #expect(try policy.selectArm(features: features) == 1)
        #expect(try policy.scores(features: features)[1] == .infinity)
    }
}
