#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import COpenBLAS
internal import CLinearKernels

extension CholeskyFactor {
    /// Updates the factor in place so that it factorises A + x xᵀ, in O(d²) instead of the
    /// O(d³) of refactorising.
    ///
    /// Algorithm: the LINPACK `dchud` update (Dongarra, Bunch, Moler & Stewart, *LINPACK Users'
    /// Guide*, SIAM 1979, ch. 10; also Golub & Van Loan, *Matrix Computations*, 4th ed., §6.5.4).
    /// Since [L x][L x]ᵀ = L Lᵀ + x xᵀ, a sequence of d plane (Givens) rotations applied from the
    /// right to the columns (Lₖ, w), w starting as x, annihilates w one entry at a time while
    /// keeping L lower triangular. Each rotation has c = Lₖₖ/r and s = wₖ/r with
    /// r = √(Lₖₖ² + wₖ²) (hypot's scaling where the squares would leave the double range), so |c|, |s| ≤ 1: the update is backward stable, no intermediate can
    /// overflow before the result itself would, and the new diagonal r ≥ Lₖₖ > 0 keeps the
    /// factor positive definite after any number of updates, including repeated or collinear
    /// x. (The "hyperbolic" variant needed for downdates is deliberately not offered.)
    ///
    /// The loop is plain Swift rather than BLAS `drot`: for bandit dimensions (tens) call
    /// overhead would dominate, and Swift does not contract to fused multiply-adds, so results
    /// are bit-identical on every CPU whatever kernel OpenBLAS picked. Scratch space comes from
    /// `withUnsafeTemporaryAllocation` (the stack when possible), so an update does not
    /// allocate on the heap.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if
    ///   `x.count != dimension`, ``LinearAlgebraError/nonFinite(operation:)`` if `x` contains NaN
    ///   or infinity. The factor is unchanged when an error is thrown.
    public mutating func rankOneUpdate(_ x: Vector) throws(LinearAlgebraError) {
        try validateUpdate(x, operation: "CholeskyFactor.rankOneUpdate")
        let n = dimension
        guard n > 0 else { return }
        lower.withUnsafeMutableBufferPointer { l in
            Self.applyRotations(x, to: l, inverseTransposed: nil, dimension: n)
        }
    }

    /// Updates the factor in place so that it factorises A + x xᵀ (exactly as
    /// ``rankOneUpdate(_:)``, bit for bit) and applies the same rotations to
    /// `inverseTransposed`, U ≈ L⁻ᵀ, so that it then approximates the new L⁻ᵀ — in O(d²).
    ///
    /// Why this is the inverse: write M = [L x] (d × (d+1)) and N = [L⁻¹; 0ᵀ] ((d+1) × d), so
    /// MN = I. The update finds an orthogonal G (the product of the d rotations) with
    /// MG = [L' 0]; then (MG)(GᵀN) = I, and since the last column of MG is zero, L' times the
    /// first d rows of GᵀN is I: those rows are L'⁻¹. Applying Gᵀ to the rows of N is applying
    /// each rotation to row k of L⁻¹ (column k of U) and one extra row that starts at zero.
    /// Rounding: the computed rotations are exact for inputs perturbed by ‖ΔM‖_F ≤ d·γ₆‖M‖_F
    /// and ‖ΔN‖_F ≤ d·γ₆‖N‖_F (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.,
    /// SIAM 2002, Lemmas 19.8–19.9), so the residual ‖L'U'ᵀ − I‖_F grows by at most
    /// about 2d·γ₆‖M‖_F‖N‖_F per update: additively, which is why callers refresh U from a
    /// fresh factor (``inverseTransposed()``) periodically.
    ///
    /// U stays upper triangular (row k of L⁻¹ only mixes with the extra row, which is zero
    /// beyond column k − 1 at that point), and nothing allocates on the heap.
    ///
    /// U's rotations go through BLAS `drot` (one call per column, AVX/FMA kernels where the CPU
    /// has them), unlike L's plain-Swift ones: U is a cache whose last bits no state depends on,
    /// so its arithmetic may follow the kernel OpenBLAS picked, while L's must not (it is
    /// encoded and compared). A fused multiply-add only removes roundings, so the bound above
    /// holds as stated; OpenBLAS's `drot` treats every entry alike whatever the buffer's
    /// alignment, so results stay deterministic. At d = 100 this halves the update's rotation
    /// cost; at d = 20 the call overhead roughly matches the Swift loop's tails.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if
    ///   `x.count` or the shape of `inverseTransposed` differs from d (× d),
    ///   ``LinearAlgebraError/nonFinite(operation:)`` if `x` contains NaN or infinity. Neither
    ///   the factor nor `inverseTransposed` changes when an error is thrown.
    public mutating func rankOneUpdate(_ x: Vector, inverseTransposed u: inout Matrix) throws(LinearAlgebraError) {
        let operation = "CholeskyFactor.rankOneUpdate(_:inverseTransposed:)"
        try validateUpdate(x, operation: operation)
        guard u.rows == dimension, u.columns == dimension else {
            throw .dimensionMismatch(operation: "\(operation) inverse", expected: dimension, actual: u.rows == dimension ? u.columns : u.rows)
        }
        guard dimension > 0 else { return }
        let n = dimension
        lower.withUnsafeMutableBufferPointer { l in
            u.withUnsafeMutableBufferPointer { up in
                Self.applyRotations(x, to: l, inverseTransposed: up, dimension: n)
            }
        }
    }

