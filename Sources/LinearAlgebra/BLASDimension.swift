/// The largest extent a ``Vector`` or a ``Matrix`` side may have.
///
/// Debian's OpenBLAS uses 32-bit BLAS integers (`USE_64BITINT` is off), so every count, row
/// count, column count and leading dimension handed to BLAS or LAPACK must fit in `Int32`.
/// Enforcing this once, when a value is created, lets every operation convert sizes without
/// re-checking (and without a trap deep inside a hot loop).
let maximumBLASDimension = Int(Int32.max)

extension Int {
    /// The value as a BLAS/LAPACK integer; sizes are validated at construction, so this cannot
    /// truncate.
    @inline(__always)
    var blas: Int32 { Int32(truncatingIfNeeded: self) }

    /// A valid BLAS leading dimension for a column-major array with `self` rows.
    ///
    /// BLAS and LAPACK demand `ld >= max(1, rows)` even when the matrix is empty.
    @inline(__always)
    var leadingDimension: Int32 { Int32(truncatingIfNeeded: Swift.max(1, self)) }
}
