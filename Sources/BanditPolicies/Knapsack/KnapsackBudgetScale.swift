import BanditCore

/// The normalisation the primal-dual BwK algorithms assume: every budget equal to
/// B = min(min_j Bⱼ, T), by scaling resource j's consumption by B/Bⱼ, and the per-round budget
/// ρ = B/T (the normalisation of Badanidiyuru, Kleinberg & Slivkins 2018, Immorlica et al.
/// 2019 and Bernasconi et al. 2024: all budgets equal to B).
public struct KnapsackBudgetScale: Sendable, Hashable, Codable {
    /// B.
    public let budget: Double
    /// ρ = B/T ∈ (0, 1].
    public let rate: Double
    /// B/Bⱼ per resource.
    public let factors: [Double]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for an empty budget list,
    ///   a budget that is not finite and positive, or a horizon below 1.
    public init(budgets: [Double], horizon: Int) throws(BanditError) {
        guard !budgets.isEmpty else { throw .invalidParameter(name: "budgets", value: "[]", reason: "needs at least one resource") }
        for (j, budget) in budgets.enumerated() where !(budget.isFinite && budget > 0) {
            throw .invalidParameter(name: "budgets[\(j)]", value: "\(budget)", reason: "must be finite and positive")
        }
        guard horizon >= 1 else { throw .invalidParameter(name: "horizon", value: "\(horizon)", reason: "must be ≥ 1") }
        let smallest = Swift.min(budgets.min()!, Double(horizon))
        budget = smallest
        rate = smallest / Double(horizon)
        factors = budgets.map { smallest / $0 }
    }
}
