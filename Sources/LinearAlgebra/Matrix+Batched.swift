internal import COpenBLAS

// Batched helpers for scoring many feature vectors at once on caller-owned buffers: nothing
// here allocates when the receiver and the outputs are uniquely referenced.

extension Matrix {
    /// Overwrites every entry with `source` (column-major, exactly `rows · columns` values).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if the
    ///   counts differ; `self` is then unchanged.
    public mutating func assign(columnMajor source: UnsafeBufferPointer<Double>) throws(LinearAlgebraError) {
        guard source.count == storage.count else {
            throw .dimensionMismatch(operation: "Matrix.assign", expected: storage.count, actual: source.count)
        }
        guard !source.isEmpty else { return }
        storage.withUnsafeMutableBufferPointer { target in
            target.baseAddress!.update(from: source.baseAddress!, count: source.count)
        }
    }

    /// Writes ‖column j‖² into `norms[j]` for every column (one pass over the matrix).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if
    ///   `norms.count != columns`; `norms` is then unchanged.
    public func columnSquaredNorms(into norms: inout Vector) throws(LinearAlgebraError) {
        guard norms.count == columns else {
            throw .dimensionMismatch(operation: "Matrix.columnSquaredNorms", expected: columns, actual: norms.count)
        }
        let n = rows
        storage.withUnsafeBufferPointer { a in
            norms.withUnsafeMutableBufferPointer { out in
                // Four independent partial sums per column break the add-latency chain (IEEE
                // addition is not reassociated by the compiler); the grouping is fixed, so the
                // result is deterministic. The four sums are the lanes of one SIMD4 (lane i sums
                // the entries ≡ i mod 4, the tail goes to lane 0): the same operations in the
                // same order, hence the same bits, at vector speed.
                guard let base = a.baseAddress else {
                    // No entries: every column (if any) is empty.
                    for j in out.indices { out[j] = 0 }
                    return
                }
                for j in 0..<columns {
                    out[j] = Matrix.squaredNorm(base + j * n, count: n)
                }
            }
        }
    }

    /// For every column j: `widths[j] = ‖column j‖` (the square root of the sum
    /// ``columnSquaredNorms(into:)`` forms, bit for bit) and `scores[j] += alpha · widths[j]`, in
    /// one pass; returns whether every resulting score is finite (v − v is 0 for finite v and NaN
    /// otherwise, and NaN survives the sum). The last pass of batched optimistic scoring, kept
    /// here, non-generic, so that a caller in another module pays no generic dispatch per call.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` unless
    ///   `widths` and `scores` both hold `columns` values; nothing is written then.
    public func addScaledColumnNorms(alpha: Double, widths: inout Vector, to scores: inout Vector) throws(LinearAlgebraError) -> Bool {
        guard widths.count == columns, scores.count == columns else {
            throw .dimensionMismatch(operation: "Matrix.addScaledColumnNorms", expected: columns, actual: widths.count == columns ? scores.count : widths.count)
        }
        let n = rows
        var nonFinite = 0.0
        storage.withUnsafeBufferPointer { y in
            widths.storage.withUnsafeMutableBufferPointer { w in
                scores.storage.withUnsafeMutableBufferPointer { p in
                    guard var column = y.baseAddress else {
                        // No rows: every width is 0.
                        for j in 0..<columns { w[j] = 0; nonFinite += p[j] - p[j] }
                        return
                    }
                    for j in 0..<columns {
                        let width = Matrix.squaredNorm(column, count: n).squareRoot()
                        column += n
                        w[j] = width
                        let score = p[j] + alpha * width
                        p[j] = score
                        nonFinite += score - score
                    }
                }
            }
        }
        return nonFinite == 0
    }

