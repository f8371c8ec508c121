/// Why a report could not be written.
///
/// Reports are written at the end of a possibly long study; a full disk or a mistyped output
/// path must surface as an error the caller can print and recover from (for instance by writing
/// elsewhere), never as a crash that loses the results still held in memory.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A directory or file at `path` could not be created or written; `reason` is the
    /// underlying system's explanation.
    case cannotWrite(path: String, reason: String)

    /// One line for a CLI's error message, naming the path first because that is what a user
    /// has to change.
    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        }
    }
}
