import BanditCore
import BanditPolicies

/// What a knapsack policy factory is told about the problem it will face.
public struct KnapsackPolicyContext: Sendable, Hashable {
    /// K.
    public var armCount: Int
    /// B₁…B_d.
    public var budgets: [Double]
    /// T.
    public var horizon: Int
    /// The seed of the policy's own random stream.
    public var seed: UInt64

    public init(armCount: Int, budgets: [Double], horizon: Int, seed: UInt64) {
        self.armCount = armCount
        self.budgets = budgets
        self.horizon = horizon
        self.seed = seed
    }
}

extension PolicyCatalog.Entry {
    /// An entry for a knapsack policy type `P`, run on the `knapsack` family.
    ///
    /// As for ``stochastic(name:aliases:summary:parameters:make:)``: `make` is called once up
    /// front (invalid parameters fail before the run) and then once per repetition with that
    /// repetition's policy seed, derived from the label. The job's loop is ``KnapsackTrial``<P>,
    /// specialised for `P`.
    public static func knapsack<P: KnapsackPolicy>(
        name: String, aliases: [String] = [], summary: String, parameters: [ParameterDescriptor],
        make: @escaping @Sendable (BoundArguments, KnapsackPolicyContext) throws(BanditError) -> P
    ) -> PolicyCatalog.Entry {
        PolicyCatalog.Entry(name: name, aliases: aliases, family: "knapsack", summary: summary, parameters: parameters) {
            (label: String, arguments: BoundArguments, anySetting: any FamilySetting) throws(BanditError) -> SimulationJob in
            guard let setting = anySetting as? KnapsackSetting else {
                throw .invalidParameter(name: name, value: label, reason: "\(name) is a policy for the knapsack family")
            }
            let instance = setting.instance
            let benchmark = setting.benchmark
            let streams = setting.streams
            @Sendable func context(_ seed: UInt64) -> KnapsackPolicyContext {
                KnapsackPolicyContext(armCount: instance.armCount, budgets: instance.budgets, horizon: instance.horizon, seed: seed)
            }
            let probe = try make(arguments, context(0))
            guard probe.armCount == instance.armCount, probe.resourceCount == instance.resourceCount else {
                throw .invalidParameter(name: name, value: label, reason: "the policy's K or d does not match the environment's")
            }
            return SimulationJob.make(
                label: label, specification: arguments.canonicalDescription,
                metrics: KnapsackTrial<P>.metrics(resourceCount: instance.resourceCount)
            ) { repetition throws(BanditError) in
                let seed = streams.key(repetition: repetition, purpose: .policy(label))
                return KnapsackTrial(
                    policy: try make(arguments, context(seed)), instance: instance, benchmark: benchmark,
                    stream: streams.rewardStream(repetition: repetition))
            }
        }
    }
}
