import Foundation
import LinearAlgebra
import Testing

/// U = L⁻ᵀ kept alongside the factor (`rankOneUpdate(_:inverseTransposed:)`) and recomputed
/// from it (`inverseTransposed()`), checked by the residual L·Uᵀ − I.
///
/// Error model (Higham 2002). One update rotates M = [L x] and N = [L⁻¹; 0ᵀ] (here U's
/// transpose) with the same computed rotations; they are exact for inputs perturbed by
/// ‖ΔM‖_F ≤ d·γ₆‖M‖_F and ‖ΔN‖_F ≤ d·γ₆‖N‖_F (Lemmas 19.8–19.9). Since the rotated product
/// equals (M + ΔM)(N + ΔN), the residual grows per update by at most
/// ‖ΔM‖_F‖N‖₂ + ‖M‖₂‖ΔN‖_F + ‖ΔM‖_F‖ΔN‖_F ≤ (2dγ₆ + (dγ₆)²)‖M‖_F‖N‖_F, with
/// ‖M‖²_F = ‖L‖²_F + ‖x‖². Evaluating the residual in floating point adds γ_d‖|L||Uᵀ|‖_F.
@Suite("Cholesky inverse factor")
struct CholeskyInverseFactorTests {
    /// ‖L·Uᵀ − I‖_F and ‖|L|·|Uᵀ|‖_F, by plain loops.
    static func residual(_ factor: CholeskyFactor, _ u: Matrix) -> (residual: Double, magnitude: Double) {
        let n = factor.dimension
        var residual = 0.0, magnitude = 0.0
        for i in 0..<n {
            for j in 0..<n {
                // (L·Uᵀ)ᵢⱼ = Σₖ Lᵢₖ Uⱼₖ.
                var sum = 0.0, absolute = 0.0
                for k in 0..<n {
                    sum += factor.lower[i, k] * u[j, k]
                    absolute += abs(factor.lower[i, k] * u[j, k])
                }
                let difference = sum - (i == j ? 1 : 0)
                residual += difference * difference
                magnitude += absolute * absolute
            }
        }
        return (residual.squareRoot(), magnitude.squareRoot())
    }

    static func isUpperTriangular(_ u: Matrix) -> Bool {
        for j in 0..<u.columns {
            for i in (j + 1)..<u.rows where u[i, j] != 0 { return false }
        }
        return true
    }

    @Test("updating U leaves the factor bit-identical to the plain update", arguments: [1, 3, 7, 16, 33])
    func factorUnchangedByTheInverse(dimension n: Int) throws {
        var random = SplitMix64(seed: UInt64(n))
        var plain = try CholeskyFactor(identityScaledBy: 0.5, dimension: n)
        var withInverse = plain
        var u = try plain.inverseTransposed()
        for step in 0..<200 {
            // Every 5th vector is sparse: zero entries skip their rotation in both.
            let x = Vector((0..<n).map { i in step % 5 == 0 && i % 2 == 0 ? 0 : random.normal() })
            try plain.rankOneUpdate(x)
            try withInverse.rankOneUpdate(x, inverseTransposed: &u)
            #expect(plain.lower.storage.map(\.bitPattern) == withInverse.lower.storage.map(\.bitPattern))
        }
        #expect(Self.isUpperTriangular(u))
    }

    @Test("L·Uᵀ stays within the accumulated rotation bound of I", arguments: [(2, 1e-3), (16, 1.0), (64, 1e-2)])
    func incrementalInverseResidual(dimension n: Int, lambda: Double) throws {
        var random = SplitMix64(seed: 77 + UInt64(n))
        var factor = try CholeskyFactor(identityScaledBy: lambda, dimension: n)
        var u = try factor.inverseTransposed()
        // L₀ = fl(√λ)I and U₀ = fl(1/fl(√λ))I: L₀U₀ᵀ = (1 + δ)I with |δ| ≤ γ₂.
        var bound = Double(n).squareRoot() * gamma(2)
        let perUpdate = 2 * Double(n) * gamma(6) + pow(Double(n) * gamma(6), 2)
        let updates = n <= 16 ? 3_000 : 600
        for step in 0..<updates {
            // Mixed scales and repeated directions, as bandit contexts have.
            let scale = step % 7 == 0 ? 1e-3 : (step % 11 == 0 ? 30 : 1)
            let x = (0..<n).map { _ in scale * random.normal() }
            let lNorm = frobeniusNorm(factor.lower.storage), uNorm = frobeniusNorm(u.storage)
            bound += perUpdate * (lNorm * lNorm + x.reduce(0) { $0 + $1 * $1 }).squareRoot() * uNorm
            try factor.rankOneUpdate(Vector(x), inverseTransposed: &u)
        }
        #expect(Self.isUpperTriangular(u))
        let (residual, magnitude) = Self.residual(factor, u)
        #expect(residual <= bound + gamma(n) * magnitude, "‖LUᵀ − I‖_F = \(residual), bound \(bound)")
    }

