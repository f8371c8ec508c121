internal import COpenBLAS

/// The inverse square root A^{−1/2} of a symmetric positive-definite matrix A: the unique
/// symmetric positive-definite R with R·R = A⁻¹, formed as R = QΛ^{−1/2}Qᵀ from the
/// eigendecomposition A = QΛQᵀ (LAPACK `dsyevd`, divide and conquer).
///
/// The symmetric root matters where a caller works in the coordinates V^{−1/2}x — e.g. the
/// per-coordinate truncation of TOFU (Shao et al. 2018) — because another factor of A⁻¹
/// (a Cholesky factor, say) gives different coordinates. A Cholesky factor cannot replace it.
///
/// A value of this type is a reusable workspace: after `init(dimension:)`, ``compute(fromLower:)``
/// never allocates. Only the lower triangle of the input is read; ``root`` is exactly symmetric
/// (its upper triangle a bitwise copy of the lower one, R = Q'Q'ᵀ with Q' = QΛ^{−1/4} by `dsyrk`).
public struct SymmetricInverseSquareRoot: Sendable {
    /// n.
    public let dimension: Int
    /// A^{−1/2} for the last successful ``compute(fromLower:)`` (the identity before the first).
    public private(set) var root: Matrix
    /// The eigenvalues of the last successful input, ascending.
    public private(set) var eigenvalues: [Double]
    private var vectors: Matrix
    private var candidateEigenvalues: [Double]
    private var work: [Double]
    private var integerWork: [Int32]

    /// A workspace for n × n matrices.
    /// - Precondition: `dimension` in `0...Int32.max` (as for ``Matrix``).
    public init(dimension: Int) {
        self.dimension = dimension
        root = Matrix.identity(dimension)
        eigenvalues = [Double](repeating: 1, count: dimension)
        vectors = Matrix(rows: dimension, columns: dimension, repeating: 0)
        candidateEigenvalues = eigenvalues
        // dsyevd with JOBZ = 'V' needs LWORK ≥ 1 + 6n + 2n² and LIWORK ≥ 3 + 5n.
        work = [Double](repeating: 0, count: 1 + 6 * dimension + 2 * dimension * dimension)
        integerWork = [Int32](repeating: 0, count: 3 + 5 * dimension)
    }

    /// Replaces ``root`` with A^{−1/2} for the symmetric A given by its lower triangle.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `a` is
    ///   not n × n, ``LinearAlgebraError/nonFinite(operation:)`` for a NaN or infinite entry,
    ///   ``LinearAlgebraError/notPositiveDefinite(leadingMinor:)`` (with `leadingMinor` = 1, the
    ///   first eigenvalue in ascending order) if the smallest eigenvalue is not positive, or
    ///   ``LinearAlgebraError/lapackFailure(routine:info:)`` if `dsyevd` does not converge;
    ///   ``root`` and ``eigenvalues`` are then unchanged.
    public mutating func compute(fromLower a: Matrix) throws(LinearAlgebraError) {
        let n = dimension
        guard a.rows == n else { throw .dimensionMismatch(operation: "SymmetricInverseSquareRoot rows", expected: n, actual: a.rows) }
        guard a.columns == n else { throw .dimensionMismatch(operation: "SymmetricInverseSquareRoot columns", expected: n, actual: a.columns) }
        guard n > 0 else { return }
        var finite = true
        a.withUnsafeBufferPointer { source in
            vectors.withUnsafeMutableBufferPointer { target in
                for j in 0..<n {
                    for i in j..<n {
                        let value = source[i + j * n]
                        if !value.isFinite { finite = false }
                        target[i + j * n] = value
                    }
                }
            }
        }
        guard finite else { throw .nonFinite(operation: "SymmetricInverseSquareRoot") }
        let (lwork, liwork) = (Int32(work.count), Int32(integerWork.count))
        let info = vectors.withUnsafeMutableBufferPointer { q in
            candidateEigenvalues.withUnsafeMutableBufferPointer { w in
                work.withUnsafeMutableBufferPointer { scratch in
                    integerWork.withUnsafeMutableBufferPointer { integers in
                        LAPACKE_dsyevd_work(
                            LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")), n.blas,
                            q.baseAddress, n.leadingDimension, w.baseAddress,
                            scratch.baseAddress, lwork, integers.baseAddress, liwork)
                    }
                }
            }
        }
        if info != 0 { throw .lapackFailure(routine: "dsyevd", info: info) }
        guard candidateEigenvalues[0] > 0 else { throw .notPositiveDefinite(leadingMinor: 1) }
        // Q' = QΛ^{−1/4} column by column, then R = Q'Q'ᵀ.
        vectors.withUnsafeMutableBufferPointer { q in
            for j in 0..<n {
                let scale = 1 / candidateEigenvalues[j].squareRoot().squareRoot()
                for i in 0..<n { q[i + j * n] *= scale }
            }
        }
        vectors.withUnsafeBufferPointer { q in
            root.withUnsafeMutableBufferPointer { r in
                cblas_dsyrk(
                    CblasColMajor, CblasLower, CblasNoTrans, n.blas, n.blas, 1,
                    q.baseAddress, n.leadingDimension, 0, r.baseAddress, n.leadingDimension)
                for j in 0..<n {
                    for i in (j + 1)..<n { r[j + i * n] = r[i + j * n] }
                }
            }
        }
        for i in 0..<n { eigenvalues[i] = candidateEigenvalues[i] }
    }
}

extension Matrix {
    /// Writes `self · B` into `product`, where B's `count` columns (each of length ``columns``)
    /// are stored column-major at the start of `b`, and the product's `count` columns (each of
    /// length ``rows``) go column-major to the start of `product` (BLAS `dgemm`).
    ///
    /// For operands that grow — a history of feature vectors, say — and so cannot be fixed-shape
    /// matrices; the caller keeps the buffers' capacity, so nothing allocates.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if either
    ///   buffer is shorter than `count` columns (or `count` is negative); `product` is then
    ///   unchanged.
    public func multiply(
        columns count: Int, of b: UnsafeBufferPointer<Double>, into product: UnsafeMutableBufferPointer<Double>
    ) throws(LinearAlgebraError) {
        guard count >= 0, count <= maximumBLASDimension else {
            throw .dimensionMismatch(operation: "Matrix.multiply column count", expected: 0, actual: count)
        }
        guard b.count >= columns * count else {
            throw .dimensionMismatch(operation: "Matrix.multiply operand", expected: columns * count, actual: b.count)
        }
        guard product.count >= rows * count else {
            throw .dimensionMismatch(operation: "Matrix.multiply product", expected: rows * count, actual: product.count)
        }
        guard rows > 0, count > 0 else { return }
        guard columns > 0 else {
            for index in 0..<(rows * count) { product[index] = 0 }
            return
        }
        storage.withUnsafeBufferPointer { a in
            cblas_dgemm(
                CblasColMajor, CblasNoTrans, CblasNoTrans, rows.blas, count.blas, columns.blas,
                1, a.baseAddress, rows.leadingDimension, b.baseAddress, columns.leadingDimension,
                0, product.baseAddress, rows.leadingDimension)
        }
    }
}
