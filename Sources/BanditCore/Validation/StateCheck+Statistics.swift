extension StateCheck {
    /// Statistics of exactly `armCount` arms. (``ArmStatistics`` checks its own shape, counts
    /// and finiteness while decoding; this ties it to the policy that owns it.)
    public func statistics(_ field: String, _ statistics: ArmStatistics, armCount: Int) throws(StateViolation) {
        guard statistics.armCount == armCount else {
            throw fail(field + ".armCount", "\(statistics.armCount) arms, the policy has \(armCount)")
        }
    }
}
