internal import COpenBLAS

/// Which triangle of a square matrix an operation reads, as in BLAS's `UPLO` argument.
public enum Triangle: Sendable, Hashable, CaseIterable {
    /// The diagonal and the entries below it.
    case lower
    /// The diagonal and the entries above it.
    case upper

    var cblas: CBLAS_UPLO {
        switch self {
        case .lower: return CblasLower
        case .upper: return CblasUpper
        }
    }
}