    /// Updates the factor and `inverseTransposed` exactly as
    /// ``rankOneUpdate(_:inverseTransposed:)`` (bit for bit), and carries a whitened right-hand
    /// side along: given z = L⁻¹b on entry, z holds L'⁻¹(b + r·x) on return, in O(d) more.
    ///
    /// Why: with M = [L x] and the update's orthogonal G (MG = [L' 0]), M·[z; r] = Lz + r·x =
    /// b + r·x, so b + r·x = (MG)(Gᵀ[z; r]) = L'·(first d entries of Gᵀ[z; r]). Applying Gᵀ to
    /// [z; r] is applying each rotation k to (zₖ, e), e starting as r — the same arithmetic as
    /// for a column of U. For ridge regression (b = Σ r x) this keeps L⁻¹b current through every
    /// update without a triangular solve; rotations are orthogonal, so each update adds at most
    /// about d·γ₆‖[z; r]‖ of rounding to z (Higham 2002, Lemma 19.8), which callers bound by
    /// recomputing z = L⁻¹b whenever they refactorise.
    ///
    /// - Throws: as ``rankOneUpdate(_:inverseTransposed:)``, and
    ///   ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if `z.count != d`,
    ///   ``LinearAlgebraError/nonFinite(operation:)`` if `r` is not finite. Nothing changes when
    ///   an error is thrown.
    public mutating func rankOneUpdate(
        _ x: Vector, inverseTransposed u: inout Matrix, whitenedRightHandSide z: inout Vector, weight r: Double
    ) throws(LinearAlgebraError) {
        let operation = "CholeskyFactor.rankOneUpdate(_:inverseTransposed:whitenedRightHandSide:weight:)"
        try validateUpdate(x, operation: operation)
        guard u.rows == dimension, u.columns == dimension else {
            throw .dimensionMismatch(operation: "\(operation) inverse", expected: dimension, actual: u.rows == dimension ? u.columns : u.rows)
        }
        guard z.count == dimension else {
            throw .dimensionMismatch(operation: "\(operation) right-hand side", expected: dimension, actual: z.count)
        }
        guard r.isFinite else { throw .nonFinite(operation: operation) }
        guard dimension > 0 else { return }
        let n = dimension
        lower.withUnsafeMutableBufferPointer { l in
            u.withUnsafeMutableBufferPointer { up in
                z.withUnsafeMutableBufferPointer { zp in
                    Self.applyRotations(x, to: l, inverseTransposed: up, carrying: zp.baseAddress!, weight: r, dimension: n)
                }
            }
        }
    }