    /// ‖v‖² of `count` contiguous values, summed as ``columnSquaredNorms(into:)`` sums each
    /// column (the same operations in the same order, hence the same bits), for callers that
    /// fuse more work into their pass over a matrix's columns.
    @inlinable @inline(__always)
    public static func squaredNorm(_ column: UnsafePointer<Double>, count n: Int) -> Double {
        // Wrapping bookkeeping: n is a buffer's count, so i + 4 cannot overflow.
        var sums = SIMD4<Double>(repeating: 0)
        var p = column
        let quads = n >> 2
        var q = 0
        while q < quads {
            let v = UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
            sums += v * v
            p += 4
            q &+= 1
        }
        var s0 = sums[0]
        let s1 = sums[1], s2 = sums[2], s3 = sums[3]
        var i = quads &<< 2
        while i < n {
            let v = column[i]
            s0 += v * v
            i &+= 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// In place, `self ← beta · self + alpha · a aᵀ` for a symmetric `self` (BLAS `dsyrk`, lower),
    /// then mirrors the lower triangle so the result is exactly symmetric bit for bit.
    ///
    /// `a` is `rows × n`: each of its n columns contributes one rank-one term, which is how a
    /// Gram or Hessian matrix Σ wᵢ xᵢ xᵢᵀ is formed at level-3 speed (scale the columns by √wᵢ
    /// first). Only the lower triangle of `self` is read.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `self`
    ///   is not square or `a.rows != rows`; `self` is then unchanged.
    public mutating func symmetricRankKUpdate(_ a: Matrix, alpha: Double = 1, beta: Double = 1) throws(LinearAlgebraError) {
        guard isSquare else {
            throw .dimensionMismatch(operation: "symmetricRankKUpdate square", expected: rows, actual: columns)
        }
        guard a.rows == rows else {
            throw .dimensionMismatch(operation: "symmetricRankKUpdate a", expected: rows, actual: a.rows)
        }
        let n = rows
        guard n > 0 else { return }
        let k = a.columns
        a.storage.withUnsafeBufferPointer { ap in
            storage.withUnsafeMutableBufferPointer { cp in
                if k > 0 {
                    cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, n.blas, k.blas, alpha, ap.baseAddress, n.leadingDimension, beta, cp.baseAddress, n.leadingDimension)
                } else if beta != 1 {
                    for j in 0..<n { for i in j..<n { cp[i + j * n] *= beta } }
                }
                for j in 0..<n {
                    for i in (j + 1)..<n { cp[j + i * n] = cp[i + j * n] }
                }
            }
        }
    }

    /// In place, `lower(self) ← lower(self) + alpha · lower(x xᵀ)` (BLAS `dsyr`), touching only
    /// the lower triangle (diagonal included); the strictly upper triangle is left as it was.
    ///
    /// For a symmetric matrix stored by its lower triangle — the half LAPACK's `dpotrf` reads —
    /// this is ``symmetricRankOneUpdate(_:alpha:)`` without the O(d²) mirroring pass; use
    /// ``mirroringLowerTriangle()`` to obtain the full, exactly symmetric matrix when needed.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `self`
    ///   is not square or `x.count != rows`; `self` is then unchanged.
    public mutating func symmetricRankOneUpdateLower(_ x: Vector, alpha: Double = 1) throws(LinearAlgebraError) {
        guard isSquare else {
            throw .dimensionMismatch(operation: "symmetricRankOneUpdateLower square", expected: rows, actual: columns)
        }
        guard x.count == rows else {
            throw .dimensionMismatch(operation: "symmetricRankOneUpdateLower x", expected: rows, actual: x.count)
        }
        let n = rows
        guard n > 0 else { return }
        x.withUnsafeBufferPointer { xp in
            storage.withUnsafeMutableBufferPointer { ap in
                cblas_dsyr(CblasColMajor, CblasLower, n.blas, alpha, xp.baseAddress, 1, ap.baseAddress, n.leadingDimension)
            }
        }
    }

    /// A copy whose strictly upper triangle is a bitwise copy of the lower one: exactly
    /// symmetric. Precondition: `self` is square.
    public func mirroringLowerTriangle() -> Matrix {
        precondition(isSquare, "mirroringLowerTriangle: matrix must be square")
        var result = self
        let n = rows
        result.storage.withUnsafeMutableBufferPointer { ap in
            for j in 0..<n {
                for i in (j + 1)..<n { ap[j + i * n] = ap[i + j * n] }
            }
        }
        return result
    }
}
