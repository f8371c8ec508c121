import BanditCore
import BanditPolicies

/// What a policy factory is told about the problem it will face.
public struct PolicyContext: Sendable, Hashable {
    /// K.
    public var armCount: Int
    /// T, for policies whose parameters depend on the horizon.
    public var horizon: Int
    /// The seed of the policy's own random stream.
    public var seed: UInt64

    public init(armCount: Int, horizon: Int, seed: UInt64) {
        self.armCount = armCount
        self.horizon = horizon
        self.seed = seed
    }
}

/// The names under which policies can be written on the command line and in scenario files.
///
/// Each entry is created by a generic factory (``stochastic(name:aliases:summary:parameters:make:)``)
/// that knows the concrete policy type, so the simulation loop it builds is specialised for that
/// policy: names are resolved once per run, never per step.
public struct PolicyCatalog: Sendable {
    /// One named policy.
    public struct Entry: Sendable {
        /// Canonical name, e.g. `ucb1`.
        public let name: String
        /// Other accepted names.
        public let aliases: [String]
        /// The family, e.g. `stochastic`.
        public let family: String
        /// One line for `bandit list`: what it is and its paper.
        public let summary: String
        /// Parameters in positional order.
        public let parameters: [ParameterDescriptor]
        /// Builds a simulation job for a setting of its family.
        public let makeJob: @Sendable (_ label: String, BoundArguments, any FamilySetting) throws(BanditError) -> SimulationJob

        public init(
            name: String, aliases: [String] = [], family: String, summary: String, parameters: [ParameterDescriptor],
            makeJob: @escaping @Sendable (String, BoundArguments, any FamilySetting) throws(BanditError) -> SimulationJob
        ) {
            self.name = name
            self.aliases = aliases
            self.family = family
            self.summary = summary
            self.parameters = parameters
            self.makeJob = makeJob
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

    /// Builds the job for a policy specification such as `epsilon-greedy(epsilon=0.05)`.
    /// - Throws: ``BanditError/unknownName(kind:name:known:)`` or a parameter error naming the
    ///   parameter — before anything runs.
    public func job(_ specification: Specification, label: String, setting: any FamilySetting) throws(BanditError) -> SimulationJob {
        guard let entry = entry(named: specification.name) else {
            throw .unknownName(kind: "policy", name: specification.name, known: entries.map(\.name))
        }
        return try entry.makeJob(label, specification.bind(to: entry.parameters), setting)
    }
}

extension PolicyCatalog.Entry {
    /// An entry for a K-armed policy type `P`.
    ///
    /// `make` is called once up front (so invalid parameters fail before the run) and then once
    /// per repetition with that repetition's policy seed, derived from the label so that adding
    /// another policy to a study never changes this one's results.
    public static func stochastic<P: BanditPolicy>(
        name: String, aliases: [String] = [], summary: String, parameters: [ParameterDescriptor],
        make: @escaping @Sendable (BoundArguments, PolicyContext) throws(BanditError) -> P
    ) -> PolicyCatalog.Entry {
        PolicyCatalog.Entry(name: name, aliases: aliases, family: "stochastic", summary: summary, parameters: parameters) {
            (label: String, arguments: BoundArguments, anySetting: any FamilySetting) throws(BanditError) -> SimulationJob in
            guard let setting = anySetting as? StochasticSetting else {
                throw .invalidParameter(name: name, value: label, reason: "\(name) is a policy for the stochastic K-armed family")
            }
            let horizon = setting.settings.horizon
            let armCount = setting.armCount
            let streams = setting.streams
            _ = try make(arguments, PolicyContext(armCount: armCount, horizon: horizon, seed: 0))
            let specification = arguments.canonicalDescription
            @Sendable func policy(_ repetition: Int) throws(BanditError) -> P {
                let seed = streams.key(repetition: repetition, purpose: .policy(label))
                return try make(arguments, PolicyContext(armCount: armCount, horizon: horizon, seed: seed))
            }
            guard setting.isStationary else {
                let fixedArms = setting.prior == nil ? setting.arms.map { AnyRewardDistribution($0) } : nil
                return SimulationJob.make(label: label, specification: specification, metrics: StochasticTrial<P, Bernoulli>.metrics) {
                    repetition throws(BanditError) in
                    DynamicStochasticTrial(
                        policy: try policy(repetition), arms: fixedArms, prior: setting.prior,
                        replacementProbability: setting.replacementProbability, delay: setting.delay,
                        streams: streams, repetition: repetition)
                }
            }
            func job<D: RewardDistribution>(_ arms: [D]) throws(BanditError) -> SimulationJob {
                let environment = try StochasticEnvironment(arms: arms)
                return SimulationJob.make(label: label, specification: specification, metrics: StochasticTrial<P, D>.metrics) {
                    repetition throws(BanditError) in
                    StochasticTrial(policy: try policy(repetition), environment: environment, stream: streams.rewardStream(repetition: repetition))
                }
            }
            // Homogeneous arms get a loop specialised for their distribution; mixed arms pay one
            // dynamic call per reward.
            let bernoulli = setting.arms.compactMap { $0 as? Bernoulli }
            if bernoulli.count == armCount { return try job(bernoulli) }
            let gaussian = setting.arms.compactMap { $0 as? Gaussian }
            if gaussian.count == armCount { return try job(gaussian) }
            return try job(setting.arms.map { AnyRewardDistribution($0) })
        }
    }
}
