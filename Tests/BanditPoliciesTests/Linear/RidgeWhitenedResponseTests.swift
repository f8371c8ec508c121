import BanditCore
import Foundation
import LinearAlgebra
import Testing
@testable import BanditPolicies

/// The ridge statistics' carried c = L⁻¹b (``RidgeRegression/whitenedResponse``) against its
/// definition, and the deferred-estimate update path against the eager one.
///
/// Bound for c (derivation in `CholeskyFactor.rankOneUpdate(_:inverseTransposed:whitenedRightHandSide:weight:)`;
/// Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., 2002, Lemmas 19.8–19.9):
/// with M = [L x] and v = [c; r] before an update, the computed factor is [(M + ΔM)Ĝ] and the
/// computed c' the first d entries of Ĝᵀ(v + Δv), ‖ΔM‖_F ≤ dγ₆‖M‖_F, ‖Δv‖ ≤ dγ₆‖v‖, so
/// ‖L'c' − (b + r·x)‖ ≤ ‖Lc − b‖ + (2dγ₆ + (dγ₆)²)‖M‖_F‖v‖; storing b' = fl(b + r·x) adds
/// γ₂(‖b‖ + |r|‖x‖). After a refactorisation c comes from `dtrsv`: (L + ΔL)c = b with
/// |ΔL| ≤ γ_d|L| (Higham Thm 8.5), so ‖Lc − b‖ ≤ γ_d‖|L||c|‖.
@Suite("Ridge whitened response")
struct RidgeWhitenedResponseTests {
    static let u = Double.ulpOfOne / 2
    static func gamma(_ k: Int) -> Double { Double(k) * u / (1 - Double(k) * u) }
    static func norm(_ values: [Double]) -> Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// ‖Lc − b‖ and ‖|L||c|‖ by plain loops.
    static func residual(_ ridge: RidgeRegression) -> (residual: Double, magnitude: Double) {
        let l = ridge.factor.lower, c = ridge.whitenedResponse, b = ridge.response, n = ridge.dimension
        var residual = 0.0, magnitude = 0.0
        for i in 0..<n {
            var sum = 0.0, absolute = 0.0
            for k in 0...i {
                sum += l[i, k] * c[k]
                absolute += abs(l[i, k] * c[k])
            }
            residual += (sum - b[i]) * (sum - b[i])
            magnitude += absolute * absolute
        }
        return (residual.squareRoot(), magnitude.squareRoot())
    }

    @Test("c matches L⁻¹b within the derived bound through many updates and refactorisations",
          arguments: [(3, 1e-8), (16, 1e-3), (40, 1.0)])
    func whitenedResponseTracksFactor(dimension d: Int, lambda: Double) throws {
        var random = LinearTestRandom(seed: 33 + UInt64(d))
        var ridge = try RidgeRegression(dimension: d, regularization: lambda, refactorizationInterval: 250)
        var bound = 0.0
        let perUpdate = 2 * Double(d) * Self.gamma(6) + pow(Double(d) * Self.gamma(6), 2)
        let anchor = random.vector(d)
        for step in 0..<1_200 {
            let x = random.mixedContext(step: step, anchor: anchor)
            let reward = 3 * random.normal()
            let lNorm = Self.norm(ridge.factor.lower.storage), xNorm = Self.norm(x)
            let carried = Self.norm(Array(ridge.whitenedResponse.storage) + [reward])
            let responseNorm = Self.norm(Array(ridge.response.storage))
            try ridge.updateDeferringEstimate(features: x, reward: reward)
            if ridge.updatesSinceRefactorization == 0 {
                bound = Self.gamma(d) * Self.residual(ridge).magnitude
            } else {
                bound += perUpdate * (lNorm * lNorm + xNorm * xNorm).squareRoot() * carried
                    + Self.gamma(2) * (responseNorm + abs(reward) * xNorm)
            }
            if step % 89 == 0 || step == 1_199 {
                let (residual, magnitude) = Self.residual(ridge)
                let evaluation = Self.gamma(d + 1) * (magnitude + Self.norm(Array(ridge.response.storage)))
                #expect(residual <= bound + evaluation, "step \(step): ‖Lc − b‖ = \(residual), bound \(bound)")
            }
        }
    }

