import BanditCore
import Foundation

/// The versioned, self-describing snapshot format for every ``SnapshottablePolicy``.
///
/// A snapshot is two parts separated by the first newline:
///
/// ```
/// {"checksum":"fnv1a64:…","family":"k-armed","format":"banditkit-policy-snapshot","policyType":"UCB1","specification":"ucb1(alpha=1)","stateLength":412,"version":1}
/// {…the policy's Codable state, random generator included…}
/// ```
///
/// The header is read first and on its own, so an unknown format, a newer version or an unknown
/// policy type is reported before the state is parsed. The state's exact bytes carry a length
/// and a checksum: truncation and corruption are detected without trusting the state's
/// contents, and nothing is ever allocated from a size the input merely claims (decoders compare
/// claimed shapes with the data actually present). Version 1 files are frozen: fixtures of them
/// are tested forever, and a later format must keep reading them.
public enum PolicySnapshot {
    /// The `format` field of every snapshot.
    public static let formatName = "banditkit-policy-snapshot"
    /// The version this build writes; it reads every version up to this one.
    public static let currentVersion = 1
    /// The default bound on a snapshot's size (64 MiB): a LinUCB with d = 1000 takes ≈ 40 MB.
    public static let defaultMaximumBytes = 64 << 20
    /// The longest header line accepted.
    static let maximumHeaderBytes = 64 << 10

    /// The first line of a snapshot.
    public struct Header: Codable, Hashable, Sendable {
        /// Always ``PolicySnapshot/formatName``.
        public var format: String
        /// The format version the file was written with.
        public var version: Int
        /// The ``SnapshottablePolicy/snapshotTypeName`` of the policy.
        public var policyType: String
        /// The policy's family.
        public var family: PolicyFamily
        /// How the policy was configured, e.g. `ucb1(alpha=1)`, when the writer said so.
        public var specification: String?
        /// Bytes of state after the header line.
        public var stateLength: Int
        /// ``FNV1a64`` of those bytes.
        public var checksum: String
    }

    /// Encodes `policy` with its configuration `specification` (informational: the state is
    /// complete without it).
    public static func encode<P: SnapshottablePolicy>(_ policy: P, specification: String? = nil) throws(SnapshotError) -> Data {
        let state: Data
        do { state = try makeEncoder().encode(policy) } catch {
            throw .encodingFailed(reason: "\(error)")
        }
        let header = Header(
            format: formatName, version: currentVersion, policyType: P.snapshotTypeName, family: P.family,
            specification: specification, stateLength: state.count, checksum: FNV1a64.tag(state))
        var data: Data
        do { data = try makeEncoder().encode(header) } catch {
            throw .encodingFailed(reason: "\(error)")
        }
        data.append(UInt8(ascii: "\n"))
        data.append(state)
        return data
    }

    /// Reads and checks the header and the state's integrity, returning the header and the
    /// state's bytes.
    public static func open(_ data: Data, maximumBytes: Int = defaultMaximumBytes) throws(SnapshotError) -> (header: Header, state: Data) {
        guard data.count <= maximumBytes else { throw .tooLarge(bytes: data.count, limit: maximumBytes) }
        let searchEnd = data.index(data.startIndex, offsetBy: min(data.count, maximumHeaderBytes))
        guard let newline = data[data.startIndex..<searchEnd].firstIndex(of: UInt8(ascii: "\n")) else {
            throw .notASnapshot(reason: data.isEmpty ? "empty input" : "no header line in the first \(maximumHeaderBytes) bytes")
        }
        let headerBytes = data[data.startIndex..<newline]
        // Format and version are checked before the other fields, so that a future version
        // whose header changed shape still gets the "newer version" message.
        struct Probe: Decodable { var format: String?; var version: Int? }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: headerBytes) else {
            throw .notASnapshot(reason: "the first line is not a JSON header")
        }
        guard probe.format == formatName else {
            throw .notASnapshot(reason: "format is \(probe.format.map { "'\($0)'" } ?? "missing"), expected '\(formatName)'")
        }
        guard let version = probe.version, version >= 1 else {
            throw .notASnapshot(reason: "missing or invalid version")
        }
        guard version <= currentVersion else { throw .unsupportedVersion(found: version, newestSupported: currentVersion) }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: headerBytes) } catch {
            throw .invalidState(path: "header." + path(of: error), reason: reason(of: error))
        }
        let state = data[data.index(after: newline)...]
        guard state.count == header.stateLength else {
            throw .lengthMismatch(expected: header.stateLength, actual: state.count)
        }
        let checksum = FNV1a64.tag(state)
        guard checksum == header.checksum else { throw .checksumMismatch(expected: header.checksum, actual: checksum) }
        return (header, Data(state))
    }

    /// Restores a policy of a known type.
    /// - Throws: ``SnapshotError/policyTypeMismatch(expected:found:)`` if the snapshot holds
    ///   another type, or any integrity error of ``open(_:maximumBytes:)``.
    public static func decode<P: SnapshottablePolicy>(_ type: P.Type, from data: Data, maximumBytes: Int = defaultMaximumBytes) throws(SnapshotError) -> P {
        let (header, state) = try open(data, maximumBytes: maximumBytes)
        guard header.policyType == P.snapshotTypeName else {
            throw .policyTypeMismatch(expected: P.snapshotTypeName, found: header.policyType)
        }
        return try decodeState(P.self, from: state)
    }

    /// Decodes the state, then checks its invariants (``DecodedStateValidating``): a state
    /// that parses but could not have been written by the policy is rejected here, naming the
    /// field, rather than trapping later.
    static func decodeState<P: SnapshottablePolicy>(_ type: P.Type, from state: Data) throws(SnapshotError) -> P {
        let policy: P
        do { policy = try makeDecoder().decode(P.self, from: state) } catch {
            throw .invalidState(path: path(of: error), reason: reason(of: error))
        }
        do { try policy.validateDecodedState() } catch { throw .invalidState(path: error.path, reason: error.reason) }
        return policy
    }

    // Non-finite values occur in legitimate states (e.g. an index of +∞ for an unexplored
    // arm), so they are written as strings rather than rejected. Keys are sorted so that the
    // same state always gives the same bytes.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    static func path(of error: any Error) -> String {
        let codingPath: [any CodingKey]
        switch error as? DecodingError {
        case let .dataCorrupted(context)?, let .keyNotFound(_, context)?, let .typeMismatch(_, context)?, let .valueNotFound(_, context)?:
            codingPath = context.codingPath
            if case let .keyNotFound(key, _)? = error as? DecodingError {
                return (codingPath + [key]).map(\.pathComponent).joined(separator: ".")
            }
        default:
            codingPath = []
        }
        let path = codingPath.map(\.pathComponent).joined(separator: ".")
        return path.isEmpty ? "(root)" : path
    }

    static func reason(of error: any Error) -> String {
        switch error as? DecodingError {
        case let .dataCorrupted(context)?: return context.debugDescription
        case let .keyNotFound(key, _)?: return "missing field '\(key.stringValue)'"
        case let .typeMismatch(type, context)?: return "expected \(type): \(context.debugDescription)"
        case let .valueNotFound(type, context)?: return "missing \(type): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}

extension CodingKey {
    fileprivate var pathComponent: String { intValue.map { "[\($0)]" } ?? stringValue }
}
