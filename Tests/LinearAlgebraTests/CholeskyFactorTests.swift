import Foundation
import LinearAlgebra
import Testing

/// Factorisation (dpotrf), log-determinant and the typed errors of `CholeskyFactor`.
///
/// Bounds (n the order, L̂ a computed factor):
/// - backward: L̂L̂ᵀ = A + ΔA with |ΔA| ≤ γ_{n+1}|L̂||L̂ᵀ| (Higham Thm 10.3, any inner-product
///   order); OpenBLAS scales by a rounded reciprocal of the pivot, so γ_{n+2} is used, and
///   evaluating L̂L̂ᵀ in the test adds γₙ|L̂||L̂ᵀ|.
/// - forward: to first order ‖ΔL‖_F ≤ (1/√2)‖A⁻¹‖₂ √‖A‖₂ ‖ΔA‖_F (Sun, "Perturbation bounds for
///   the Cholesky and QR factorizations", BIT 31, 1991), and ‖ΔA‖_F ≤ γ_{n+2}‖ |L̂||L̂ᵀ| ‖_F
///   ≤ γ_{n+2}‖L̂‖²_F ≈ γ_{n+2} trace(A). Two factorisations each within that of the exact L
///   differ by at most √2‖A⁻¹‖₂√‖A‖₂ γ_{n+2} trace(A): the c·n·ε·κ kind of bound.
/// - log det: |tr(A⁻¹ΔA)| ≤ ‖A⁻¹‖_F‖ΔA‖_F ≤ √n‖A⁻¹‖₂ γ_{n+2} trace(A), plus γ_{n+1}Σ|log L̂ᵢᵢ|
///   for evaluating and summing the logarithms, for each of the two values compared.
@Suite("Cholesky factorisation")
struct CholeskyFactorTests {
    @Test(arguments: SPDKind.allCases)
    func factorisationIsBackwardStableAndMatchesReference(kind: SPDKind) throws {
        let spd = kind.make()
        let n = spd.n
        let factor = try CholeskyFactor(factoring: spd.matrix)
        #expect(factor.dimension == n)
        let l = factor.lower.storage

        for j in 0..<n {
            #expect(l[j + j * n] > 0)
            for i in 0..<j where l[i + j * n] != 0 {
                Issue.record("entry (\(i), \(j)) above the diagonal is \(l[i + j * n]), not 0")
            }
        }

        let (product, magnitude) = Reference.lowerTimesTranspose(l, n: n)
        var backwardExcess = 0.0
        for i in product.indices {
            backwardExcess = max(backwardExcess, abs(product[i] - spd.matrix.storage[i]) - (gamma(n + 2) + gamma(n)) * magnitude[i])
        }
        #expect(backwardExcess <= 0)

        let reference = try #require(Reference.cholesky(spd.matrix))
        let difference = frobeniusNorm(zip(l, reference).map { $0 - $1 })
        let bound = 2.0.squareRoot() * spd.inverseNormBound * spd.largestEigenvalueBound.squareRoot() * gamma(n + 2) * spd.trace
        #expect(difference <= bound)
    }

    @Test(arguments: SPDKind.allCases)
    func logDeterminantMatchesReference(kind: SPDKind) throws {
        let spd = kind.make()
        let n = spd.n
        let factor = try CholeskyFactor(factoring: spd.matrix)
        let reference = try #require(Reference.cholesky(spd.matrix))
        var referenceLogDet = 0.0, logMagnitude = 0.0
        for i in 0..<n {
            referenceLogDet += 2 * log(reference[i + i * n])
            logMagnitude += 2 * abs(log(reference[i + i * n]))
        }
        let perturbation = Double(n).squareRoot() * spd.inverseNormBound * gamma(n + 2) * spd.trace
        let evaluation = gamma(n + 1) * logMagnitude
        #expect(abs(factor.logDeterminant - referenceLogDet) <= 2 * (perturbation + evaluation))
        if let exact = spd.exactLogDeterminant {
            // The Hadamard matrix is stored exactly, so only the factorisation perturbs it; the
            // exact value itself carries one rounding of ln 2 times an integer.
            #expect(abs(factor.logDeterminant - exact) <= perturbation + evaluation + gamma(2) * abs(exact))
        }
    }

