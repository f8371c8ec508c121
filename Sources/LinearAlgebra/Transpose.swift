internal import COpenBLAS

/// Whether a matrix operand is used as stored or transposed, as in BLAS's `TRANS` argument.
///
/// An explicit enum (rather than a `Bool`) keeps call sites such as
/// `a.gemv(.transpose, x: x, into: &y)` readable and mirrors the BLAS vocabulary.
public enum Transpose: Sendable, Hashable, CaseIterable {
    /// Use the matrix as stored: op(A) = A.
    case noTranspose
    /// Use the transpose without forming it: op(A) = Aᵀ.
    case transpose

    var cblas: CBLAS_TRANSPOSE {
        switch self {
        case .noTranspose: return CblasNoTrans
        case .transpose: return CblasTrans
        }
    }
}
