/// A policy for bandits with knapsacks (Badanidiyuru, Kleinberg & Slivkins, FOCS 2013 / J. ACM
/// 2018): each pull of an arm yields a reward in [0, 1] and consumes a vector of d resources,
/// each with a budget; the run ends when a resource would be overdrawn.
///
/// The interaction is: ``selectArm(remainingBudgets:round:)`` — an arm, or `nil` for the null
/// arm (no reward, no consumption) — then ``update(arm:reward:consumption:)`` with what the pull
/// produced. Consumption may be negative (replenishment, Bernasconi, Castiglioni, Celli &
/// Fusco, ICLR 2024); every entry lies in [−1, 1]. As for ``BanditPolicy``, policies are value
/// types that own all their state, random generator included.
public protocol KnapsackPolicy: Sendable {
    /// The number of arms K; arms are `0..<armCount` and `nil` is the null arm.
    var armCount: Int { get }
    /// The number of resources d.
    var resourceCount: Int { get }

    /// Chooses the next arm, or `nil` for the null arm, knowing what is left of each budget
    /// (`remainingBudgets.count == resourceCount`) and the round t ≥ 1.
    mutating func selectArm(remainingBudgets: [Double], round: Int) -> Int?

    /// Records what the selected arm produced; `nil` records a round on the null arm (reward 0,
    /// consumption 0).
    /// - Throws: ``BanditError/unknownArm(arm:armCount:)``,
    ///   ``BanditError/nonFiniteReward(arm:value:)``,
    ///   ``BanditError/dimensionMismatch(name:expected:actual:)`` for a consumption vector of the
    ///   wrong length, or ``BanditError/invalidParameter(name:value:reason:)`` for a reward outside
    ///   [0, 1] or a consumption outside [−1, 1]; the policy is unchanged then.
    mutating func update(arm: Int?, reward: Double, consumption: [Double]) throws(BanditError)
}

extension KnapsackPolicy {
    /// The checks every `update(arm:reward:consumption:)` starts with, so each policy rejects
    /// bad feedback the same way before touching its state.
    @inlinable
    public func validate(arm: Int?, reward: Double, consumption: [Double]) throws(BanditError) {
        if let arm, !(0..<armCount).contains(arm) { throw .unknownArm(arm: arm, armCount: armCount) }
        guard reward.isFinite else { throw .nonFiniteReward(arm: arm ?? -1, value: reward) }
        guard reward >= 0 && reward <= 1 else {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "must lie in [0, 1]")
        }
        guard consumption.count == resourceCount else {
            throw .dimensionMismatch(name: "consumption", expected: resourceCount, actual: consumption.count)
        }
        for (resource, amount) in consumption.enumerated() where !(amount >= -1 && amount <= 1) {
            throw .invalidParameter(name: "consumption[\(resource)]", value: "\(amount)", reason: "must be a finite number in [−1, 1]")
        }
        if arm == nil, reward != 0 || consumption.contains(where: { $0 != 0 }) {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "the null arm yields no reward and consumes nothing")
        }
    }
}
