internal import COpenBLAS

// Level-1 BLAS on vectors. These follow IEEE semantics (NaN and infinity propagate) and only
// validate shapes; empty vectors are handled here because BLAS must never see a zero-length
// buffer whose base address may be nil.

extension Vector {
    /// The inner product xᵀy (BLAS `ddot`); 0 for empty vectors.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if the
    ///   counts differ.
    public func dot(_ other: Vector) throws(LinearAlgebraError) -> Double {
        guard other.count == count else {
            throw .dimensionMismatch(operation: "dot", expected: count, actual: other.count)
        }
        guard count > 0 else { return 0 }
        return storage.withUnsafeBufferPointer { x in
            other.storage.withUnsafeBufferPointer { y in
                cblas_ddot(count.blas, x.baseAddress, 1, y.baseAddress, 1)
            }
        }
    }

    /// The Euclidean norm ‖x‖₂ (BLAS `dnrm2`); 0 for an empty vector.
    ///
    /// Uses `dnrm2` rather than `sqrt(dot(x, x))` because `dnrm2` scales internally and so does
    /// not overflow or underflow for entries beyond about 1e±154.
    public var norm2: Double {
        guard count > 0 else { return 0 }
        return storage.withUnsafeBufferPointer { x in
            cblas_dnrm2(count.blas, x.baseAddress, 1)
        }
    }

    /// In place, `self ← self + alpha · x` (BLAS `daxpy`).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if the
    ///   counts differ; `self` is then unchanged.
    public mutating func add(_ x: Vector, scaledBy alpha: Double = 1) throws(LinearAlgebraError) {
        guard x.count == count else {
            throw .dimensionMismatch(operation: "axpy", expected: count, actual: x.count)
        }
        guard count > 0 else { return }
        let n = count.blas
        x.storage.withUnsafeBufferPointer { xp in
            storage.withUnsafeMutableBufferPointer { yp in
                cblas_daxpy(n, alpha, xp.baseAddress, 1, yp.baseAddress, 1)
            }
        }
    }

    /// Returns `self + alpha · x` (BLAS `daxpy` on a copy).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if the
    ///   counts differ.
    public func adding(_ x: Vector, scaledBy alpha: Double = 1) throws(LinearAlgebraError) -> Vector {
        var result = self
        try result.add(x, scaledBy: alpha)
        return result
    }

    /// In place, `self ← alpha · self` (BLAS `dscal`).
    ///
    /// Scaling by exactly zero is done as an ordinary multiplication, so NaN and infinity give
    /// NaN as IEEE arithmetic and reference BLAS do; some OpenBLAS versions instead write zeros,
    /// and results must not depend on which one is installed.
    public mutating func scale(by alpha: Double) {
        guard count > 0 else { return }
        let n = count.blas
        storage.withUnsafeMutableBufferPointer { xp in
            if alpha == 0 {
                for i in xp.indices { xp[i] *= alpha }
            } else {
                cblas_dscal(n, alpha, xp.baseAddress, 1)
            }
        }
    }

    /// Returns `alpha · self` (see ``scale(by:)``).
    public func scaled(by alpha: Double) -> Vector {
        var result = self
        result.scale(by: alpha)
        return result
    }
}