    @Test func emptyMatrixFactorises() throws {
        let factor = try CholeskyFactor(factoring: Matrix(rows: 0, columns: 0, repeating: 0))
        #expect(factor.dimension == 0)
        #expect(factor.logDeterminant == 0)
        #expect(try factor.solve(Vector([])) == Vector([]))
        #expect(try factor.solve(Matrix(rows: 0, columns: 3, repeating: 0)) == Matrix(rows: 0, columns: 3, repeating: 0))
        #expect(try factor.inverseQuadraticForm(Vector([])) == 0)
    }

    @Test func scaledIdentityFactorIsExact() throws {
        let factor = try CholeskyFactor(identityScaledBy: 4, dimension: 3)
        #expect(factor.lower == Matrix.identity(3).applying { 2 * $0 })
        #expect(factor == (try CholeskyFactor(factoring: Matrix.identity(3).applying { 4 * $0 })))
        #expect(try CholeskyFactor(identityScaledBy: 2, dimension: 0).dimension == 0)
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 1)) {
            try CholeskyFactor(identityScaledBy: 0, dimension: 2)
        }
        #expect(throws: LinearAlgebraError.nonFinite(operation: "CholeskyFactor(identityScaledBy:dimension:)")) {
            try CholeskyFactor(identityScaledBy: .nan, dimension: 2)
        }
    }

    struct IndefiniteCase: CustomTestStringConvertible, Sendable {
        var rows: [[Double]]
        var leadingMinor: Int
        var testDescription: String { "\(rows) → minor \(leadingMinor)" }
    }

    /// Each matrix has exactly representable pivots, so the failing minor is certain.
    static let indefinite = [
        IndefiniteCase(rows: [[0]], leadingMinor: 1),
        IndefiniteCase(rows: [[-1]], leadingMinor: 1),
        IndefiniteCase(rows: [[1, 2], [2, 1]], leadingMinor: 2),
        IndefiniteCase(rows: [[1, 1], [1, 1]], leadingMinor: 2), // semidefinite: pivot exactly 0
        IndefiniteCase(rows: [[1, 0, 0], [0, -1, 0], [0, 0, 1]], leadingMinor: 2),
        IndefiniteCase(rows: [[2, 1, 1], [1, 2, 1], [1, 1, -5]], leadingMinor: 3),
    ]

    @Test(arguments: indefinite)
    func indefiniteMatrixReportsLeadingMinor(c: IndefiniteCase) throws {
        let a = try Matrix(rowMajor: c.rows)
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: c.leadingMinor)) {
            try CholeskyFactor(factoring: a)
        }
    }

    /// The blocked OpenBLAS path (n = 200) must report the right minor too.
    @Test func largeIndefiniteMatrixReportsLeadingMinor() throws {
        var a = wellConditionedSPD(200, seed: 0x510).matrix
        a[150, 150] = -1e6
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 151)) {
            try CholeskyFactor(factoring: a)
        }
    }

    @Test func nonFiniteInputIsRejected() throws {
        var a = try Matrix(rowMajor: [[4, 1, 0], [1, 4, 1], [0, 1, 4]])
        a[2, 1] = .nan
        #expect(throws: LinearAlgebraError.nonFinite(operation: "CholeskyFactor(factoring:)")) {
            try CholeskyFactor(factoring: a)
        }
        a[2, 1] = 1
        a[0, 0] = .infinity
        #expect(throws: LinearAlgebraError.nonFinite(operation: "CholeskyFactor(factoring:)")) {
            try CholeskyFactor(factoring: a)
        }
    }

    /// Only the lower triangle is read, as documented (and as in LAPACK).
    @Test func upperTriangleIsIgnored() throws {
        let symmetric = try Matrix(rowMajor: [[4, 1, 0], [1, 4, 1], [0, 1, 4]])
        var garbage = symmetric
        garbage[0, 1] = .nan
        garbage[0, 2] = 1e300
        #expect(try CholeskyFactor(factoring: garbage) == (try CholeskyFactor(factoring: symmetric)))
    }

    @Test func nonSquareMatrixIsRejected() {
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "CholeskyFactor(factoring:) square", expected: 2, actual: 3)) {
            try CholeskyFactor(factoring: Matrix(rows: 2, columns: 3, repeating: 1))
        }
    }
}

extension Matrix {
    /// Test helper: applies `transform` to every entry.
    func applying(_ transform: (Double) -> Double) -> Matrix {
        try! Matrix(rows: rows, columns: columns, columnMajor: storage.map(transform))
    }
}
