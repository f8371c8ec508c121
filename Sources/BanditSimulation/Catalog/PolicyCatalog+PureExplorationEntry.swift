import BanditCore
import BanditPolicies

/// What a pure-exploration policy factory is told about the experiment.
public struct PureExplorationContext: Sendable, Hashable {
    /// n.
    public var armCount: Int
    /// The budget T of this instance (fixed budget), or the cap on samples (fixed confidence).
    public var budget: Int
    /// δ from the scenario's `confidence` key, for policies whose own δ is `auto`.
    public var confidence: Double
    /// The seed of the policy's own random stream.
    public var seed: UInt64

    public init(armCount: Int, budget: Int, confidence: Double, seed: UInt64) {
        self.armCount = armCount
        self.budget = budget
        self.confidence = confidence
        self.seed = seed
    }
}

extension PolicyCatalog.Entry {
    /// An entry for a fixed-budget policy type `P`, run on the `pure_exploration` family: each
    /// repetition builds one instance per checkpoint T_b with budget T_b (see
    /// ``PureExplorationTrial``). `make` is called once up front so invalid parameters fail
    /// before the run; seeds derive from the label and the budget, as for the other families.
    public static func fixedBudget<P: PureExplorationPolicy>(
        name: String, aliases: [String] = [], summary: String, parameters: [ParameterDescriptor],
        make: @escaping @Sendable (BoundArguments, PureExplorationContext) throws(BanditError) -> P
    ) -> PolicyCatalog.Entry {
        pureExploration(name: name, aliases: aliases, summary: summary, parameters: parameters, perBudget: true, make: make)
    }

    /// An entry for a fixed-confidence policy type `P`: one run per repetition, capped by the
    /// horizon.
    public static func fixedConfidence<P: PureExplorationPolicy>(
        name: String, aliases: [String] = [], summary: String, parameters: [ParameterDescriptor],
        make: @escaping @Sendable (BoundArguments, PureExplorationContext) throws(BanditError) -> P
    ) -> PolicyCatalog.Entry {
        pureExploration(name: name, aliases: aliases, summary: summary, parameters: parameters, perBudget: false, make: make)
    }

    static func pureExploration<P: PureExplorationPolicy>(
        name: String, aliases: [String], summary: String, parameters: [ParameterDescriptor], perBudget: Bool,
        make: @escaping @Sendable (BoundArguments, PureExplorationContext) throws(BanditError) -> P
    ) -> PolicyCatalog.Entry {
        PolicyCatalog.Entry(name: name, aliases: aliases, family: "pure_exploration", summary: summary, parameters: parameters) {
            (label: String, arguments: BoundArguments, anySetting: any FamilySetting) throws(BanditError) -> SimulationJob in
            guard let setting = anySetting as? PureExplorationSetting else {
                throw .invalidParameter(name: name, value: label, reason: "\(name) is a policy for the pure_exploration family")
            }
            let armCount = setting.armCount
            let horizon = setting.settings.horizon
            let budgets = perBudget ? setting.settings.checkpoints : [horizon]
            let streams = setting.streams
            let confidence = setting.confidence
            let epsilons = setting.epsilons
            let probe = try make(arguments, PureExplorationContext(armCount: armCount, budget: horizon, confidence: confidence, seed: 0))
            guard probe.armCount == armCount else {
                throw .invalidParameter(name: name, value: label, reason: "the policy's n does not match the environment's")
            }
            let metrics = PureExplorationTrial<P, ReservoirArms>.metrics(epsilons: epsilons)
            let specification = arguments.canonicalDescription
            @Sendable func policies(_ repetition: Int) throws(BanditError) -> [P] {
                var result: [P] = []
                result.reserveCapacity(budgets.count)
                for budget in budgets {
                    // Each budget's instance has its own seed: the curve's points are independent.
                    let seed = streams.key(repetition: repetition, purpose: .policy("\(label)#\(budget)"))
                    result.append(try make(arguments, PureExplorationContext(armCount: armCount, budget: budget, confidence: confidence, seed: seed)))
                }
                return result
            }
            func job<Arms: PureExplorationArms>(_ arms: @escaping @Sendable (Int) -> Arms) -> SimulationJob {
                SimulationJob.make(label: label, specification: specification, metrics: metrics) { repetition throws(BanditError) in
                    let instances = try policies(repetition)
                    return perBudget
                        ? PureExplorationTrial(instances: instances, budgets: budgets, arms: arms(repetition), epsilons: epsilons)
                        : PureExplorationTrial(policy: instances[0], arms: arms(repetition), epsilons: epsilons)
                }
            }
            if let reservoir = setting.reservoir {
                return job { repetition in
                    reservoir.arms(
                        instance: CounterStream(key: streams.key(repetition: repetition, purpose: .instance)),
                        rewards: streams.rewardStream(repetition: repetition))
                }
            }
            func fixed<D: RewardDistribution>(_ arms: [D]) throws(BanditError) -> SimulationJob {
                let environment = try StochasticEnvironment(arms: arms)
                return job { repetition in FixedPureExplorationArms(environment: environment, stream: streams.rewardStream(repetition: repetition)) }
            }
            // Homogeneous arms get a loop specialised for their distribution.
            let bernoulli = setting.arms.compactMap { $0 as? Bernoulli }
            if bernoulli.count == armCount { return try fixed(bernoulli) }
            let gaussian = setting.arms.compactMap { $0 as? Gaussian }
            if gaussian.count == armCount { return try fixed(gaussian) }
            return try fixed(setting.arms.map { AnyRewardDistribution($0) })
        }
    }
}
