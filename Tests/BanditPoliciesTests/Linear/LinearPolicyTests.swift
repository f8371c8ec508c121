import BanditCore
import Foundation
import LinearAlgebra
import Testing
@testable import BanditPolicies

@Suite("Linear contextual policies")
struct LinearPolicyTests {
    @Test("LinUCB follows a hand-computed trace (d = 2, K = 2, λ = 1, α = 1)")
    func linUCBHandTrace() throws {
        var policy = try LinUCB(armCount: 2, dimension: 2)
        // Round 1: A = I, θ̂ = 0: p = (‖(1,0)‖, ‖(0,2)‖) = (1, 2) → arm 1.
        let round1 = try ArmFeatures(arms: [[1, 0], [0, 2]])
        #expect(try policy.scores(features: round1) == [1, 2])
        #expect(try policy.selectArm(features: round1) == 1)
        try policy.update(arm: 1, features: [0, 2], reward: 1)
        // A = diag(1, 5), b = (0, 2), θ̂ = (0, 0.4).
        #expect(policy.ridge.estimate[0] == 0 && abs(policy.ridge.estimate[1] - 0.4) <= 1e-15)
        // Round 2: p₀ = 0 + 1 = 1, p₁ = 0.4 + 1/√5 ≈ 0.847 → arm 0.
        let round2 = try ArmFeatures(arms: [[1, 0], [0, 1]])
        let scores2 = try policy.scores(features: round2)
        #expect(abs(scores2[0] - 1) <= 1e-15 && abs(scores2[1] - (0.4 + 1 / 5.0.squareRoot())) <= 1e-15)
        #expect(try policy.selectArm(features: round2) == 0)
        try policy.update(arm: 0, features: [1, 0], reward: 0.5)
        // A = diag(2, 5), b = (0.5, 2), θ̂ = (0.25, 0.4).
        // Round 3: p₀ = 0.65 + √(1/2 + 1/5), p₁ = −0.25 + √(1/2) → arm 0.
        let round3 = try ArmFeatures(arms: [[1, 1], [-1, 0]])
        let scores3 = try policy.scores(features: round3)
        #expect(abs(scores3[0] - (0.65 + 0.7.squareRoot())) <= 1e-14)
        #expect(abs(scores3[1] - (-0.25 + 0.5.squareRoot())) <= 1e-14)
        #expect(try policy.selectArm(features: round3) == 0)
    }

    @Test("LinUCBDisjoint keeps one model per arm (Li et al. 2010, Algorithm 1)")
    func disjointTrace() throws {
        var policy = try LinUCBDisjoint(armCount: 2, dimension: 2)
        let features = try ArmFeatures(arms: [[1, 0], [1, 0]])
        #expect(try policy.selectArm(features: features) == 0)  // tie → lowest index
        try policy.update(arm: 0, features: [1, 0], reward: 0)
        // Arm 0: A = diag(2, 1), p₀ = 0 + √(1/2); arm 1 untouched: p₁ = 1 → arm 1.
        #expect(try policy.selectArm(features: features) == 1)
        #expect(policy.models[1].count == 0 && policy.models[0].count == 1)
    }

