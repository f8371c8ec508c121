#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

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
        let operation = "CholeskyFactor.rankOneUpdate"
        let n = dimension
        guard x.count == n else {
            throw .dimensionMismatch(operation: operation, expected: n, actual: x.count)
        }
        guard x.allSatisfy(\.isFinite) else { throw .nonFinite(operation: operation) }
        guard n > 0 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { w in
            x.withUnsafeBufferPointer { xp in
                _ = w.initialize(fromContentsOf: xp)
            }
            lower.withUnsafeMutableBufferPointer { l in
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
                    var i = k + 1
                    while i < n {
                        let lik = l[i + column]
                        let wi = w[i]
                        l[i + column] = c * lik + s * wi
                        w[i] = c * wi - s * lik
                        i += 1
                    }
                }
            }
        }
    }
}
