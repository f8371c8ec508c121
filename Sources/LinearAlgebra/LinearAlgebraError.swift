/// Why a linear-algebra operation refused to run or could not finish.
///
/// Every public entry point reports bad input through this type instead of trapping, so a
/// caller (for example a bandit policy fed by user data) can surface a typed error and keep its
/// state. Whenever an operation throws, the values it was asked to mutate are left unchanged.
///
/// The pure BLAS wrappers on ``Vector`` and ``Matrix`` follow IEEE semantics for NaN and
/// infinity (they only validate shapes); ``CholeskyFactor`` additionally rejects non-finite
/// input, because a factor is long-lived state that a single NaN would poison for good.
public enum LinearAlgebraError: Error, Equatable, Sendable {
    /// Two operands have incompatible shapes.
    ///
    /// `operation` names the call and the operand that was checked, `expected` is the size the
    /// other operands imply and `actual` is the size that was passed.
    case dimensionMismatch(operation: String, expected: Int, actual: Int)

    /// The matrix handed to a Cholesky factorisation is not (numerically) positive definite.
    ///
    /// `leadingMinor` is the 1-based order of the first leading principal minor that is not
    /// positive, exactly as LAPACK's `dpotrf` reports it in `info`.
    case notPositiveDefinite(leadingMinor: Int)

    /// An input contained NaN or ±infinity, or an intermediate result overflowed.
    case nonFinite(operation: String)

    /// A triangular system has an exact zero on its diagonal, so it has no unique solution.
    ///
    /// `diagonalIndex` is 0-based.
    case singular(operation: String, diagonalIndex: Int)

    /// LAPACK rejected an argument (`info < 0`) or failed in a way that has no more specific case.
    ///
    /// This indicates a bug in this module rather than bad user input, but it is still reported
    /// as an error (never an assertion) so release builds cannot silently continue.
    case lapackFailure(routine: String, info: Int32)
}

extension LinearAlgebraError: CustomStringConvertible {
    /// A one-line message suitable for a command-line error report.
    public var description: String {
        switch self {
        case let .dimensionMismatch(operation, expected, actual):
            return "\(operation): dimension mismatch (expected \(expected), got \(actual))"
        case let .notPositiveDefinite(leadingMinor):
            return "matrix is not positive definite (leading minor of order \(leadingMinor))"
        case let .nonFinite(operation):
            return "\(operation): non-finite value (NaN or infinity)"
        case let .singular(operation, diagonalIndex):
            return "\(operation): triangular matrix is singular (zero at diagonal index \(diagonalIndex))"
        case let .lapackFailure(routine, info):
            return "LAPACK \(routine) failed with info = \(info)"
        }
    }
}
