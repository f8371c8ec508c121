/// The names under which reward distributions can be written on the command line and in
/// scenario files, with their parameters.
///
/// A value type: start from ``standard`` and ``register(_:)`` your own entries to make a new
/// distribution available by name; the simulator itself only needs the
/// ``RewardDistribution`` protocol.
public struct DistributionCatalog: Sendable {
    /// One named distribution family.
    public struct Entry: Sendable {
        /// The canonical name, e.g. `bernoulli`.
        public let name: String
        /// Other accepted names, e.g. `normal` for `gaussian`.
        public let aliases: [String]
        /// One line for `bandit list`.
        public let summary: String
        /// The parameters in positional order.
        public let parameters: [ParameterDescriptor]
        /// Builds a validated distribution from bound arguments.
        public let make: @Sendable (BoundArguments) throws(BanditError) -> any RewardDistribution

        public init(
            name: String, aliases: [String] = [], summary: String, parameters: [ParameterDescriptor],
            make: @escaping @Sendable (BoundArguments) throws(BanditError) -> any RewardDistribution
        ) {
            self.name = name
            self.aliases = aliases
            self.summary = summary
            self.parameters = parameters
            self.make = make
        }
    }

    /// Entries in registration order.
    public private(set) var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        for entry in entries { register(entry) }
    }

    /// Adds an entry, replacing any with the same name.
    public mutating func register(_ entry: Entry) {
        entries.removeAll { $0.name == entry.name }
        entries.append(entry)
    }

    /// The entry for a name or alias.
    public func entry(named name: String) -> Entry? {
        let key = name.lowercased()
        return entries.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// Builds the distribution a specification names.
    /// - Throws: ``BanditError/unknownName(kind:name:known:)`` or the entry's validation error.
    public func make(_ specification: Specification) throws(BanditError) -> any RewardDistribution {
        guard let entry = entry(named: specification.name) else {
            throw .unknownName(kind: "distribution", name: specification.name, known: entries.map(\.name))
        }
        return try entry.make(specification.bind(to: entry.parameters))
    }

    /// Parses and builds, e.g. `make("bernoulli(0.9)")`.
    public func make(_ text: String) throws(BanditError) -> any RewardDistribution {
        try make(Specification(parsing: text))
    }
}
