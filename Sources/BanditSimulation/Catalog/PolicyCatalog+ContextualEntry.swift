import BanditCore
import BanditPolicies

/// What a contextual policy factory is told about the problem it will face.
public struct ContextualPolicyContext: Sendable, Hashable {
    /// K.
    public var armCount: Int
    /// d.
    public var dimension: Int
    /// T.
    public var horizon: Int
    /// The seed of the policy's own random stream.
    public var seed: UInt64

    public init(armCount: Int, dimension: Int, horizon: Int, seed: UInt64) {
        self.armCount = armCount
        self.dimension = dimension
        self.horizon = horizon
        self.seed = seed
    }
}

extension PolicyCatalog.Entry {
    /// An entry for a contextual policy type `P`, run on the `contextual` family.
    ///
    /// As for ``stochastic(name:aliases:summary:parameters:make:)``: `make` is called once up
    /// front (invalid parameters fail before the run) and then once per repetition with that
    /// repetition's policy seed, derived from the label. The job's loop is
    /// ``ContextualTrial``<P>, specialised for `P`. With `requiredLink`, the entry refuses
    /// environments with another link (e.g. a logistic-model policy on real-valued rewards).
    public static func contextual<P: ContextualPolicy>(
        name: String, aliases: [String] = [], requiredLink: ContextualEnvironment.Link? = nil, summary: String,
        parameters: [ParameterDescriptor],
        make: @escaping @Sendable (BoundArguments, ContextualPolicyContext) throws(BanditError) -> P
    ) -> PolicyCatalog.Entry {
        PolicyCatalog.Entry(name: name, aliases: aliases, family: "contextual", summary: summary, parameters: parameters) {
            (label: String, arguments: BoundArguments, anySetting: any FamilySetting) throws(BanditError) -> SimulationJob in
            if let requiredLink, let setting = anySetting as? ContextualSetting, setting.replay == nil,
               setting.environment.link != requiredLink {
                throw .invalidParameter(
                    name: name, value: label, reason: "\(name) models the \(requiredLink.rawValue) link; set link: \(requiredLink.rawValue)")
            }
            return try contextualJob(name: name, label: label, arguments: arguments, setting: anySetting, make: make)
        }
    }

    /// The job of a contextual policy (shared by entries that choose among several types).
    static func contextualJob<P: ContextualPolicy>(
        name: String, label: String, arguments: BoundArguments, setting anySetting: any FamilySetting,
        make: @escaping @Sendable (BoundArguments, ContextualPolicyContext) throws(BanditError) -> P
    ) throws(BanditError) -> SimulationJob {
        guard let setting = anySetting as? ContextualSetting else {
            throw .invalidParameter(name: name, value: label, reason: "\(name) is a policy for the contextual family")
        }
        let environment = setting.environment
        let horizon = setting.settings.horizon
        let streams = setting.streams
        let (armCount, dimension) = (environment.armCount, environment.dimension)
        let probe = try make(arguments, ContextualPolicyContext(armCount: armCount, dimension: dimension, horizon: horizon, seed: 0))
        guard probe.dimension == dimension, probe.armCount == armCount else {
            throw .invalidParameter(name: name, value: label, reason: "the policy's shape does not match the environment's")
        }
        if let log = setting.replay {
            return SimulationJob.make(label: label, specification: arguments.canonicalDescription, metrics: ReplayTrial<P>.metrics) {
                repetition throws(BanditError) in
                let seed = streams.key(repetition: repetition, purpose: .policy(label))
                let policy = try make(arguments, ContextualPolicyContext(armCount: armCount, dimension: dimension, horizon: horizon, seed: seed))
                return ReplayTrial(policy: policy, log: log, stream: streams.rewardStream(repetition: repetition))
            }
        }
        return SimulationJob.make(label: label, specification: arguments.canonicalDescription, metrics: ContextualTrial<P>.metrics) {
            repetition throws(BanditError) in
            let seed = streams.key(repetition: repetition, purpose: .policy(label))
            let policy = try make(arguments, ContextualPolicyContext(armCount: armCount, dimension: dimension, horizon: horizon, seed: seed))
            return ContextualTrial(policy: policy, environment: environment, repetition: repetition, streams: streams)
        }
    }
}
