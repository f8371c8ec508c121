import BanditCore
import Foundation

/// A ``DecisionService``'s whole state — its policy and the decisions still waiting for their
/// rewards — so that a service restarted from it accepts the late rewards of decisions made
/// before the snapshot (a ``PolicySnapshot`` alone forgets them, and their rewards would be
/// rejected as ``ServiceError/unknownEvent(_:)``).
///
/// The same framing as a policy snapshot: a header line, then the state's JSON, whose length
/// and ``FNV1a64`` checksum the header carries.
///
/// ```
/// {"checksum":"fnv1a64:…","format":"banditkit-service-snapshot","policyType":"UCB1","stateLength":…,"version":1}
/// {"policy":"…the policy snapshot, header line included…","service":{…pending decisions, live arms, counters…}}
/// ```
///
/// The embedded policy snapshot is checked and validated as any other; the service part is
/// validated against the restored policy (arm slots, generations, feature dimensions) before
/// the service is built, so a damaged or forged file gives a ``SnapshotError``, never a
/// pending decision that traps when its reward arrives.
public enum ServiceSnapshot {
    /// The `format` field of every service snapshot.
    public static let formatName = "banditkit-service-snapshot"
    /// The version this build writes; it reads every version up to this one.
    public static let currentVersion = 1

    /// Format and version, read before the rest of the header (see ``PolicySnapshot``).
    struct Probe: Decodable { var format: String?; var version: Int? }

    struct Header: Codable {
        var format: String
        var version: Int
        var policyType: String
        var stateLength: Int
        var checksum: String
    }

    struct Body<Policy: ServablePolicy>: Codable {
        /// The policy snapshot as text (it is UTF-8 JSON lines).
        var policy: String
        var service: DecisionState<Policy>.ServiceState
    }

    static func encode<Policy: ServablePolicy>(_ state: DecisionState<Policy>, specification: String?) throws(SnapshotError) -> Data {
        let policy = try PolicySnapshot.encode(state.policy, specification: specification)
        let body: Data
        do {
            body = try PolicySnapshot.makeEncoder().encode(Body<Policy>(policy: String(decoding: policy, as: UTF8.self), service: state.serviceState))
        } catch { throw .encodingFailed(reason: "\(error)") }
        let header = Header(format: formatName, version: currentVersion, policyType: Policy.snapshotTypeName, stateLength: body.count, checksum: FNV1a64.tag(body))
        var data: Data
        do { data = try PolicySnapshot.makeEncoder().encode(header) } catch { throw .encodingFailed(reason: "\(error)") }
        data.append(UInt8(ascii: "\n"))
        data.append(body)
        return data
    }

    static func decode<Policy: ServablePolicy>(_ type: Policy.Type, from data: Data, maximumBytes: Int) throws(SnapshotError) -> DecisionState<Policy> {
        guard data.count <= maximumBytes else { throw .tooLarge(bytes: data.count, limit: maximumBytes) }
        guard let newline = data.prefix(PolicySnapshot.maximumHeaderBytes).firstIndex(of: UInt8(ascii: "\n")) else {
            throw .notASnapshot(reason: data.isEmpty ? "empty input" : "no header line in the first \(PolicySnapshot.maximumHeaderBytes) bytes")
        }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: data[data.startIndex..<newline]) else {
            throw .notASnapshot(reason: "the first line is not a JSON header")
        }
        guard probe.format == formatName else {
            throw .notASnapshot(reason: "format is \(probe.format.map { "'\($0)'" } ?? "missing"), expected '\(formatName)'")
        }
        guard let version = probe.version, version >= 1 else { throw .notASnapshot(reason: "missing or invalid version") }
        guard version <= currentVersion else { throw .unsupportedVersion(found: version, newestSupported: currentVersion) }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline]) } catch {
            throw .invalidState(path: "header." + PolicySnapshot.path(of: error), reason: PolicySnapshot.reason(of: error))
        }
        guard header.policyType == Policy.snapshotTypeName else {
            throw .policyTypeMismatch(expected: Policy.snapshotTypeName, found: header.policyType)
        }
        let bodyBytes = data[data.index(after: newline)...]
        guard bodyBytes.count == header.stateLength else { throw .lengthMismatch(expected: header.stateLength, actual: bodyBytes.count) }
        let checksum = FNV1a64.tag(bodyBytes)
        guard checksum == header.checksum else { throw .checksumMismatch(expected: header.checksum, actual: checksum) }
        let body: Body<Policy>
        do { body = try PolicySnapshot.makeDecoder().decode(Body<Policy>.self, from: Data(bodyBytes)) } catch {
            throw .invalidState(path: PolicySnapshot.path(of: error), reason: PolicySnapshot.reason(of: error))
        }
        let policy: Policy
        do { policy = try PolicySnapshot.decode(Policy.self, from: Data(body.policy.utf8), maximumBytes: maximumBytes) } catch {
            if case let .invalidState(path, reason) = error { throw .invalidState(path: "policy." + path, reason: reason) }
            throw error
        }
        do { return try DecisionState(policy: policy, restoring: body.service) } catch {
            throw .invalidState(path: error.path, reason: error.reason)
        }
    }
}
