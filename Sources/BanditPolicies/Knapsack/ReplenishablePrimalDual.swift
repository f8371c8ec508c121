import BanditCore

/// The primal-dual template for bandits with replenishable knapsacks (Bernasconi, Castiglioni,
/// Celli & Fusco, "Bandits with Replenishable Knapsacks: the Best of both Worlds", ICLR 2024,
/// Algorithm 1), with a pluggable primal regret minimiser R^P and dual regret minimiser R^D.
///
/// Budgets are normalised to a common B with ρ = B/T (``KnapsackBudgetScale``); consumption may
/// be negative. Each round:
/// - if some remaining budget is below 1, play the void action (the null arm) — no pull can
///   then overdraw a resource, since one round consumes at most 1 — and update neither player;
/// - otherwise play the primal's action xₜ (arms `0..<K`, or `K` for the null arm) with the
///   dual's multipliers λₜ ∈ [0, 1/ρ]^d, then feed the primal the Lagrangian reward
///   fₜ(xₜ) − ⟨λₜ, c̃ₜ(xₜ)⟩ (rescaled to [0, 1]) and the dual the gains c̃ₜ(xₜ) − ρ.
///
/// With EXP3 as R^P and projected gradient ascent (``ProjectedGradientDualPlayer``) as R^D, the
/// regret on stochastic inputs is Õ(√T) and the competitive ratio on
/// adversarial inputs is constant when B = Ω(T) or replenishment per round is a constant.
public struct ReplenishablePrimalDual<Primal: BanditPolicy, Dual: KnapsackDualPlayer>: KnapsackPolicy {
    public let armCount: Int
    public let resourceCount: Int
    /// The normalisation to a common budget.
    public let scale: KnapsackBudgetScale
    /// R^P over arms `0..<K` and the null arm `K`.
    public private(set) var primal: Primal
    /// R^D over [0, 1/ρ]^d.
    public private(set) var dual: Dual
    /// Rounds spent on the void action because a budget was below 1.
    public private(set) var voidRounds = 0
    /// Whether the last selection was the void action.
    @usableFromInline var playedVoid = false
    /// The gains fed to the dual player (scratch).
    @usableFromInline var gains: [Double]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for a bad budget or
    ///   horizon, a primal without K + 1 arms, or a dual without d multipliers.
    public init(armCount: Int, budgets: [Double], horizon: Int, primal: Primal, dual: Dual) throws(BanditError) {
        guard armCount >= 1 else { throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm") }
        guard primal.armCount == armCount + 1 else {
            throw .invalidParameter(name: "primal", value: "\(primal.armCount) arms", reason: "needs K + 1 = \(armCount + 1) arms (the last is the void action)")
        }
        guard dual.multipliers.count == budgets.count else {
            throw .dimensionMismatch(name: "dual.multipliers", expected: budgets.count, actual: dual.multipliers.count)
        }
        scale = try KnapsackBudgetScale(budgets: budgets, horizon: horizon)
        self.armCount = armCount
        resourceCount = budgets.count
        self.primal = primal
        self.dual = dual
        gains = [Double](repeating: 0, count: budgets.count)
    }

    public mutating func selectArm(remainingBudgets: [Double], round: Int) -> Int? {
        precondition(remainingBudgets.count == resourceCount)
        playedVoid = remainingBudgets.contains { $0 < 1 }
        if playedVoid {
            voidRounds += 1
            return nil
        }
        let arm = primal.selectArm()
        return arm == armCount ? nil : arm
    }

    public mutating func update(arm: Int?, reward: Double, consumption: [Double]) throws(BanditError) {
        try validate(arm: arm, reward: reward, consumption: consumption)
        guard !playedVoid else { return }
        let rho = scale.rate
        let lambda = dual.multipliers
        var lagrangian = reward
        var range = 0.0  // Σⱼ 1/ρ bounds |⟨λ, c̃⟩|
        for j in 0..<resourceCount {
            let scaled = consumption[j] * scale.factors[j]
            lagrangian -= lambda[j] * scaled
            gains[j] = scaled - rho
            range += 1 / rho
        }
        let normalized = (lagrangian + range) / (1 + 2 * range)
        try primal.update(arm: arm ?? armCount, reward: Swift.min(1, Swift.max(0, normalized)))
        dual.update(gains: gains)
    }
}

extension ReplenishablePrimalDual where Primal == EXP3, Dual == ProjectedGradientDualPlayer {
    /// The template with EXP3 over K + 1 actions (γ from its Corollary 3.2 for horizon T) and
    /// projected gradient ascent on [0, 1/ρ]^d.
    public init(armCount: Int, budgets: [Double], horizon: Int, seed: UInt64) throws(BanditError) {
        let scale = try KnapsackBudgetScale(budgets: budgets, horizon: horizon)
        try self.init(
            armCount: armCount, budgets: budgets, horizon: horizon,
            primal: EXP3(armCount: armCount + 1, horizon: horizon, seed: seed),
            dual: ProjectedGradientDualPlayer(count: budgets.count, rate: scale.rate, horizon: horizon))
    }
}

// Snapshots (BanditRuntime) need the whole state encodable and comparable; the conformances
// must sit in this file for the compiler to synthesise them.
extension ReplenishablePrimalDual: Equatable where Primal: Equatable, Dual: Equatable {}
extension ReplenishablePrimalDual: Hashable where Primal: Hashable, Dual: Hashable {}
extension ReplenishablePrimalDual: Codable where Primal: Codable, Dual: Codable {}