    @Test("inverseTransposed() has the small residual of triangular inversion", arguments: [1, 5, 40, 130])
    func freshInverseResidual(dimension n: Int) throws {
        var random = SplitMix64(seed: 5 + UInt64(n))
        // A = λI + Σ xxᵀ with a wide spread of scales, factored by dpotrf.
        var a = Matrix(rows: n, columns: n, repeating: 0)
        for i in 0..<n { a[i, i] = 1e-2 }
        for step in 0..<(2 * n) {
            let scale = step % 3 == 0 ? 1e2 : 1
            try a.symmetricRankOneUpdate(Vector((0..<n).map { _ in scale * random.normal() }))
        }
        let factor = try CholeskyFactor(factoring: a)
        let u = try factor.inverseTransposed()
        #expect(Self.isUpperTriangular(u))
        for i in 0..<n { #expect(u[i, i] == 1 / factor.lower[i, i]) }
        // Triangular inversion (LAPACK trti2, and its blocked form) has residual
        // |X̂T − I| ≤ c·u·|X̂||T| with c ≈ 2d (each entry: a product with the computed leading
        // inverse, ≤ d roundings, whose own error ≤ d roundings propagates; Higham §14.2); with
        // T = Lᵀ and X̂ = U that is |L·Uᵀ − I| ≤ γ_{2d+2}|L||Uᵀ|, plus γ_d to evaluate it.
        let (residual, magnitude) = Self.residual(factor, u)
        #expect(residual <= (gamma(2 * n + 2) + gamma(n)) * magnitude, "‖LUᵀ − I‖_F = \(residual)")
    }

    @Test("bad input: typed error, factor and inverse unchanged")
    func typedErrors() throws {
        var factor = try CholeskyFactor(identityScaledBy: 2, dimension: 3)
        var u = try factor.inverseTransposed()
        let (factorBefore, uBefore) = (factor, u)
        #expect(throws: LinearAlgebraError.self) { try factor.rankOneUpdate([1, 2], inverseTransposed: &u) }
        #expect(throws: LinearAlgebraError.self) { try factor.rankOneUpdate([1, .nan, 2], inverseTransposed: &u) }
        var wrong = Matrix(rows: 3, columns: 2, repeating: 0)
        #expect(throws: LinearAlgebraError.self) { try factor.rankOneUpdate([1, 2, 3], inverseTransposed: &wrong) }
        #expect(factor == factorBefore && u == uBefore)
    }

    @Test("the carried right-hand side: a hand-solved case, and bad input leaves everything unchanged")
    func carriedRightHandSide() throws {
        // A = I, b = 0; adding x = (3, 0) with weight r = 5 gives A' = diag(10, 1), b' = (15, 0),
        // so L'⁻¹b' = (15/√10, 0): one rotation with c = 1/√10, s = 3/√10 maps (0, 5) to (15/√10, ·).
        var factor = try CholeskyFactor(identityScaledBy: 1, dimension: 2)
        var u = try factor.inverseTransposed()
        var z = Vector([0, 0])
        try factor.rankOneUpdate([3, 0], inverseTransposed: &u, whitenedRightHandSide: &z, weight: 5)
        let expected = 15 / 10.0.squareRoot()
        #expect(abs(z[0] - expected) <= 4 * expected.ulp && z[1] == 0)
        #expect(abs(factor.lower[0, 0] - 10.0.squareRoot()) <= 2 * 10.0.squareRoot().ulp && factor.lower[1, 1] == 1)

        let (factorBefore, uBefore, zBefore) = (factor, u, z)
        var wrongU = Matrix(rows: 2, columns: 3, repeating: 0)
        var wrongZ = Vector([0, 0, 0])
        #expect(throws: LinearAlgebraError.self) { try factor.rankOneUpdate([1], inverseTransposed: &u, whitenedRightHandSide: &z, weight: 1) }
        #expect(throws: LinearAlgebraError.self) { try factor.rankOneUpdate([1, .infinity], inverseTransposed: &u, whitenedRightHandSide: &z, weight: 1) }
        #expect(throws: LinearAlgebraError.self) { try factor.rankOneUpdate([1, 2], inverseTransposed: &wrongU, whitenedRightHandSide: &z, weight: 1) }
        #expect(throws: LinearAlgebraError.self) { try factor.rankOneUpdate([1, 2], inverseTransposed: &u, whitenedRightHandSide: &wrongZ, weight: 1) }
        for weight in [Double.nan, .infinity, -.infinity] {
            #expect(throws: LinearAlgebraError.self) { try factor.rankOneUpdate([1, 2], inverseTransposed: &u, whitenedRightHandSide: &z, weight: weight) }
        }
        #expect(factor == factorBefore && u == uBefore && z == zBefore)
    }

    @Test("dtrmm multiplies by the chosen triangle only")
    func triangularMultiply() throws {
        let t = try Matrix(rowMajor: [[2, 9, 9], [1, 3, 9], [4, 5, 6]])
        var b = try Matrix(rowMajor: [[1, 0], [0, 1], [1, 1]])
        try t.multiplyTriangular(.lower, .noTranspose, overwriting: &b)
        // Lower triangle [[2,0,0],[1,3,0],[4,5,6]] times B, small integers: exact.
        #expect(b == (try Matrix(rowMajor: [[2, 0], [1, 3], [10, 11]])))
        var c = try Matrix(rowMajor: [[1, 0], [0, 1], [1, 1]])
        try t.multiplyTriangular(.upper, .transpose, overwriting: &c)
        // Upper triangle [[2,9,9],[0,3,9],[0,0,6]] transposed times C.
        #expect(c == (try Matrix(rowMajor: [[2, 0], [9, 3], [15, 15]])))
        var wrong = Matrix(rows: 2, columns: 2, repeating: 0)
        #expect(throws: LinearAlgebraError.self) { try t.multiplyTriangular(.lower, .noTranspose, overwriting: &wrong) }
    }
}
