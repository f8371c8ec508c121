internal import COpenBLAS
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix, with L lower
/// triangular and a strictly positive diagonal.
///
/// The factor, not an explicit inverse, is the long-lived source of truth for a Gram matrix
/// such as λI + Σ x xᵀ: solves through it are backward stable, ``rankOneUpdate(_:)`` keeps it
/// current in O(d²) without refactorising, and sampling θ̂ + L⁻ᵀz (``solveLowerTransposed(overwriting:)``)
/// is deterministic given the factor.
///
/// Invariants, checked on construction and decoding: ``lower`` is square, finite, has a
/// strictly positive diagonal and exact zeros above the diagonal. Every operation that could
/// break them validates its input first and throws with the factor unchanged.
public struct CholeskyFactor: Sendable, Hashable {
    /// The lower-triangular factor L (strictly upper part exactly zero), column-major.
    public internal(set) var lower: Matrix

    /// The order d of the factorised d × d matrix.
    public var dimension: Int { lower.rows }

    /// Factorises a symmetric positive-definite matrix with LAPACK `dpotrf` (lower variant).
    ///
    /// Only the lower triangle of `matrix` is read, as in LAPACK. Non-finite input is rejected
    /// up front (OpenBLAS's `dpotrf` lets NaN through as success), and the finished factor is
    /// checked again because entries near the overflow threshold can still overflow inside the
    /// factorisation. A 0 × 0 matrix gives an empty factor.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if the
    ///   matrix is not square, ``LinearAlgebraError/nonFinite(operation:)``,
    ///   ``LinearAlgebraError/notPositiveDefinite(leadingMinor:)`` when `dpotrf` reports
    ///   `info > 0`, or ``LinearAlgebraError/lapackFailure(routine:info:)`` for `info < 0`.
    public init(factoring matrix: Matrix) throws(LinearAlgebraError) {
        let operation = "CholeskyFactor(factoring:)"
        guard matrix.isSquare else {
            throw .dimensionMismatch(operation: "\(operation) square", expected: matrix.rows, actual: matrix.columns)
        }
        let n = matrix.rows
        guard CholeskyFactor.lowerTriangleIsFinite(matrix) else { throw .nonFinite(operation: operation) }
        var factor = matrix
        if n > 0 {
            let info = factor.withUnsafeMutableBufferPointer { a in
                LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), n.blas, a.baseAddress, n.leadingDimension)
            }
            if info > 0 { throw .notPositiveDefinite(leadingMinor: Int(info)) }
            if info < 0 { throw .lapackFailure(routine: "dpotrf", info: info) }
        }
        // dpotrf leaves the strictly upper triangle as it found it; zero it so that `lower`
        // really is L and equality compares factors only.
        factor.withUnsafeMutableBufferPointer { a in
            for j in 0..<n {
                for i in 0..<j { a[i + j * n] = 0 }
            }
        }
        guard CholeskyFactor.lowerTriangleIsFinite(factor) else { throw .nonFinite(operation: operation) }
        lower = factor
    }

    /// The factor of `regularization · I`, i.e. L = √λ · I, built directly in O(d²).
    ///
    /// This is the usual starting point of a ridge-regularised Gram matrix before any
    /// ``rankOneUpdate(_:)``.
    ///
    /// - Precondition: `0 <= dimension <= Int32.max`.
    /// - Throws: ``LinearAlgebraError/nonFinite(operation:)`` if `regularization` is not finite,
    ///   ``LinearAlgebraError/notPositiveDefinite(leadingMinor:)`` (minor 1) if it is not
    ///   positive and `dimension > 0`.
    public init(identityScaledBy regularization: Double, dimension: Int) throws(LinearAlgebraError) {
        guard regularization.isFinite else { throw .nonFinite(operation: "CholeskyFactor(identityScaledBy:dimension:)") }
        var factor = Matrix(rows: dimension, columns: dimension, repeating: 0)
        guard dimension > 0 else {
            lower = factor
            return
        }
        guard regularization > 0 else { throw .notPositiveDefinite(leadingMinor: 1) }
        let root = regularization.squareRoot()
        for i in 0..<dimension { factor[i, i] = root }
        lower = factor
    }

    /// Describes the first broken invariant of a candidate factor, or returns `nil` if `lower`
    /// is a valid factor; decoding uses this so a corrupted snapshot is rejected, not misread.
    static func invariantViolation(of lower: Matrix) -> String? {
        guard lower.isSquare else { return "factor is \(lower.rows) × \(lower.columns), not square" }
        guard lowerTriangleIsFinite(lower) else { return "factor has a non-finite entry" }
        let n = lower.rows
        for j in 0..<n {
            guard lower[j, j] > 0 else { return "diagonal entry \(j) is not positive" }
            for i in 0..<j where lower[i, j] != 0 {
                return "entry (\(i), \(j)) above the diagonal is not zero"
            }
        }
        return nil
    }

    /// Wraps a matrix already known to satisfy every invariant.
    init(uncheckedLower lower: Matrix) {
        self.lower = lower
    }

    /// log det A = 2 Σ log Lᵢᵢ; 0 for a 0 × 0 matrix.
    ///
    /// Summing logarithms instead of taking the log of a product avoids overflow and underflow
    /// of the determinant itself, which is routine for dimensions in the hundreds.
    public var logDeterminant: Double {
        let n = dimension
        return lower.withUnsafeBufferPointer { l in
            var sum = 0.0
            for i in 0..<n { sum += log(l[i + i * n]) }
            return 2 * sum
        }
    }

    static func lowerTriangleIsFinite(_ matrix: Matrix) -> Bool {
        let n = matrix.rows
        return matrix.withUnsafeBufferPointer { a in
            for j in 0..<matrix.columns {
                for i in j..<n where !a[i + j * n].isFinite { return false }
            }
            return true
        }
    }
}
