import BanditCore

/// One repetition of a pure-exploration policy: simple regret, the probability of not
/// returning an ε-good arm, samples used and whether the policy has stopped.
///
/// **Curves against the budget T.** A fixed-budget policy is built for its budget, so a curve
/// over T needs one run per budget. The shared simulator already visits a grid of rounds — its
/// checkpoints — so the trial holds one instance of the policy per checkpoint, instance b built
/// with budget T_b = checkpoint b. In round t every instance whose budget is ≥ t takes its t-th
/// sample; at checkpoint T_b the metrics are those of instance b, whose budget is then spent.
/// Each point of the curve is therefore an independent-budget experiment, yet all of them use
/// the one simulator loop, its seeding and its aggregation, and — since rewards are drawn from
/// the counter stream at (t, arm) — share common random numbers. The cost is Σ_b T_b samples
/// (about 5·T for the default 10 checkpoints per decade), and memory for every instance at
/// once: a policy that keeps state for all n arms (Sequential Halving or Successive Rejects
/// with `subset=all`, LUCB) holds O(n) per checkpoint, so on a large reservoir use the
/// data-poor policies (Bracketing SH, uniform allocation, `subset=auto` or a fixed subset),
/// whose state is O(T_b).
///
/// A fixed-confidence policy runs once with the horizon as a cap on its samples: at checkpoint
/// t the metrics describe its state after t rounds, so `stopped` is the fraction of repetitions
/// whose sample complexity is ≤ t and `samples` is the sample complexity once all have stopped.
public struct PureExplorationTrial<Policy: PureExplorationPolicy, Arms: PureExplorationArms>: Trial {
    /// The metrics, in order: `simple_regret`, one `error_eps_<ε>` per ε, `samples`, `stopped`.
    public static func metrics(epsilons: [Double]) -> [MetricDescriptor] {
        var metrics = [MetricDescriptor(name: "simple_regret", label: "simple regret μ* − μ(recommended)")]
        for epsilon in epsilons {
            let text = Self.format(epsilon)
            metrics.append(MetricDescriptor(name: "error_eps_\(text)", label: "P(recommended arm not \(text)-good)"))
        }
        metrics.append(MetricDescriptor(name: "samples", label: "samples used"))
        metrics.append(MetricDescriptor(name: "stopped", label: "fraction stopped"))
        return metrics
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    @usableFromInline var instances: [Policy]
    /// Instance b's budget (sorted); empty for a single fixed-confidence run.
    @usableFromInline let budgets: [Int]
    @usableFromInline var firstActive = 0
    @usableFromInline var recordIndex = 0
    @usableFromInline let arms: Arms
    @usableFromInline let epsilons: [Double]

    /// Fixed budget: `instances[b]` was built with budget `budgets[b]`; budgets are the
    /// simulator's checkpoints.
    /// - Precondition: as many instances as budgets, budgets increasing.
    public init(instances: [Policy], budgets: [Int], arms: Arms, epsilons: [Double]) {
        precondition(instances.count == budgets.count && !budgets.isEmpty, "one instance per budget")
        precondition(zip(budgets, budgets.dropFirst()).allSatisfy { $0 < $1 }, "budgets must increase")
        self.instances = instances
        self.budgets = budgets
        self.arms = arms
        self.epsilons = epsilons
    }

    /// Fixed confidence: one run, capped by the horizon.
    public init(policy: Policy, arms: Arms, epsilons: [Double]) {
        instances = [policy]
        budgets = []
        self.arms = arms
        self.epsilons = epsilons
    }

    @inlinable
    public mutating func step(round: Int) throws(BanditError) {
        let armCount = arms.armCount
        var index = firstActive
        while index < instances.count {
            if !instances[index].isStopped {
                let arm = instances[index].selectArm()
                // A user-written policy may return anything; the simulator must not crash on it.
                guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
                try instances[index].update(arm: arm, reward: arms.reward(arm: arm, round: round))
            }
            index += 1
        }
        while firstActive < budgets.count && budgets[firstActive] <= round {
            recordIndex = firstActive
            firstActive += 1
        }
    }

    @inlinable
    public func recordMetrics(into values: UnsafeMutableBufferPointer<Double>) {
        let policy = instances[recordIndex]
        let recommended = policy.recommend()
        let regret = arms.bestMean - arms.mean(of: recommended)
        values[0] = regret
        for (index, epsilon) in epsilons.enumerated() { values[1 + index] = regret > epsilon ? 1 : 0 }
        values[1 + epsilons.count] = Double(policy.sampleCount)
        values[2 + epsilons.count] = policy.isStopped ? 1 : 0
    }

    /// The instances (for tests and diagnostics).
    public var currentInstances: [Policy] { instances }
}
