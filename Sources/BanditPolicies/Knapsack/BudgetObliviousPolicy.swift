import BanditCore

/// A K-armed bandit policy run on a knapsack problem as if budgets did not exist: it never
/// plays the null arm and learns from rewards only. The baseline the BwK algorithms must beat
/// (Badanidiyuru, Kleinberg & Slivkins 2018, introduction: the best single arm can be far from the best
/// distribution over arms, and a budget-unaware learner runs out early).
public struct BudgetObliviousPolicy<Base: BanditPolicy>: KnapsackPolicy {
    public let resourceCount: Int
    /// The wrapped policy.
    public private(set) var base: Base

    public var armCount: Int { base.armCount }

    public init(base: Base, resourceCount: Int) {
        self.base = base
        self.resourceCount = resourceCount
    }

    public mutating func selectArm(remainingBudgets: [Double], round: Int) -> Int? { base.selectArm() }

    public mutating func update(arm: Int?, reward: Double, consumption: [Double]) throws(BanditError) {
        try validate(arm: arm, reward: reward, consumption: consumption)
        guard let arm else { return }
        try base.update(arm: arm, reward: reward)
    }
}

// Snapshots (BanditRuntime) need the whole state encodable and comparable; the conformances
// must sit in this file for the compiler to synthesise them.
extension BudgetObliviousPolicy: Equatable where Base: Equatable {}
extension BudgetObliviousPolicy: Hashable where Base: Hashable {}
extension BudgetObliviousPolicy: Codable where Base: Codable {}
