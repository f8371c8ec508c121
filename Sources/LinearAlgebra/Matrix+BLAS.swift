internal import COpenBLAS

// Level-2 and level-3 BLAS on matrices. Shapes are validated before any BLAS call (BLAS itself
// would only print an `xerbla` message and return), and degenerate shapes are handled here
// because BLAS rejects a leading dimension of 0 and may receive nil base addresses.

extension Matrix {
    /// In place, `y ← alpha · op(self) · x + beta · y` (BLAS `dgemv`).
    ///
    /// Writes into caller-owned storage so that a hot loop can reuse `y`. When `beta == 0`, `y`
    /// is cleared first: its old contents (even NaN) never leak into the result, as the BLAS
    /// specification promises but not every OpenBLAS version honours.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if
    ///   `x.count` is not the column count of op(self) or `y.count` not its row count; `y` is
    ///   then unchanged.
    public func gemv(
        _ op: Transpose, alpha: Double = 1, x: Vector, beta: Double = 0, into y: inout Vector
    ) throws(LinearAlgebraError) {
        let (outputCount, inputCount) = op == .noTranspose ? (rows, columns) : (columns, rows)
        guard x.count == inputCount else {
            throw .dimensionMismatch(operation: "gemv x", expected: inputCount, actual: x.count)
        }
        guard y.count == outputCount else {
            throw .dimensionMismatch(operation: "gemv y", expected: outputCount, actual: y.count)
        }
        guard outputCount > 0 else { return }
        if beta == 0 {
            y.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        guard inputCount > 0 else {
            // op(A)·x is an empty sum: only the beta term remains.
            if beta != 0 { y.scale(by: beta) }
            return
        }
        let (m, n, lda) = (rows.blas, columns.blas, rows.leadingDimension)
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    cblas_dgemv(CblasColMajor, op.cblas, m, n, alpha, a.baseAddress, lda, xp.baseAddress, 1, beta, yp.baseAddress, 1)
                }
            }
        }
    }

    /// Returns `alpha · op(self) · x` (BLAS `dgemv` into a fresh vector).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if
    ///   `x.count` is not the column count of op(self).
    public func gemv(_ op: Transpose, alpha: Double = 1, x: Vector) throws(LinearAlgebraError) -> Vector {
        var y = Vector(repeating: 0, count: op == .noTranspose ? rows : columns)
        try gemv(op, alpha: alpha, x: x, beta: 0, into: &y)
        return y
    }

    /// In place, `c ← alpha · op(a) · op(b) + beta · c` (BLAS `dgemm`).
    ///
    /// This is the batched path: scoring many arms at once is one product instead of a loop of
    /// dot products. When `beta == 0`, `c` is cleared first so its old contents never leak.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if the
    ///   inner dimensions of op(a) and op(b) differ or `c` does not have their outer shape; `c`
    ///   is then unchanged.
    public static func gemm(
        _ opA: Transpose, _ a: Matrix, _ opB: Transpose, _ b: Matrix,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) throws(LinearAlgebraError) {
        let (m, k) = opA == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = opB == .noTranspose ? (b.rows, b.columns) : (b.columns, b.rows)
        guard kb == k else {
            throw .dimensionMismatch(operation: "gemm inner dimension", expected: k, actual: kb)
        }
        guard c.rows == m else {
            throw .dimensionMismatch(operation: "gemm c rows", expected: m, actual: c.rows)
        }
        guard c.columns == n else {
            throw .dimensionMismatch(operation: "gemm c columns", expected: n, actual: c.columns)
        }
        guard m > 0, n > 0 else { return }
        if beta == 0 {
            c.storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        guard k > 0 else {
            // The product is an empty sum: only the beta term remains.
            if beta != 0 {
                c.storage.withUnsafeMutableBufferPointer { cp in
                    for i in cp.indices { cp[i] *= beta }
                }
            }
            return
        }
        let (lda, ldb, ldc) = (a.rows.leadingDimension, b.rows.leadingDimension, c.rows.leadingDimension)
        a.storage.withUnsafeBufferPointer { ap in
            b.storage.withUnsafeBufferPointer { bp in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(
                        CblasColMajor, opA.cblas, opB.cblas, m.blas, n.blas, k.blas,
                        alpha, ap.baseAddress, lda, bp.baseAddress, ldb, beta, cp.baseAddress, ldc)
                }
            }
        }
    }

    /// Returns `alpha · op(a) · op(b)` (BLAS `dgemm` into a fresh matrix).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if the
    ///   inner dimensions of op(a) and op(b) differ.
    public static func gemm(
        _ opA: Transpose, _ a: Matrix, _ opB: Transpose, _ b: Matrix, alpha: Double = 1
    ) throws(LinearAlgebraError) -> Matrix {
        let m = opA == .noTranspose ? a.rows : a.columns
        let n = opB == .noTranspose ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n, repeating: 0)
        try gemm(opA, a, opB, b, alpha: alpha, beta: 0, into: &c)
        return c
    }

    /// In place, `self ← self + alpha · x xᵀ` for a symmetric `self` (BLAS `dsyr`), keeping the
    /// result exactly symmetric.
    ///
    /// `dsyr` updates only the lower triangle; the upper triangle is then overwritten with a
    /// bitwise copy of it. That makes `self[i, j] == self[j, i]` hold bit for bit afterwards,
    /// which later Cholesky factorisations and symmetric kernels silently assume. Consequently
    /// only the lower triangle of `self` is read: the matrix is treated as symmetric.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `self`
    ///   is not square or `x.count != rows`; `self` is then unchanged.
    public mutating func symmetricRankOneUpdate(_ x: Vector, alpha: Double = 1) throws(LinearAlgebraError) {
        guard isSquare else {
            throw .dimensionMismatch(operation: "symmetricRankOneUpdate square", expected: rows, actual: columns)
        }
        guard x.count == rows else {
            throw .dimensionMismatch(operation: "symmetricRankOneUpdate x", expected: rows, actual: x.count)
        }
        let n = rows
        guard n > 0 else { return }
        x.storage.withUnsafeBufferPointer { xp in
            storage.withUnsafeMutableBufferPointer { ap in
                cblas_dsyr(CblasColMajor, CblasLower, n.blas, alpha, xp.baseAddress, 1, ap.baseAddress, n.leadingDimension)
                for j in 0..<n {
                    for i in (j + 1)..<n {
                        ap[j + i * n] = ap[i + j * n]
                    }
                }
            }
        }
    }

    /// Returns `self + alpha · x xᵀ`, exactly symmetric (see ``symmetricRankOneUpdate(_:alpha:)``).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `self`
    ///   is not square or `x.count != rows`.
    public func symmetricRankOneUpdated(_ x: Vector, alpha: Double = 1) throws(LinearAlgebraError) -> Matrix {
        var result = self
        try result.symmetricRankOneUpdate(x, alpha: alpha)
        return result
    }
}
