import BanditCore
import Foundation
import LinearAlgebra
import Testing
@testable import BanditPolicies

@Suite("RidgeRegression")
struct RidgeRegressionTests {
    static let epsilon = Double.ulpOfOne

    @Test("θ̂ matches a naive dense solve of (λI + Σ xxᵀ)θ = Σ r x")
    func matchesNaiveSolve() throws {
        let d = 6, n = 80, lambda = 0.5
        var random = LinearTestRandom(seed: 11)
        var ridge = try RidgeRegression(dimension: d, regularization: lambda)
        var a = (0..<d).map { i in (0..<d).map { j in i == j ? lambda : 0.0 } }
        var b = [Double](repeating: 0, count: d)
        for _ in 0..<n {
            let x = random.vector(d)
            let r = random.normal()
            try ridge.update(features: x, reward: r)
            for i in 0..<d {
                b[i] += r * x[i]
                for j in 0..<d { a[i][j] += x[i] * x[j] }
            }
        }
        let reference = NaiveLinearAlgebra.solve(a, b)
        // Cholesky is backward stable (Higham 2002, Thm 10.3): the forward error is at most
        // κ(A)·c·d·ε with κ(A) ≤ trace(A)/λ for A ⪰ λI; c = 10 covers the solve and the updates.
        let trace = (0..<d).reduce(0.0) { $0 + a[$1][$1] }
        let bound = 10 * Double(d) * (trace / lambda) * Self.epsilon
        let error = NaiveLinearAlgebra.norm(zip(ridge.estimate, reference).map { $0 - $1 }) / NaiveLinearAlgebra.norm(reference)
        #expect(error <= bound)
        for i in 0..<d {
            #expect(abs(ridge.response[i] - b[i]) <= Double(n) * 4 * Self.epsilon * (1 + abs(b[i]) + 10))
        }
        // The width through the factor equals the naive xᵀA⁻¹x.
        let probe = random.vector(d)
        let naiveWidth = zip(probe, NaiveLinearAlgebra.solve(a, probe)).reduce(0) { $0 + $1.0 * $1.1 }
        let width = try ridge.squaredWidth(Vector(probe))
        #expect(abs(width - naiveWidth) <= bound * naiveWidth)
    }

    @Test("A stays exactly symmetric, bit for bit")
    func exactSymmetry() throws {
        let d = 9
        var random = LinearTestRandom(seed: 3)
        var ridge = try RidgeRegression(dimension: d, regularization: 1e-3)
        for _ in 0..<500 { try ridge.update(features: random.vector(d, scale: 1e3), reward: random.normal()) }
        let a = ridge.gram
        for i in 0..<d {
            for j in 0..<d { #expect(a[i, j].bitPattern == a[j, i].bitPattern) }
        }
        // Its lower triangle is the stored one, and A is λI + Σ xxᵀ to rounding (n·ε·Σ‖x‖²).
        for i in 0..<d { for j in 0...i { #expect(a[i, j].bitPattern == ridge.lowerGram[i, j].bitPattern) } }
    }

    @Test("incremental factor agrees with a fresh factorisation within its backward-error bound")
    func incrementalVersusFresh() throws {
        let d = 16, n = 3_000
        var random = LinearTestRandom(seed: 5)
        var ridge = try RidgeRegression(dimension: d, regularization: 1, refactorizationInterval: Int.max)
        for _ in 0..<n { try ridge.update(features: random.vector(d), reward: random.normal()) }
        #expect(ridge.updatesSinceRefactorization == n)
        let l = ridge.factor.lower
        let product = try Matrix.gemm(.noTranspose, l, .transpose, l)
        let difference = try Matrix(rows: d, columns: d, columnMajor: zip(product.storage, ridge.gram.storage).map { $0 - $1 })
        // Each Givens update is backward stable with error ≤ c·d·ε‖A‖ (Golub & Van Loan §6.5.4);
        // n updates accumulate at most n times that (c = 4).
        let residual = NaiveLinearAlgebra.frobenius(difference) / NaiveLinearAlgebra.frobenius(ridge.gram)
        #expect(residual <= 4 * Double(n) * Double(d) * Self.epsilon)
        // The factor's first-order perturbation is bounded by κ(A) times A's relative perturbation
        // (Sun 1991); κ(A) ≤ trace(A)/λ.
        let fresh = try CholeskyFactor(factoring: ridge.gram)
        let trace = (0..<d).reduce(0.0) { $0 + ridge.gram[$1, $1] }
        let factorError = NaiveLinearAlgebra.frobenius(try Matrix(
            rows: d, columns: d, columnMajor: zip(l.storage, fresh.lower.storage).map { $0 - $1 }))
            / NaiveLinearAlgebra.frobenius(fresh.lower)
        #expect(factorError <= trace * (residual + 4 * Double(d) * Self.epsilon))
        // Refactorising resets the counter and keeps θ̂ (to the same bound).
        let before = ridge.estimate
        ridge.refactorize()
        #expect(ridge.updatesSinceRefactorization == 0)
        let change = NaiveLinearAlgebra.norm(zip(before, ridge.estimate).map { $0 - $1 }) / NaiveLinearAlgebra.norm(Array(before))
        #expect(change <= trace * (residual + 4 * Double(d) * Self.epsilon))
    }

    @Test("bad input is rejected with a typed error and the statistics unchanged")
    func typedErrors() throws {
        var ridge = try RidgeRegression(dimension: 3)
        try ridge.update(features: [1, 2, 3], reward: 1)
        let snapshot = ridge
        #expect(throws: BanditError.dimensionMismatch(name: "features", expected: 3, actual: 2)) { try ridge.update(features: [1, 2], reward: 1) }
        #expect(throws: BanditError.self) { try ridge.update(features: [1, .nan, 3], reward: 1) }
        #expect(throws: BanditError.self) { try ridge.update(features: [1, .infinity, 3], reward: 1) }
        #expect(throws: BanditError.nonFiniteReward(arm: 0, value: .infinity)) { try ridge.update(features: [1, 2, 3], reward: .infinity) }
        #expect(throws: BanditError.self) { try ridge.update(features: [1e200, 0, 0], reward: 1) }
        #expect(ridge == snapshot)
        #expect(throws: BanditError.self) { _ = try RidgeRegression(dimension: 3, regularization: 0) }
        #expect(throws: BanditError.self) { _ = try RidgeRegression(dimension: 0) }
    }
}
