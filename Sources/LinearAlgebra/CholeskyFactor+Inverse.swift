internal import COpenBLAS

extension CholeskyFactor {
    /// U = L⁻ᵀ, the transposed inverse of the factor (upper triangular, strictly lower part
    /// exactly zero), from LAPACK `dtrtri` on Lᵀ in O(d³/3).
    ///
    /// Column k of U is row k of L⁻¹, the layout in which ``rankOneUpdate(_:inverseTransposed:)``
    /// keeps U current in O(d²) by rotating contiguous columns. With U at hand,
    /// ‖L⁻¹x‖ = ‖Uᵀx‖ is a triangular *product* instead of a triangular solve, which is what
    /// lets many confidence widths be computed by BLAS `dtrmm` (see
    /// `Matrix.multiplyTriangular(_:_:overwriting:)`).
    ///
    /// Accuracy: triangular inversion is forward stable in the sense of small residuals,
    /// componentwise bounded by a small multiple of d·u·|L⁻¹||L| (Higham, *Accuracy and
    /// Stability of Numerical Algorithms*, 2nd ed., SIAM 2002, §14.2).
    ///
    /// - Throws: ``LinearAlgebraError/lapackFailure(routine:info:)`` if LAPACK reports an error
    ///   (impossible for a factor that satisfies its invariants: the diagonal is positive).
    public func inverseTransposed() throws(LinearAlgebraError) -> Matrix {
        let n = dimension
        var u = Matrix(rows: n, columns: n, repeating: 0)
        guard n > 0 else { return u }
        lower.withUnsafeBufferPointer { l in
            u.withUnsafeMutableBufferPointer { up in
                for j in 0..<n {
                    for i in j..<n { up[j + i * n] = l[i + j * n] }
                }
            }
        }
        let info = u.withUnsafeMutableBufferPointer { up in
            LAPACKE_dtrtri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")), n.blas, up.baseAddress, n.leadingDimension)
        }
        if info != 0 { throw .lapackFailure(routine: "dtrtri", info: info) }
        return u
    }
}
