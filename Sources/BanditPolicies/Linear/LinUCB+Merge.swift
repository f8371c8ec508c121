import BanditCore

extension LinUCB: MergeableState {
    /// The LinUCB state after both replicas' observations (``RidgeRegression/merged(with:)``).
    public func merged(with other: LinUCB) throws(BanditError) -> LinUCB {
        guard other.armCount == armCount else { throw .dimensionMismatch(name: "linucb (arms)", expected: armCount, actual: other.armCount) }
        guard other.explorationScale == explorationScale else {
            throw .invalidParameter(name: "linucb.alpha", value: "\(other.explorationScale)", reason: "replicas must share α = \(explorationScale)")
        }
        var result = self
        result.ridge = try ridge.merged(with: other.ridge)
        return result
    }
}
