import BanditCore
import BanditPolicies

extension PolicyCatalog.Entry {
    /// An entry for a dueling policy type `P`, run on the `dueling` family.
    ///
    /// As for ``stochastic(name:aliases:summary:parameters:make:)``: `make` is called once up
    /// front (invalid parameters fail before the run) and then once per repetition with that
    /// repetition's policy seed, derived from the label. The job's loop is
    /// ``DuelingTrial``<P>, specialised for `P`.
    public static func dueling<P: DuelingPolicy>(
        name: String, aliases: [String] = [], summary: String, parameters: [ParameterDescriptor],
        make: @escaping @Sendable (BoundArguments, PolicyContext) throws(BanditError) -> P
    ) -> PolicyCatalog.Entry {
        PolicyCatalog.Entry(name: name, aliases: aliases, family: "dueling", summary: summary, parameters: parameters) {
            (label: String, arguments: BoundArguments, anySetting: any FamilySetting) throws(BanditError) -> SimulationJob in
            guard let setting = anySetting as? DuelingSetting else {
                throw .invalidParameter(name: name, value: label, reason: "\(name) is a policy for the dueling family")
            }
            let matrix = setting.matrix
            let notions = setting.notions
            let horizon = setting.settings.horizon
            let armCount = matrix.armCount
            let streams = setting.streams
            let probe = try make(arguments, PolicyContext(armCount: armCount, horizon: horizon, seed: 0))
            guard probe.armCount == armCount else {
                throw .invalidParameter(name: name, value: label, reason: "the policy's K does not match the environment's")
            }
            return SimulationJob.make(label: label, specification: arguments.canonicalDescription, metrics: notions.map(\.metric)) {
                repetition throws(BanditError) in
                let seed = streams.key(repetition: repetition, purpose: .policy(label))
                let policy = try make(arguments, PolicyContext(armCount: armCount, horizon: horizon, seed: seed))
                return DuelingTrial(policy: policy, matrix: matrix, notions: notions, stream: streams.rewardStream(repetition: repetition))
            }
        }
    }
}
