/// Why a snapshot could not be written or read. Each case names the problem precisely enough
/// for an operator to act on it (restore an older file, upgrade the binary, …).
public enum SnapshotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input is larger than the configured limit; nothing was parsed.
    case tooLarge(bytes: Int, limit: Int)
    /// The first line is not a snapshot header of this format (wrong file, or not JSON).
    case notASnapshot(reason: String)
    /// Written by a newer BanditKit whose format this one cannot read.
    case unsupportedVersion(found: Int, newestSupported: Int)
    /// The header names a policy type that no registry entry knows.
    case unknownPolicyType(name: String, known: [String])
    /// The snapshot holds a different policy type than the one asked for.
    case policyTypeMismatch(expected: String, found: String)
    /// Fewer (truncated) or more bytes of state than the header announced.
    case lengthMismatch(expected: Int, actual: Int)
    /// The state's bytes do not hash to the header's checksum (corrupted in storage or transit).
    case checksumMismatch(expected: String, actual: String)
    /// The state parsed but is not a valid state of the policy type: `path` is the dotted
    /// coding path of the offending field.
    case invalidState(path: String, reason: String)
    /// The policy's state could not be encoded (e.g. a value the format cannot represent).
    case encodingFailed(reason: String)

    public var description: String {
        switch self {
        case let .tooLarge(bytes, limit):
            return "snapshot of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case let .notASnapshot(reason):
            return "not a BanditKit policy snapshot: \(reason)"
        case let .unsupportedVersion(found, newest):
            return "snapshot format version \(found) is newer than the newest this build reads (\(newest)); upgrade BanditKit"
        case let .unknownPolicyType(name, known):
            return "unknown policy type '\(name)' (known: \(known.joined(separator: ", ")))"
        case let .policyTypeMismatch(expected, found):
            return "snapshot holds a \(found), expected a \(expected)"
        case let .lengthMismatch(expected, actual):
            return actual < expected
                ? "snapshot truncated: header announces \(expected) bytes of state, found \(actual)"
                : "snapshot has \(actual) bytes of state, header announces \(expected)"
        case let .checksumMismatch(expected, actual):
            return "snapshot corrupted: state checksum is \(actual), header says \(expected)"
        case let .invalidState(path, reason):
            return "invalid snapshot state at '\(path)': \(reason)"
        case let .encodingFailed(reason):
            return "cannot encode snapshot: \(reason)"
        }
    }
}
