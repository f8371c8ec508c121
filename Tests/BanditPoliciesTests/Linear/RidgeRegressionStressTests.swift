import BanditCore
import Foundation
import LinearAlgebra
import Testing
@testable import BanditPolicies

/// DESIGN §4 Numerics: after many updates with duplicated, collinear and tiny-magnitude
/// contexts the factor stays positive definite, θ̂ and widths stay finite and θ̂ solves Aθ = b to
/// a backward-stable accuracy. CI runs 10⁵ updates in total over the 9 (d, λ) settings;
/// BANDITKIT_LONG_TESTS=1 runs 10⁶ updates per setting.
@Suite("RidgeRegression under adversarial contexts")
struct RidgeRegressionStressTests {
    static var long: Bool { ProcessInfo.processInfo.environment["BANDITKIT_LONG_TESTS"] == "1" }

    static func updates(dimension d: Int) -> Int {
        if long { return 1_000_000 }
        // 10⁵ updates in total across the grid, shared so each setting costs about the same time
        // (an update is O(d²)).
        switch d {
        case 2: return 60_000
        case 16: return 10_000
        default: return 1_100
        }
    }

    @Test("positive definite, finite, small residual", arguments: [2, 16, 64], [1e-8, 1e-3, 1.0])
    func stress(dimension d: Int, lambda: Double) throws {
        var random = LinearTestRandom(seed: UInt64(d) &* 1_000 &+ UInt64(lambda.exponent + 100))
        var ridge = try RidgeRegression(dimension: d, regularization: lambda, refactorizationInterval: 256)
        let base = random.vector(d)
        let theta = random.vector(d)
        let n = Self.updates(dimension: d)
        var x = base
        for step in 0..<n {
            switch step % 5 {
            case 0: x = base  // exact duplicate
            case 1: x = base.map { $0 * (1 + Double(step % 7)) }  // collinear
            case 2: x = base.map { $0 * 1e-7 }  // tiny magnitude, collinear
            case 3: x = random.vector(d, scale: 1e-9)  // tiny magnitude, random direction
            default: x = [Double](repeating: 0, count: d); x[step % d] = 1  // one-hot (sparse)
            }
            let reward = zip(x, theta).reduce(0) { $0 + $1.0 * $1.1 } + 0.1 * random.normal()
            try ridge.update(features: x, reward: reward)
        }
        #expect(ridge.count == n)
        #expect(CholeskyFactorChecks.isValid(ridge.factor))
        #expect(ridge.estimate.allSatisfy { $0.isFinite })
        for _ in 0..<10 {
            let width = try ridge.squaredWidth(Vector(random.vector(d)))
            #expect(width.isFinite && width > 0)
        }
        // Normwise backward error of θ̂ (Rigal–Gaches): ‖Aθ̂ − b‖ / (‖A‖‖θ̂‖ + ‖b‖). A
        // backward-stable Cholesky solve gives ≤ c·d·ε; the factor's drift since its last
        // refactorisation adds ≤ c·d·ε per rank-one update (c = 4).
        let product = try ridge.gram.gemv(.noTranspose, x: ridge.estimate)
        let residual = try product.adding(ridge.response, scaledBy: -1).norm2
        let scale = NaiveLinearAlgebra.frobenius(ridge.gram) * ridge.estimate.norm2 + ridge.response.norm2
        let bound = 4 * Double(d) * Double(ridge.updatesSinceRefactorization + d + 1) * Double.ulpOfOne
        #expect(residual / scale <= bound)
        // Hence ‖Aθ̂ − b‖/‖b‖ ≤ bound·(1 + ‖A‖‖A⁻¹‖) ≤ bound·(1 + trace(A)/λ): small when A is
        // well conditioned (meaningful for λ = 1; vacuous, but still checked, for tiny λ).
        let trace = (0..<d).reduce(0.0) { $0 + ridge.gram[$1, $1] }
        #expect(ridge.relativeResidual <= bound * (1 + trace / lambda))
    }
}

enum CholeskyFactorChecks {
    /// Finite, strictly positive diagonal, zero above the diagonal.
    static func isValid(_ factor: CholeskyFactor) -> Bool {
        let l = factor.lower, d = l.rows
        for j in 0..<d {
            guard l[j, j] > 0, l[j, j].isFinite else { return false }
            for i in 0..<d where !l[i, j].isFinite || (i < j && l[i, j] != 0) { return false }
        }
        return true
    }
}