    @Test("LinUCBDisjoint's arm a scores as a LinUCB fed only arm a's updates would, bit for bit; untouched arms as a fresh model", arguments: [3, 20])
    func disjointArmEqualsSharedModel(dimension d: Int) throws {
        let k = 6, alpha = 1.3
        var random = LinearTestRandom(seed: 77 + UInt64(d))
        var disjoint = try LinUCBDisjoint(armCount: k, dimension: d, explorationScale: alpha, regularization: 0.5)
        var shared = try LinUCB(armCount: k, dimension: d, explorationScale: alpha, regularization: 0.5)
        let fresh = try LinUCB(armCount: k, dimension: d, explorationScale: alpha, regularization: 0.5)
        // Arm 2 learns; the other arms never do.
        for _ in 0..<(5 * d) {
            let x = random.vector(d), reward = random.normal()
            try disjoint.update(arm: 2, features: x, reward: reward)
            try shared.update(arm: 2, features: x, reward: reward)
        }
        var features = ArmFeatures(dimension: d, armCount: k)
        features.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] = random.normal() } }
        _ = try disjoint.selectArm(features: features)
        #expect(disjoint.models[2] == shared.ridge)
        // On the fused route each arm's score depends on its own column and model alone (the
        // same operations in the same order), so the shared policy's score of arm 2's column
        // is arm 2's, bit for bit. (The BLAS routes of the two differ: one dtrmm against one
        // solve per arm; the hand trace above covers that one.)
        guard Matrix.fusedTriangularScoresAvailable else { return }
        let sharedScores = try shared.scores(features: features), freshScores = try fresh.scores(features: features)
        #expect(disjoint.scores[2].bitPattern == sharedScores[2].bitPattern)
        for arm in [0, 1, 3, 4, 5] {
            #expect(disjoint.scores[arm].bitPattern == freshScores[arm].bitPattern, "arm \(arm)")
        }
    }

    @Test("OFUL's radius is Theorem 2's √β at t = 0: R√(2 ln(1/δ)) + √λ S")
    func ofulRadius() throws {
        let policy = try OFUL(armCount: 3, dimension: 4, noiseScale: 0.5, parameterBound: 2, confidence: 0.01, regularization: 4)
        let expected = 0.5 * (2 * log(100.0)).squareRoot() + 2 * 2
        #expect(abs(policy.radius - expected) <= 1e-12)
        var grown = policy
        try grown.update(arm: 0, features: [1, 0, 0, 0], reward: 1)
        // det V = 4³·5, det λI = 4⁴: ln(det^{1/2} det^{-1/2}) = ½ ln(5/4).
        let expectedGrown = 0.5 * (2 * (0.5 * log(5.0 / 4) + log(100.0))).squareRoot() + 4
        #expect(abs(grown.radius - expectedGrown) <= 1e-12)
        // θ̂ = (1/5, 0, 0, 0); the index x_aᵀθ̂ + √β‖x_a‖_{V⁻¹}: e₁ scores 1/5 + √β/√5, e₂ scores
        // √β/2, which is larger (√β ≈ 5.54).
        let round = try ArmFeatures(arms: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]])
        #expect(try grown.selectArm(features: round) == 1)
        let beta = grown.radius
        // A few roundings of values below 4: well within 10⁻¹⁴.
        #expect(abs(grown.means[0] - (0.2 + beta / 5.0.squareRoot())) <= 1e-14)
        #expect(abs(grown.means[1] - beta / 2) <= 1e-14)
        #expect(grown.means[2] == 0)
    }

    @Test("LinTS with scale 0 is greedy; its v is the paper's")
    func linTS() throws {
        let v = LinTS.paperScale(dimension: 20, noiseScale: 0.1, epsilon: 0.5, confidence: 0.05)
        #expect(abs(v - 0.1 * (48 * 20 * log(20.0)).squareRoot()) <= 1e-12)
        var greedy = try LinTS(armCount: 3, dimension: 2, scale: 0, seed: 1)
        try greedy.update(arm: 0, features: [1, 0], reward: 1)
        let features = try ArmFeatures(arms: [[0, 1], [1, 0], [-1, 0]])
        #expect(try greedy.selectArm(features: features) == 1)
        // Same seed, same decisions; the draw explores with a positive scale.
        var a = try LinTS(armCount: 3, dimension: 2, seed: 9)
        var b = a
        var chosen = Set<Int>()
        for _ in 0..<50 {
            let arm = try a.selectArm(features: features)
            #expect(try b.selectArm(features: features) == arm)
            chosen.insert(arm)
        }
        #expect(chosen.count > 1)
    }

    @Test("Newton/IRLS finds the regularised logistic MLE (score equation solved)")
    func glmMaximumLikelihood() throws {
        let d = 3, n = 1_500
        var random = LinearTestRandom(seed: 21)
        var policy = try UCBGLM(armCount: 2, dimension: d, regularization: 1, newtonSteps: 30, refitGrowth: 1e9)
        let theta = [1.0, -2.0, 0.5]
        var xs: [[Double]] = [], rs: [Double] = []
        for _ in 0..<n {
            let x = random.vector(d)
            let p = UCBGLM.logistic(zip(x, theta).reduce(0) { $0 + $1.0 * $1.1 })
            let r: Double = random.uniform() < p ? 1 : 0
            try policy.update(arm: 0, features: x, reward: r)
            xs.append(x); rs.append(r)
        }
        policy.fit()
        let estimate = Array(policy.estimate)
        // Score equation Σ (r − μ(xᵀθ̂)) x − λθ̂ = 0; Newton converges quadratically, so after
        // convergence the gradient is at rounding level: ≤ n·d·ε·(1 + max|x|)·10.
        var gradient = estimate.map { -$0 }
        for (x, r) in zip(xs, rs) {
            let mu = UCBGLM.logistic(zip(x, estimate).reduce(0) { $0 + $1.0 * $1.1 })
            for i in 0..<d { gradient[i] += (r - mu) * x[i] }
        }
        #expect(NaiveLinearAlgebra.norm(gradient) <= 1e-8 * Double(n))
        // And the estimate is near θ* (asymptotic sd ≈ 1/√(n·E[μ'xxᵀ]) ≈ 0.05 here; 6 sd).
        for i in 0..<d { #expect(abs(estimate[i] - theta[i]) <= 0.3) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, features: [0, 0, 0], reward: 2) }
    }

    static func policies() throws -> [any ContextualPolicy] {
        [
            try LinUCB(armCount: 3, dimension: 2), try LinUCBDisjoint(armCount: 3, dimension: 2),
            try OFUL(armCount: 3, dimension: 2), try LinTS(armCount: 3, dimension: 2, seed: 4),
            try UCBGLM(armCount: 3, dimension: 2), try LinearEpsilonGreedy(armCount: 3, dimension: 2, seed: 4),
        ]
    }

    @Test("wrong dimension, wrong K, non-finite features or reward, unknown arm: typed error, state unchanged")
    func typedErrorsAllOrNothing() throws {
        for original in try Self.policies() {
            try check(original)
        }
    }

    func check<P: ContextualPolicy>(_ original: P) throws {
        var policy = original
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let good = try ArmFeatures(arms: [[1, 0], [0, 1], [1, 1]])
        _ = try policy.selectArm(features: good)
        try policy.update(arm: 0, features: [1, 0], reward: 1)
        let snapshot = try encoder.encode(AnyEncodable(policy))
        #expect(throws: BanditError.dimensionMismatch(name: "features (dimension)", expected: 2, actual: 3)) {
            _ = try policy.selectArm(features: try ArmFeatures(arms: [[1, 0, 0], [0, 1, 0], [1, 1, 0]]))
        }
        #expect(throws: BanditError.dimensionMismatch(name: "features (arms)", expected: 3, actual: 2)) {
            _ = try policy.selectArm(features: try ArmFeatures(arms: [[1, 0], [0, 1]]))
        }
        #expect(throws: BanditError.self) { _ = try policy.selectArm(features: try ArmFeatures(arms: [[1, 0], [.nan, 1], [1, 1]])) }
        #expect(throws: BanditError.dimensionMismatch(name: "features", expected: 2, actual: 1)) { try policy.update(arm: 0, features: [1], reward: 1) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, features: [1, .infinity], reward: 1) }
        #expect(throws: BanditError.unknownArm(arm: 3, armCount: 3)) { try policy.update(arm: 3, features: [1, 0], reward: 1) }
        #expect(throws: BanditError.self) { try policy.update(arm: 1, features: [1, 0], reward: .nan) }
        #expect(try encoder.encode(AnyEncodable(policy)) == snapshot)
    }

    @Test("invalid hyper-parameters are rejected")
    func invalidParameters() {
        #expect(throws: BanditError.self) { _ = try LinUCB(armCount: 0, dimension: 2) }
        #expect(throws: BanditError.self) { _ = try LinUCB(armCount: 2, dimension: 2, explorationScale: -1) }
        #expect(throws: BanditError.self) { _ = try LinUCB(armCount: 2, dimension: 2, regularization: 0) }
        #expect(throws: BanditError.self) { _ = try OFUL(armCount: 2, dimension: 2, confidence: 1) }
        #expect(throws: BanditError.self) { _ = try LinTS(armCount: 2, dimension: 2, epsilon: 0, seed: 1) }
        #expect(throws: BanditError.self) { _ = try LinearEpsilonGreedy(armCount: 2, dimension: 2, epsilon: 1.5, seed: 1) }
        #expect(throws: BanditError.self) { _ = try UCBGLM(armCount: 2, dimension: 2, newtonSteps: 0) }
    }
}

/// Encodes any policy (all are Codable) so snapshots can be compared byte for byte.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any ContextualPolicy) { self.value = value as! any Encodable }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
