import BanditCore

extension EpsilonGreedy: MergeableState {
    /// The ε-greedy state after both replicas' rewards (``ArmStatistics/merged(with:)``); the
    /// receiver's generator is kept.
    public func merged(with other: EpsilonGreedy) throws(BanditError) -> EpsilonGreedy {
        guard other.epsilon == epsilon else {
            throw .invalidParameter(name: "epsilon-greedy.epsilon", value: "\(other.epsilon)", reason: "replicas must share ε = \(epsilon)")
        }
        var result = self
        result.statistics = try statistics.merged(with: other.statistics)
        return result
    }
}
