import BanditCore

/// LagrangeBwK (Immorlica, Sankararaman, Schapire & Slivkins, "Adversarial Bandits with
/// Knapsacks", FOCS 2019 / J. ACM 69(6), 2022, the algorithm box "LagrangeBwK"): bandits with knapsacks as a
/// repeated zero-sum game on the Lagrangian, a bandit algorithm playing arms against a
/// full-feedback algorithm playing resources.
///
/// Budgets are normalised to a common B with ρ = B/T (``KnapsackBudgetScale``), and a dummy
/// resource (time) consumes exactly ρ per round. With λ in the simplex over the d + 1
/// resources, the Lagrangian of arm a is
///
///     L(a, λ) = r(a) + Σⱼ λⱼ·(1 − c̃ⱼ(a)/ρ),
///
/// the primal player (``Primal``, by default ``EXP3`` over the K arms and the null arm K)
/// receives L(aₜ, λₜ) rescaled to [0, 1], and the dual player (``HedgeDualPlayer``) receives
/// the gains c̃ₜ − ρ (it minimises L). The competitive ratio is O(log T) against adversarial
/// outcomes; on stochastic ones the regret is Õ(√(KT)·T/B).
public struct LagrangeBwK<Primal: BanditPolicy>: KnapsackPolicy {
    public let armCount: Int
    public let resourceCount: Int
    /// The normalisation to a common budget.
    public let scale: KnapsackBudgetScale
    /// The bandit algorithm over arms `0..<K` and the null arm `K`.
    public private(set) var primal: Primal
    /// Hedge over the d resources then time.
    public private(set) var dual: HedgeDualPlayer
    /// The gains fed to the dual player (scratch).
    @usableFromInline var gains: [Double]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for a bad budget or
    ///   horizon, or a primal algorithm without K + 1 arms.
    public init(armCount: Int, budgets: [Double], horizon: Int, primal: Primal) throws(BanditError) {
        guard armCount >= 1 else { throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm") }
        guard primal.armCount == armCount + 1 else {
            throw .invalidParameter(name: "primal", value: "\(primal.armCount) arms", reason: "needs K + 1 = \(armCount + 1) arms (the last is the null arm)")
        }
        scale = try KnapsackBudgetScale(budgets: budgets, horizon: horizon)
        self.armCount = armCount
        resourceCount = budgets.count
        self.primal = primal
        dual = try HedgeDualPlayer(count: budgets.count + 1, rate: scale.rate, horizon: horizon)
        gains = [Double](repeating: 0, count: budgets.count + 1)
    }

    public mutating func selectArm(remainingBudgets: [Double], round: Int) -> Int? {
        let arm = primal.selectArm()
        return arm == armCount ? nil : arm
    }

    public mutating func update(arm: Int?, reward: Double, consumption: [Double]) throws(BanditError) {
        try validate(arm: arm, reward: reward, consumption: consumption)
        let rho = scale.rate
        let lambda = dual.multipliers
        var lagrangian = reward
        for j in 0..<resourceCount {
            let scaled = consumption[j] * scale.factors[j]
            lagrangian += lambda[j] * (1 - scaled / rho)
            gains[j] = scaled - rho
        }
        gains[resourceCount] = 0  // time consumes exactly ρ: 1 − ρ/ρ = 0
        // r ∈ [0, 1] and Σλⱼ(1 − c̃ⱼ/ρ) ∈ [1 − 1/ρ, 1 + 1/ρ] for c̃ ∈ [−1, 1].
        let normalized = (lagrangian - (1 - 1 / rho)) / (1 + 2 / rho)
        try primal.update(arm: arm ?? armCount, reward: Swift.min(1, Swift.max(0, normalized)))
        dual.update(gains: gains)
    }
}

extension LagrangeBwK where Primal == EXP3 {
    /// LagrangeBwK with EXP3 over K + 1 actions and γ from its Corollary 3.2 for horizon T.
    public init(armCount: Int, budgets: [Double], horizon: Int, seed: UInt64) throws(BanditError) {
        try self.init(armCount: armCount, budgets: budgets, horizon: horizon,
                      primal: EXP3(armCount: armCount + 1, horizon: horizon, seed: seed))
    }
}

// Snapshots (BanditRuntime) need the whole state encodable and comparable; the conformances
// must sit in this file for the compiler to synthesise them.
extension LagrangeBwK: Equatable where Primal: Equatable {}
extension LagrangeBwK: Hashable where Primal: Hashable {}
extension LagrangeBwK: Codable where Primal: Codable {}
