import BanditCore

extension UCB1: MergeableState {
    /// The UCB1 state after both replicas' rewards (``ArmStatistics/merged(with:)``).
    public func merged(with other: UCB1) throws(BanditError) -> UCB1 {
        guard other.explorationScale == explorationScale else {
            throw .invalidParameter(name: "ucb1.alpha", value: "\(other.explorationScale)", reason: "replicas must share α = \(explorationScale)")
        }
        var result = self
        result.storedStatistics = try statistics.merged(with: other.statistics)
        return result
    }
}
