internal import COpenBLAS

// Solves through the factor. Right-hand sides are checked for NaN and infinity (O(d) against
// the O(d²) solve) so that results are either finite or an error, never silently NaN, and so
// that LAPACKE's own NaN scan can never turn up as an opaque `info`.

extension CholeskyFactor {
    /// In place, overwrites `b` with the solution x of A x = b, via L y = b then Lᵀ x = y
    /// (two BLAS `dtrsv`s, no allocation).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` or
    ///   ``LinearAlgebraError/nonFinite(operation:)``; `b` is then unchanged.
    public func solve(overwriting b: inout Vector) throws(LinearAlgebraError) {
        try validate(b, operation: "CholeskyFactor.solve")
        triangularSolve(.noTranspose, &b)
        triangularSolve(.transpose, &b)
    }

    /// Returns the solution x of A x = b (see the in-place `solve(overwriting: inout Vector)`).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` or
    ///   ``LinearAlgebraError/nonFinite(operation:)``.
    public func solve(_ b: Vector) throws(LinearAlgebraError) -> Vector {
        var x = b
        try solve(overwriting: &x)
        return x
    }

    /// In place, overwrites `b` with the solution X of A X = B for every column of B at once
    /// (LAPACK `dpotrs`).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)``,
    ///   ``LinearAlgebraError/nonFinite(operation:)`` or
    ///   ``LinearAlgebraError/lapackFailure(routine:info:)``; `b` is then unchanged.
    public func solve(overwriting b: inout Matrix) throws(LinearAlgebraError) {
        let operation = "CholeskyFactor.solve"
        guard b.rows == dimension else {
            throw .dimensionMismatch(operation: "\(operation) right-hand side", expected: dimension, actual: b.rows)
        }
        let allFinite = b.withUnsafeBufferPointer { $0.allSatisfy(\.isFinite) }
        guard allFinite else { throw .nonFinite(operation: operation) }
        let n = dimension
        guard n > 0, b.columns > 0 else { return }
        let nrhs = b.columns.blas
        let info = lower.withUnsafeBufferPointer { l in
            b.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dpotrs(
                    LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), n.blas, nrhs,
                    l.baseAddress, n.leadingDimension, bp.baseAddress, n.leadingDimension)
            }
        }
        // dpotrs only reports argument errors (info < 0), which would be a bug here; anything
        // non-zero is still surfaced rather than asserted away.
        if info != 0 { throw .lapackFailure(routine: "dpotrs", info: info) }
    }

    /// Returns the solution X of A X = B (see the in-place `solve(overwriting: inout Matrix)`).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)``,
    ///   ``LinearAlgebraError/nonFinite(operation:)`` or
    ///   ``LinearAlgebraError/lapackFailure(routine:info:)``.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        var x = b
        try solve(overwriting: &x)
        return x
    }

    /// In place, overwrites `b` with y = L⁻¹ b.
    ///
    /// ‖L⁻¹x‖² = xᵀA⁻¹x is the confidence width of LinUCB-style policies; for many vectors at
    /// once use `lower.solveTriangular(.lower, .noTranspose, overwriting:)` with a matrix.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` or
    ///   ``LinearAlgebraError/nonFinite(operation:)``; `b` is then unchanged.
    public func solveLower(overwriting b: inout Vector) throws(LinearAlgebraError) {
        try validate(b, operation: "CholeskyFactor.solveLower")
        triangularSolve(.noTranspose, &b)
    }

    /// Returns L⁻¹ b (see ``solveLower(overwriting:)``).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` or
    ///   ``LinearAlgebraError/nonFinite(operation:)``.
    public func solveLower(_ b: Vector) throws(LinearAlgebraError) -> Vector {
        var y = b
        try solveLower(overwriting: &y)
        return y
    }

    /// In place, overwrites `w` with z = L⁻ᵀ w, the solution of Lᵀ z = w.
    ///
    /// If w is standard normal, L⁻ᵀ w is normal with covariance A⁻¹, which is how Thompson
    /// sampling draws θ̂ + L⁻ᵀ w without ever forming A⁻¹ or an eigendecomposition.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` or
    ///   ``LinearAlgebraError/nonFinite(operation:)``; `w` is then unchanged.
    public func solveLowerTransposed(overwriting w: inout Vector) throws(LinearAlgebraError) {
        try validate(w, operation: "CholeskyFactor.solveLowerTransposed")
        triangularSolve(.transpose, &w)
    }

    /// Returns L⁻ᵀ w (see ``solveLowerTransposed(overwriting:)``).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` or
    ///   ``LinearAlgebraError/nonFinite(operation:)``.
    public func solveLowerTransposed(_ w: Vector) throws(LinearAlgebraError) -> Vector {
        var z = w
        try solveLowerTransposed(overwriting: &z)
        return z
    }

    /// xᵀ A⁻¹ x = ‖L⁻¹x‖², computed without allocating on the heap for moderate dimensions.
    ///
    /// The scratch space comes from `withUnsafeTemporaryAllocation`, which uses the stack when
    /// it can, so per-step scoring in a hot loop stays allocation-free.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` or
    ///   ``LinearAlgebraError/nonFinite(operation:)``.
    public func inverseQuadraticForm(_ x: Vector) throws(LinearAlgebraError) -> Double {
        try validate(x, operation: "CholeskyFactor.inverseQuadraticForm")
        let n = dimension
        guard n > 0 else { return 0 }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { y in
            x.withUnsafeBufferPointer { xp in
                _ = y.initialize(fromContentsOf: xp)
            }
            lower.withUnsafeBufferPointer { l in
                cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, n.blas, l.baseAddress, n.leadingDimension, y.baseAddress, 1)
            }
            return cblas_ddot(n.blas, y.baseAddress, 1, y.baseAddress, 1)
        }
    }

    private func validate(_ v: Vector, operation: String) throws(LinearAlgebraError) {
        guard v.count == dimension else {
            throw .dimensionMismatch(operation: operation, expected: dimension, actual: v.count)
        }
        guard v.allSatisfy(\.isFinite) else { throw .nonFinite(operation: operation) }
    }

    /// op(L) x = b in place with BLAS `dtrsv`; the factor's diagonal is positive by invariant,
    /// so no singularity check is needed.
    private func triangularSolve(_ op: Transpose, _ b: inout Vector) {
        let n = dimension
        guard n > 0 else { return }
        lower.withUnsafeBufferPointer { l in
            b.withUnsafeMutableBufferPointer { bp in
                cblas_dtrsv(CblasColMajor, CblasLower, op.cblas, CblasNonUnit, n.blas, l.baseAddress, n.leadingDimension, bp.baseAddress, 1)
            }
        }
    }
}
