import BanditCore
import LinearProgramming

/// A bandits-with-knapsacks instance: K arms, d resources with budgets B₁…B_d, horizon T, and
/// optionally a second set of arms that replaces the first from round `switchRound` on (an
/// "adversarial-ish" instance whose outcome distributions change once).
///
/// Its LP benchmark (the LP relaxation of Badanidiyuru, Kleinberg & Slivkins 2018; Agrawal &
/// Devanur 2014) is
///
///     OPT_LP = max_p T·Σₐ pₐ·r̄ₐ  s.t.  T·Σₐ pₐ·c̄ₐⱼ ≤ Bⱼ (each j),  Σₐ pₐ ≤ 1,  p ≥ 0,
///
/// with the null arm taking the rest of the mass, and r̄, c̄ the expected outcomes averaged
/// over the rounds (for a switching instance: the best fixed distribution over arms against the
/// time-averaged outcomes, the benchmark of Immorlica et al. 2019). OPT_LP is an upper bound on
/// the expected reward of every policy.
public struct KnapsackInstance: Sendable, Hashable {
    /// The arms of rounds 1..<switchRound.
    public let arms: [KnapsackArm]
    /// The arms from round `switchRound` on (nil: none).
    public let laterArms: [KnapsackArm]?
    /// The first round of `laterArms`.
    public let switchRound: Int
    /// Bⱼ.
    public let budgets: [Double]
    /// T.
    public let horizon: Int

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` or
    ///   ``BanditError/dimensionMismatch(name:expected:actual:)`` naming the offending part.
    public init(arms: [KnapsackArm], budgets: [Double], horizon: Int, laterArms: [KnapsackArm]? = nil, switchRound: Int? = nil) throws(BanditError) {
        guard !arms.isEmpty else { throw .invalidParameter(name: "arms", value: "[]", reason: "needs at least one arm") }
        guard horizon >= 1 else { throw .invalidParameter(name: "horizon", value: "\(horizon)", reason: "must be ≥ 1") }
        guard !budgets.isEmpty else { throw .invalidParameter(name: "budgets", value: "[]", reason: "needs at least one resource") }
        for (j, budget) in budgets.enumerated() where !(budget.isFinite && budget > 0) {
            throw .invalidParameter(name: "budgets[\(j)]", value: "\(budget)", reason: "must be finite and positive")
        }
        for (a, arm) in (arms + (laterArms ?? [])).enumerated() where arm.resourceCount != budgets.count {
            throw .dimensionMismatch(name: a < arms.count ? "arms[\(a)].consumption" : "switch_arms[\(a - arms.count)].consumption",
                                     expected: budgets.count, actual: arm.resourceCount)
        }
        if let laterArms, laterArms.count != arms.count {
            throw .dimensionMismatch(name: "switch_arms", expected: arms.count, actual: laterArms.count)
        }
        let round = switchRound ?? (horizon / 2 + 1)
        guard round >= 1 else { throw .invalidParameter(name: "switch_round", value: "\(round)", reason: "must be ≥ 1") }
        self.arms = arms
        self.laterArms = laterArms
        self.switchRound = round
        self.budgets = budgets
        self.horizon = horizon
    }

    public var armCount: Int { arms.count }
    public var resourceCount: Int { budgets.count }

    /// The arms in force in round t.
    @inlinable
    public func arms(round: Int) -> [KnapsackArm] {
        if let laterArms, round >= switchRound { return laterArms }
        return arms
    }

    /// r̄ₐ and c̄ₐⱼ averaged over rounds 1…T.
    public var averageOutcomes: (rewards: [Double], consumption: [[Double]]) {
        let earlyShare: Double
        if laterArms == nil { earlyShare = 1 } else { earlyShare = Double(min(max(switchRound - 1, 0), horizon)) / Double(horizon) }
        let later = laterArms ?? arms
        let rewards = zip(arms, later).map { earlyShare * $0.expectedReward + (1 - earlyShare) * $1.expectedReward }
        let consumption = (0..<resourceCount).map { j in
            zip(arms, later).map { earlyShare * $0.expectedConsumption[j] + (1 - earlyShare) * $1.expectedConsumption[j] }
        }
        return (rewards, consumption)
    }

    /// The LP benchmark and its optimal distribution over arms.
    /// - Throws: ``BanditError/numerical(operation:reason:)`` if GLPK fails (the LP is always
    ///   feasible — p = 0 — and bounded — Σp ≤ 1 — so it should not).
    public func benchmark() throws(BanditError) -> (value: Double, distribution: [Double]) {
        let (rewards, consumption) = averageOutcomes
        var program = LinearProgram(objective: rewards)
        do {
            for j in 0..<resourceCount { try program.addConstraint(consumption[j], upper: budgets[j] / Double(horizon)) }
            try program.addConstraint([Double](repeating: 1, count: armCount), upper: 1)
            let solution = try program.solve()
            return (Double(horizon) * solution.objective, solution.primal)
        } catch {
            throw .numerical(operation: "knapsack LP benchmark", reason: error.description)
        }
    }
}
