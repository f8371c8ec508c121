internal import CLinearKernels

extension Matrix {
    /// Whether ``fusedTriangularScores(features:weights:alpha:scratch:widths:into:)`` runs on
    /// this CPU (x86-64 with AVX2 and FMA enabled by the operating system); decided once per
    /// process, so a process never mixes the fused and the BLAS results.
    public static var fusedTriangularScoresAvailable: Bool {
        banditkit_triangular_scores_available() != 0
    }

    /// Optimistic scores against the upper triangle U of `self` (d × d; the strictly lower
    /// triangle is never read), in one fused pass: for every column x_a of `features` (d × K),
    /// with y_a = Uᵀx_a,
    ///
    ///     widths[a] = ‖y_a‖,    scores[a] = cᵀy_a + alpha · widths[a],
    ///
    /// without forming Y = UᵀX. This is ``multiplyTriangular(_:_:overwriting:)`` (upper,
    /// transposed) followed by a `gemv` with c and a column-norms pass, less the copy of X and
    /// BLAS's packing of both operands, which dominate at bandit sizes (d in the tens, K arms).
    ///
    /// The kernel is chosen at run time, as OpenBLAS chooses its own: on a CPU without it this
    /// returns `nil` and writes nothing, and the caller takes the BLAS route. Each entry of y_a
    /// is a sum of fused multiply-adds in ascending j; each arm's sums are ordered by d alone
    /// (never by K, the arm's position or a thread count), so the result is deterministic and
    /// every score is within the usual dot-product bound γ_d·Σ|terms| of its exact value.
    ///
    /// - Returns: whether every score is finite (a NaN or ±∞ anywhere in a column makes that
    ///   arm's score non-finite whenever U's diagonal is finite and non-zero), or `nil` when the
    ///   fused kernel is unavailable here.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` unless
    ///   `self` is d × d, `features` has d rows, `weights` holds d values, `scratch` serves d,
    ///   and `widths` and `scores` hold one value per column; nothing is written then.
    public func fusedTriangularScores(
        features: Matrix, weights: Vector, alpha: Double, scratch: inout TriangularScoringScratch,
        widths: inout Vector, into scores: inout Vector
    ) throws(LinearAlgebraError) -> Bool? {
        // The factor, weights and scratch are checked by the raw-columns form.
        guard features.rows == rows else {
            throw .dimensionMismatch(operation: "fusedTriangularScores features", expected: rows, actual: features.rows)
        }
        let k = features.columns
        guard widths.count == k else {
            throw .dimensionMismatch(operation: "fusedTriangularScores widths", expected: k, actual: widths.count)
        }
        guard scores.count == k else {
            throw .dimensionMismatch(operation: "fusedTriangularScores scores", expected: k, actual: scores.count)
        }
        return try features.storage.withUnsafeBufferPointer { (x) throws(LinearAlgebraError) -> Bool? in
            try widths.storage.withUnsafeMutableBufferPointer { (w) throws(LinearAlgebraError) -> Bool? in
                try scores.storage.withUnsafeMutableBufferPointer { (s) throws(LinearAlgebraError) -> Bool? in
                    try fusedTriangularScores(columns: x, weights: weights, alpha: alpha, scratch: &scratch, widths: w, scores: s)
                }
            }
        }
    }

    /// ``fusedTriangularScores(features:weights:alpha:scratch:widths:into:)`` for features given
    /// as raw column-major storage: `columns` holds k = `widths.count` columns of d values each
    /// (a slice of a larger feature matrix, say, one arm's column), so no copy is needed.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` unless
    ///   `self` is d × d, `weights` holds d values, `scratch` serves d, `scores` holds as many
    ///   values as `widths`, and `columns` holds d times that many; nothing is written then.
    public func fusedTriangularScores(
        columns: UnsafeBufferPointer<Double>, weights: Vector, alpha: Double, scratch: inout TriangularScoringScratch,
        widths: UnsafeMutableBufferPointer<Double>, scores: UnsafeMutableBufferPointer<Double>
    ) throws(LinearAlgebraError) -> Bool? {
        let d = rows, k = widths.count
        guard isSquare else {
            throw .dimensionMismatch(operation: "fusedTriangularScores square", expected: rows, actual: self.columns)
        }
        guard weights.count == d else {
            throw .dimensionMismatch(operation: "fusedTriangularScores weights", expected: d, actual: weights.count)
        }
        guard scratch.dimension == d else {
            throw .dimensionMismatch(operation: "fusedTriangularScores scratch", expected: d, actual: scratch.dimension)
        }
        guard scores.count == k else {
            throw .dimensionMismatch(operation: "fusedTriangularScores scores", expected: k, actual: scores.count)
        }
        guard columns.count == d * k else {
            throw .dimensionMismatch(operation: "fusedTriangularScores columns", expected: d * k, actual: columns.count)
        }
        guard Self.fusedTriangularScoresAvailable else { return nil }
        guard k > 0 else { return true }
        guard d > 0 else {
            // Empty features: y_a = 0, so every width and mean is 0.
            widths.update(repeating: 0)
            scores.update(repeating: 0)
            return true
        }
        let status = storage.withUnsafeBufferPointer { u in
            weights.storage.withUnsafeBufferPointer { c in
                scratch.storage.withUnsafeMutableBufferPointer { packed in
                    banditkit_triangular_scores(
                        d, k, u.baseAddress, columns.baseAddress, c.baseAddress, alpha,
                        packed.baseAddress, widths.baseAddress, scores.baseAddress)
                }
            }
        }
        return status < 0 ? nil : status == 1
    }
}
