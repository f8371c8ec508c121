import BanditCore
import Foundation

/// Policy types by snapshot name, so that a snapshot can be restored without knowing its type
/// in advance (a service reloading whatever bandits it hosted).
public struct SnapshotRegistry: Sendable {
    /// How to restore one policy type.
    public struct Entry: Sendable {
        /// ``SnapshottablePolicy/snapshotTypeName``.
        public let typeName: String
        public let family: PolicyFamily
        let decode: @Sendable (Data) throws(SnapshotError) -> any SnapshottablePolicy
    }

    /// Entries by type name.
    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Registers `type` under its ``SnapshottablePolicy/snapshotTypeName`` (replacing any entry of
    /// that name). Registering a new policy type is this one call.
    public mutating func register<P: SnapshottablePolicy>(_ type: P.Type) {
        entries[P.snapshotTypeName] = Entry(typeName: P.snapshotTypeName, family: P.family) { state throws(SnapshotError) in
            try PolicySnapshot.decodeState(P.self, from: state)
        }
    }

    /// The registered names, sorted.
    public var typeNames: [String] { entries.keys.sorted() }

    /// Restores whatever policy `data` holds (cast it to ``ServablePolicy`` to serve it, or to
    /// its concrete type).
    /// - Throws: ``SnapshotError/unknownPolicyType(name:known:)`` for an unregistered type, or
    ///   any error of ``PolicySnapshot/open(_:maximumBytes:)`` and of the state's decoding.
    public func restore(_ data: Data, maximumBytes: Int = PolicySnapshot.defaultMaximumBytes) throws(SnapshotError) -> (header: PolicySnapshot.Header, policy: any SnapshottablePolicy) {
        let (header, state) = try PolicySnapshot.open(data, maximumBytes: maximumBytes)
        guard let entry = entries[header.policyType] else {
            throw .unknownPolicyType(name: header.policyType, known: typeNames)
        }
        guard entry.family == header.family else {
            throw .invalidState(path: "header.family", reason: "\(header.policyType) is \(entry.family.rawValue), header says \(header.family.rawValue)")
        }
        return (header, try entry.decode(state))
    }
}
