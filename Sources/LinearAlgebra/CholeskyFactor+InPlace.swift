internal import COpenBLAS

// In-place variants for callers that stage a computation in buffers they keep between calls
// (so that a hot loop does not allocate): same arithmetic, same bits as the allocating forms.

extension CholeskyFactor {
    /// Overwrites this factor with a copy of `other` without allocating (when uniquely
    /// referenced).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if the
    ///   dimensions differ; the factor is then unchanged.
    public mutating func assign(_ other: CholeskyFactor) throws(LinearAlgebraError) {
        guard other.dimension == dimension else {
            throw .dimensionMismatch(operation: "CholeskyFactor.assign", expected: dimension, actual: other.dimension)
        }
        try other.lower.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in
            try lower.assign(columnMajor: source)
        }
    }

    /// Replaces this factor by the factor of `matrix` (lower triangle read, LAPACK `dpotrf` in
    /// this factor's own storage), bit for bit what ``init(factoring:)`` computes, without
    /// allocating.
    ///
    /// - Throws: as ``init(factoring:)``, plus
    ///   ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `matrix` is
    ///   not `dimension × dimension`. A factor that throws is left as the identity factor (a
    ///   valid factor; its previous value is lost, which is why this is for staging buffers).
    public mutating func refactor(_ matrix: Matrix) throws(LinearAlgebraError) {
        let operation = "CholeskyFactor.refactor"
        let n = dimension
        guard matrix.rows == n, matrix.columns == n else {
            throw .dimensionMismatch(operation: operation, expected: n, actual: matrix.rows == n ? matrix.columns : matrix.rows)
        }
        guard CholeskyFactor.lowerTriangleIsFinite(matrix) else { throw .nonFinite(operation: operation) }
        guard n > 0 else { return }
        try matrix.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in
            try lower.assign(columnMajor: source)
        }
        let info = lower.withUnsafeMutableBufferPointer { a in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), n.blas, a.baseAddress, n.leadingDimension)
        }
        lower.withUnsafeMutableBufferPointer { a in
            for j in 0..<n {
                for i in 0..<j { a[i + j * n] = 0 }
            }
        }
        let failure: LinearAlgebraError? =
            info > 0 ? .notPositiveDefinite(leadingMinor: Int(info))
            : info < 0 ? .lapackFailure(routine: "dpotrf", info: info)
            : CholeskyFactor.lowerTriangleIsFinite(lower) ? nil : .nonFinite(operation: operation)
        if let failure {
            lower.withUnsafeMutableBufferPointer { a in
                for j in 0..<n {
                    for i in j..<n { a[i + j * n] = i == j ? 1 : 0 }
                }
            }
            throw failure
        }
    }
}
