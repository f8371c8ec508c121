import BanditCore

/// One repetition of a ``KnapsackPolicy`` on a ``KnapsackInstance``, enforcing the budgets.
///
/// Never overspend: each round the chosen arm's outcome is drawn, and if it would take any
/// resource below zero the pull does not happen — no reward, no consumption, the policy is not
/// told — and the run stops for good (classic BwK: the process ends when a budget would be
/// exceeded; a pull that uses exactly what is left is allowed). The null arm (`nil`) always
/// succeeds and changes nothing.
///
/// Metrics, in order: `regret` = OPT_LP·t/T − (reward collected by round t), which at t = T is
/// the OPT_LP − REW (the LP benchmark earns OPT_LP/T per round); `reward`; `stopped`
/// (1 once the run has stopped); `consumption_j` for each resource, the net amount consumed so
/// far (negative after replenishment).
///
/// Outcomes come from the counter stream at (round t, slot 0): every policy in a repetition
/// sees the same draws in the same round (common random numbers).
public struct KnapsackTrial<Policy: KnapsackPolicy>: Trial {
    /// The metrics for d resources.
    public static func metrics(resourceCount: Int) -> [MetricDescriptor] {
        [
            MetricDescriptor(name: "regret", label: "OPT_LP·t/T − reward"),
            MetricDescriptor(name: "reward", label: "cumulative reward"),
            MetricDescriptor(name: "stopped", label: "fraction of runs stopped by a budget"),
        ] + (0..<resourceCount).map { MetricDescriptor(name: "consumption_\($0 + 1)", label: "net consumption of resource \($0 + 1)") }
    }

    @usableFromInline var policy: Policy
    @usableFromInline let instance: KnapsackInstance
    @usableFromInline let stream: CounterStream
    /// OPT_LP / T.
    @usableFromInline let benchmarkRate: Double
    @usableFromInline var remaining: [Double]
    @usableFromInline var consumed: [Double]
    @usableFromInline var outcome: [Double]
    @usableFromInline let zeros: [Double]
    @usableFromInline var collectedReward = 0.0
    @usableFromInline var rounds = 0
    /// The round in which a pull would have overdrawn a budget (nil while running).
    @usableFromInline var stoppedRound: Int?

    /// - Precondition: the policy has the instance's K and d (the catalog entry checks).
    public init(policy: Policy, instance: KnapsackInstance, benchmark: Double, stream: CounterStream) {
        precondition(policy.armCount == instance.armCount && policy.resourceCount == instance.resourceCount)
        self.policy = policy
        self.instance = instance
        self.stream = stream
        benchmarkRate = benchmark / Double(instance.horizon)
        remaining = instance.budgets
        consumed = [Double](repeating: 0, count: instance.resourceCount)
        outcome = consumed
        zeros = consumed
    }

    @inlinable
    public mutating func step(round: Int) throws(BanditError) {
        rounds = round
        guard stoppedRound == nil else { return }
        guard let arm = policy.selectArm(remainingBudgets: remaining, round: round) else {
            try policy.update(arm: nil, reward: 0, consumption: zeros)
            return
        }
        // A user-written policy may return anything; the simulator must not crash on it.
        guard arm >= 0 && arm < instance.armCount else { throw .unknownArm(arm: arm, armCount: instance.armCount) }
        var generator = stream.generator(round: round, slot: 0)
        let reward = instance.arms(round: round)[arm].sample(consumption: &outcome, using: &generator)
        for j in remaining.indices where remaining[j] - outcome[j] < 0 {
            stoppedRound = round
            return
        }
        for j in remaining.indices {
            remaining[j] -= outcome[j]
            consumed[j] += outcome[j]
        }
        collectedReward += reward
        try policy.update(arm: arm, reward: reward, consumption: outcome)
    }

    @inlinable
    public func recordMetrics(into values: UnsafeMutableBufferPointer<Double>) {
        values[0] = benchmarkRate * Double(rounds) - collectedReward
        values[1] = collectedReward
        values[2] = stoppedRound == nil ? 0 : 1
        for j in consumed.indices { values[3 + j] = consumed[j] }
    }

    /// The round in which a pull would have overdrawn a budget and the run stopped (nil while
    /// running).
    public var stopRound: Int? { stoppedRound }
    /// What is left of each budget.
    public var remainingBudgets: [Double] { remaining }
    /// The policy in its current state (for tests and diagnostics).
    public var currentPolicy: Policy { policy }
}
