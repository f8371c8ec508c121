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
    ///
    /// A policy whose model assumes rewards in a fixed range passes `rewardRange` (the range for
    /// the given arguments, e.g. [0, 1]); the entry then also takes `lower`, `amplitude` and `clip`
    /// (see ``RewardRescaling``), and arms whose rewards can leave the range are rejected before
    /// the run with a message saying how to rescale them, rather than failing mid-run.
    public static func stochastic<P: BanditPolicy>(
        name: String, aliases: [String] = [], summary: String, parameters: [ParameterDescriptor],
        rewardRange: (@Sendable (BoundArguments) throws(BanditError) -> ClosedRange<Double>)? = nil,
        make: @escaping @Sendable (BoundArguments, PolicyContext) throws(BanditError) -> P
    ) -> PolicyCatalog.Entry {
        let allParameters = rewardRange == nil ? parameters : parameters + rescalingParameters
        return PolicyCatalog.Entry(name: name, aliases: aliases, family: "stochastic", summary: summary, parameters: allParameters) {
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
            guard let rewardRange else {
                return try stochasticJob(label: label, specification: specification, setting: setting, policy: policy)
            }
            let rescaling = try RewardRescaling(
                lower: arguments.double("lower"), amplitude: arguments.double("amplitude"),
                target: rewardRange(arguments), clipsToTarget: arguments.bool("clip"))
            try checkArms(of: setting, fit: rescaling, policy: name)
            if rescaling.isIdentity {
                return try stochasticJob(label: label, specification: specification, setting: setting, policy: policy)
            }
            return try stochasticJob(label: label, specification: specification, setting: setting) {
                repetition throws(BanditError) in RescaledRewards(try policy(repetition), rescaling: rescaling)
            }
        }
    }

    /// The parameters of an entry with a reward range.
    static let rescalingParameters = [
        ParameterDescriptor("lower", default: "0", "rewards are mapped by (r − lower)/amplitude onto the policy's range"),
        ParameterDescriptor("amplitude", default: "1", "amplitude > 0 of that map"),
        ParameterDescriptor("clip", default: "false", "true: clamp mapped rewards into the policy's range (needed for unbounded arms)"),
    ]

    /// Rejects, before the run, arms whose rewards can fall outside what `rescaling` accepts.
    static func checkArms(of setting: StochasticSetting, fit rescaling: RewardRescaling, policy name: String) throws(BanditError) {
        guard !rescaling.clipsToTarget else { return }
        let accepted = rescaling.acceptedRange
        let supports: [(String, ClosedRange<Double>)]
        if let prior = setting.prior {
            switch prior.kind {
            case .bernoulli, .beta: supports = [("prior arms", 0...1)]
            case .gaussian: supports = [("prior arms", -Double.infinity...Double.infinity)]
            }
        } else {
            supports = setting.arms.enumerated().map { ("arm \($0.offset) (\($0.element))", $0.element.support) }
        }
        for (arm, support) in supports where support.lowerBound < accepted.lowerBound || support.upperBound > accepted.upperBound {
            let advice = support.lowerBound.isFinite && support.upperBound.isFinite
                ? "pass lower=\(Specification.format(support.lowerBound)), amplitude=\(Specification.format((support.upperBound - support.lowerBound) / (rescaling.target.upperBound - rescaling.target.lowerBound)))"
                : "pass lower and amplitude covering most of the rewards, and clip=true"
            throw .invalidParameter(
                name: "\(name).lower", value: "\(Specification.format(rescaling.lower))",
                reason: "\(arm) has rewards in [\(support.lowerBound), \(support.upperBound)], outside the [\(accepted.lowerBound), \(accepted.upperBound)] this policy accepts; \(advice)")
        }
    }

    /// The job running `policy(repetition)` on a stochastic setting: a loop specialised for the
    /// policy type and, for homogeneous Bernoulli or Gaussian arms, for the arms' distribution.
    static func stochasticJob<P: BanditPolicy>(
        label: String, specification: String, setting: StochasticSetting,
        policy: @escaping @Sendable (Int) throws(BanditError) -> P
    ) throws(BanditError) -> SimulationJob {
        let streams = setting.streams
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
        let armCount = setting.armCount
        let bernoulli = setting.arms.compactMap { $0 as? Bernoulli }
        if bernoulli.count == armCount { return try job(bernoulli) }
        let gaussian = setting.arms.compactMap { $0 as? Gaussian }
        if gaussian.count == armCount { return try job(gaussian) }
        return try job(setting.arms.map { AnyRewardDistribution($0) })
    }
}
