internal import COpenBLAS

extension Matrix {
    /// In place, overwrites `b` with the solution x of op(T) x = b, where T is the given
    /// triangle of `self` (BLAS `dtrsv`).
    ///
    /// The other triangle is never read, so a Cholesky factor or an LU-packed matrix can be used
    /// as is. With `unitDiagonal`, the diagonal is taken to be all ones without being read.
    /// Only an exact zero on the diagonal is detected: ill-conditioning is the caller's concern,
    /// and NaN or infinity propagate as in IEEE arithmetic.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `self`
    ///   is not square or `b.count != rows`; ``LinearAlgebraError/singular(operation:diagonalIndex:)``
    ///   if a diagonal entry is zero. `b` is unchanged when an error is thrown.
    public func solveTriangular(
        _ triangle: Triangle, _ op: Transpose, unitDiagonal: Bool = false, overwriting b: inout Vector
    ) throws(LinearAlgebraError) {
        try validateTriangularSystem(operation: "solveTriangular", rightHandSideRows: b.count, unitDiagonal: unitDiagonal)
        let n = rows
        guard n > 0 else { return }
        let diag = unitDiagonal ? CblasUnit : CblasNonUnit
        storage.withUnsafeBufferPointer { t in
            b.withUnsafeMutableBufferPointer { bp in
                cblas_dtrsv(CblasColMajor, triangle.cblas, op.cblas, diag, n.blas, t.baseAddress, n.leadingDimension, bp.baseAddress, 1)
            }
        }
    }

    /// Returns the solution x of op(T) x = b, where T is the given triangle of `self` (see
    /// the in-place overload taking `overwriting: inout Vector`).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` or
    ///   ``LinearAlgebraError/singular(operation:diagonalIndex:)``.
    public func solveTriangular(
        _ triangle: Triangle, _ op: Transpose, unitDiagonal: Bool = false, rightHandSide b: Vector
    ) throws(LinearAlgebraError) -> Vector {
        var x = b
        try solveTriangular(triangle, op, unitDiagonal: unitDiagonal, overwriting: &x)
        return x
    }

    /// In place, overwrites `b` with the solution X of op(T) X = B for many right-hand sides at
    /// once, where T is the given triangle of `self` (BLAS `dtrsm`, left side).
    ///
    /// One `dtrsm` call is much faster than a loop of `dtrsv`s because it runs at level-3 speed.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `self`
    ///   is not square or `b.rows != rows`; ``LinearAlgebraError/singular(operation:diagonalIndex:)``
    ///   if a diagonal entry is zero. `b` is unchanged when an error is thrown.
    public func solveTriangular(
        _ triangle: Triangle, _ op: Transpose, unitDiagonal: Bool = false, overwriting b: inout Matrix
    ) throws(LinearAlgebraError) {
        try validateTriangularSystem(operation: "solveTriangular", rightHandSideRows: b.rows, unitDiagonal: unitDiagonal)
        let n = rows
        guard n > 0, b.columns > 0 else { return }
        let diag = unitDiagonal ? CblasUnit : CblasNonUnit
        let nrhs = b.columns.blas
        storage.withUnsafeBufferPointer { t in
            b.withUnsafeMutableBufferPointer { bp in
                cblas_dtrsm(
                    CblasColMajor, CblasLeft, triangle.cblas, op.cblas, diag, n.blas, nrhs,
                    1, t.baseAddress, n.leadingDimension, bp.baseAddress, n.leadingDimension)
            }
        }
    }

    /// Returns the solution X of op(T) X = B, where T is the given triangle of `self` (see
    /// the in-place overload taking `overwriting: inout Matrix`).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` or
    ///   ``LinearAlgebraError/singular(operation:diagonalIndex:)``.
    public func solveTriangular(
        _ triangle: Triangle, _ op: Transpose, unitDiagonal: Bool = false, rightHandSide b: Matrix
    ) throws(LinearAlgebraError) -> Matrix {
        var x = b
        try solveTriangular(triangle, op, unitDiagonal: unitDiagonal, overwriting: &x)
        return x
    }

    /// Shared shape and singularity checks, done before anything is written.
    private func validateTriangularSystem(
        operation: String, rightHandSideRows: Int, unitDiagonal: Bool
    ) throws(LinearAlgebraError) {
        guard isSquare else {
            throw .dimensionMismatch(operation: "\(operation) square", expected: rows, actual: columns)
        }
        guard rightHandSideRows == rows else {
            throw .dimensionMismatch(operation: "\(operation) right-hand side", expected: rows, actual: rightHandSideRows)
        }
        guard !unitDiagonal else { return }
        for i in 0..<rows where storage[i + i * rows] == 0 {
            throw .singular(operation: operation, diagonalIndex: i)
        }
    }
}