    @Test("deferring θ̂ changes nothing observable: same statistics, θ̂ bits, encoding and equality")
    func deferredEqualsEager() throws {
        let d = 7
        var random = LinearTestRandom(seed: 5)
        var eager = try RidgeRegression(dimension: d, regularization: 0.3, refactorizationInterval: 100)
        var deferred = eager
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for step in 0..<450 {
            let x = random.vector(d), reward = random.normal()
            try eager.update(features: x, reward: reward)
            try deferred.updateDeferringEstimate(features: x, reward: reward)
            if step % 50 == 7 {
                #expect(deferred.estimateIsDeferred)
                #expect(deferred.factor == eager.factor && deferred.lowerGram == eager.lowerGram && deferred.response == eager.response)
                #expect(deferred.estimate.storage.map(\.bitPattern) == eager.estimate.storage.map(\.bitPattern))
                #expect(deferred == eager && deferred.hashValue == eager.hashValue)
                #expect(try encoder.encode(deferred) == encoder.encode(eager))
                // A decoded copy solves its own θ̂ and carries on identically.
                var restored = try JSONDecoder().decode(RidgeRegression.self, from: JSONEncoder().encode(deferred))
                #expect(!restored.estimateIsDeferred && restored == eager)
                try restored.updateDeferringEstimate(features: x, reward: reward)
                var twice = eager
                try twice.update(features: x, reward: reward)
                #expect(restored == twice)
            }
        }
        // An eager update or a refactorisation leaves θ̂ solved again.
        var solved = deferred
        try solved.update(features: random.vector(d), reward: 1)
        #expect(!solved.estimateIsDeferred)
        #expect(solved.solvedEstimate == (try solved.factor.solve(solved.response)))
        deferred.refactorize()
        #expect(!deferred.estimateIsDeferred)
        #expect(deferred.solvedEstimate == (try deferred.factor.solve(deferred.response)))
    }

    @Test("the deferred update rejects bad input with a typed error and changes nothing")
    func deferredUpdateRejectsBadInput() throws {
        var random = LinearTestRandom(seed: 3)
        var ridge = try RidgeRegression(dimension: 3)
        for _ in 0..<5 { try ridge.updateDeferringEstimate(features: random.vector(3), reward: random.normal()) }
        let before = ridge
        let whitenedBefore = ridge.whitenedResponse, inverseBefore = ridge.inverseFactorTransposed
        let bad: [([Double], Double)] = [([1, 2], 0), ([1, .nan, 2], 0), ([1, 2, -.infinity], 0), ([1, 2, 3], .nan), ([1, 2, 3], .infinity), ([1e200, 0, 0], 0)]
        for (features, reward) in bad {
            #expect(throws: BanditError.self) { try ridge.updateDeferringEstimate(features: features, reward: reward) }
        }
        #expect(ridge == before && ridge.estimateIsDeferred)
        #expect(ridge.whitenedResponse == whitenedBefore && ridge.inverseFactorTransposed == inverseBefore)
    }

    @Test("LinUCB defers θ̂ and its state equals an eagerly updated ridge's")
    func linUCBDefers() throws {
        let d = 4, k = 6
        var random = LinearTestRandom(seed: 12)
        var policy = try LinUCB(armCount: k, dimension: d, explorationScale: 0.8)
        var ridge = try RidgeRegression(dimension: d)
        var features = ArmFeatures(dimension: d, armCount: k)
        for _ in 0..<40 {
            features.withUnsafeMutableBufferPointer { buffer in
                for i in buffer.indices { buffer[i] = random.normal() }
            }
            let arm = try policy.selectArm(features: features)
            let reward = random.normal()
            try policy.update(arm: arm, roundFeatures: features, reward: reward)
            try ridge.update(features: features.column(arm), reward: reward)
        }
        #expect(policy.ridge.estimateIsDeferred)
        #expect(policy.ridge == ridge)
    }
}
