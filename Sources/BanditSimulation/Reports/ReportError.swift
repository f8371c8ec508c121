/// Why a report could not be written or read back.
///
/// Reports are written at the end of a possibly long study; a full disk or a mistyped output
/// path must surface as an error the caller can print and recover from (for instance by writing
/// elsewhere), never as a crash that loses the results still held in memory. Reading a result
/// back (to merge shards) meets files edited, truncated or mixed up by hand, and says which.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A directory or file at `path` could not be created or written; `reason` is the
    /// underlying system's explanation.
    case cannotWrite(path: String, reason: String)
    /// A file at `path` could not be read.
    case cannotRead(path: String, reason: String)
    /// A file at `path` is not what BanditKit writes there; `line` is 1-based when known.
    case malformedFile(path: String, line: Int?, reason: String)
    /// Results that are not parts of one study, or parts that do not cover it exactly once.
    case shardsDoNotMerge(reason: String)

    /// One line for a CLI's error message, naming the path first because that is what a user
    /// has to change.
    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        case let .cannotRead(path, reason): "cannot read \(path): \(reason)"
        case let .malformedFile(path, line?, reason): "\(path):\(line): \(reason)"
        case let .malformedFile(path, nil, reason): "\(path): \(reason)"
        case let .shardsDoNotMerge(reason): "the results do not merge: \(reason)"
        }
    }
}