    private func validateUpdate(_ x: Vector, operation: String) throws(LinearAlgebraError) {
        guard x.count == dimension else {
            throw .dimensionMismatch(operation: operation, expected: dimension, actual: x.count)
        }
        guard x.allSatisfy(\.isFinite) else { throw .nonFinite(operation: operation) }
    }

    /// The shared rotation loop; `u`, when given, receives the same rotations on its columns
    /// (rows of L⁻¹) and an extra zero-initialised vector, and `carried`, when given, on its
    /// entries and an extra value starting at `weight`. The arithmetic on L is the same with or
    /// without them, so every entry point gives bit-identical factors.
    private static func applyRotations(
        _ x: Vector, to l: UnsafeMutableBufferPointer<Double>, inverseTransposed u: UnsafeMutableBufferPointer<Double>?,
        carrying carried: UnsafeMutablePointer<Double>? = nil, weight: Double = 0, dimension n: Int
    ) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { scratch in
            let w = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
            // The extra row of the rotated [L⁻¹; 0ᵀ]; before rotation k only its first k
            // entries can be non-zero.
            let extra = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n)])
            x.withUnsafeBufferPointer { xp in
                _ = w.initialize(fromContentsOf: xp)
            }
            extra.initialize(repeating: 0)
            var carriedExtra = weight
            let wideRotations = banditkit_rotate_available() != 0
            for k in 0..<n {
                let wk = w[k]
                // A zero entry means the rotation is the identity; skipping it is exact and
                // makes sparse (e.g. one-hot) contexts cheap.
                if wk == 0 { continue }
                let column = k * n
                let lkk = l[k + column]
                // √(a² + b²) directly when neither square can overflow or underflow (a
                // correctly rounded square root, as deterministic as hypot and several
                // times cheaper); hypot's scaling only for extreme magnitudes.
                let magnitude = Swift.max(lkk.magnitude, wk.magnitude)
                let smaller = Swift.min(lkk.magnitude, wk.magnitude)
                let r = magnitude < 0x1p500 && smaller > 0x1p-500
                    ? (lkk * lkk + wk * wk).squareRoot()
                    : hypot(lkk, wk)
                let c = lkk / r
                let s = wk / r
                l[k + column] = r
                // Elementwise, so four lanes at a time give the same bits as one at a time:
                // one AVX instruction per operation where the CPU has it, else two SSE2 halves.
                if wideRotations {
                    _ = banditkit_rotate(l.baseAddress! + column + k + 1, w.baseAddress! + k + 1, n - k - 1, c, s)
                } else {
                    let cs = SIMD4<Double>(repeating: c), ss = SIMD4<Double>(repeating: s)
                    rotate(l.baseAddress! + column, w.baseAddress!, from: k + 1, to: n, c: c, s: s, cs: cs, ss: ss)
                }
                // Row k of L⁻¹ (column k of U, entries 0...k) and the extra row.
                if let u {
                    cblas_drot((k + 1).blas, u.baseAddress! + column, 1, extra.baseAddress!, 1, c, s)
                }
                if let carried {
                    let zk = carried[k]
                    carried[k] = c * zk + s * carriedExtra
                    carriedExtra = c * carriedExtra - s * zk
                }
            }
        }
    }
}

/// (a, b) ← (c·a + s·b, c·b − s·a) on entries `start..<end` of two vectors: one plane rotation,
/// four lanes at a time then a scalar tail (identical arithmetic per entry).
@inline(__always)
private func rotate(
    _ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, from start: Int, to end: Int,
    c: Double, s: Double, cs: SIMD4<Double>, ss: SIMD4<Double>
) {
    // Indices stay within start...end ≤ d, so wrapping arithmetic cannot wrap; it spares the
    // overflow checks in the loops' bookkeeping.
    var i = start
    while i &+ 4 <= end {
        let ai = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD4<Double>.self)
        let bi = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(a + i).storeBytes(of: cs * ai + ss * bi, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(b + i).storeBytes(of: cs * bi - ss * ai, as: SIMD4<Double>.self)
        i &+= 4
    }
    while i < end {
        let ai = a[i], bi = b[i]
        a[i] = c * ai + s * bi
        b[i] = c * bi - s * ai
        i &+= 1
    }
}
