internal import COpenBLAS

extension Matrix {
    /// In place, overwrites `b` with op(T)·B, where T is the given triangle of `self` (BLAS
    /// `dtrmm`, left side, α = 1).
    ///
    /// The other triangle is never read. For the sizes of bandit scoring (d in the tens to
    /// hundreds, K columns) OpenBLAS's `dtrmm` costs markedly fewer instructions than the
    /// equivalent `dtrsm` and than a `dgemm` that multiplies the zero triangle, which is why
    /// widths use a maintained inverse factor (``CholeskyFactor/inverseTransposed()``).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `self`
    ///   is not square or `b.rows != rows`; `b` is then unchanged.
    public func multiplyTriangular(_ triangle: Triangle, _ op: Transpose, overwriting b: inout Matrix) throws(LinearAlgebraError) {
        guard isSquare else {
            throw .dimensionMismatch(operation: "multiplyTriangular square", expected: rows, actual: columns)
        }
        guard b.rows == rows else {
            throw .dimensionMismatch(operation: "multiplyTriangular right-hand side", expected: rows, actual: b.rows)
        }
        let n = rows
        guard n > 0, b.columns > 0 else { return }
        let columnCount = b.columns.blas
        storage.withUnsafeBufferPointer { t in
            b.withUnsafeMutableBufferPointer { bp in
                cblas_dtrmm(
                    CblasColMajor, CblasLeft, triangle.cblas, op.cblas, CblasNonUnit, n.blas, columnCount,
                    1, t.baseAddress, n.leadingDimension, bp.baseAddress, n.leadingDimension)
            }
        }
    }
}
