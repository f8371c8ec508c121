import BanditCore
import RealModule

/// PrimalDualBwK (Badanidiyuru, Kleinberg & Slivkins, "Bandits with Knapsacks", FOCS 2013 /
/// J. ACM 65(3), 2018, the algorithm box "PrimalDualBwK"): a bang-per-buck rule whose resource
/// prices are learnt by multiplicative weights.
///
/// Budgets are normalised to a common B (``KnapsackBudgetScale``) and time is an extra
/// resource consuming B/T per round, so the d + 1 prices start at v₁ = 1. After pulling each
/// arm once, round t pulls
///
///     xₜ = argmaxₓ uₜ(x) / (Lₜ(x) · vₜ),
///
/// with uₜ the upper confidence bound on the mean reward and Lₜ(x) the vector of lower
/// confidence bounds on the (scaled) consumption (``KnapsackEstimates``), then updates
/// vₜ₊₁,ⱼ = vₜ,ⱼ · (1 + ε)^{Lₜ,ⱼ(xₜ)} with ε = √(ln(d + 1)/B). The time resource keeps every
/// denominator positive. Regret Õ(√(K·OPT) + OPT·√(K/B)) against the LP benchmark.
///
/// Hot path: the bounds uₜ(x), Lₜ(x) change only for the arm just pulled, so they are cached
/// per arm and one round costs K dot products of length d + 1 and d + 1 exponentials.
public struct PrimalDualBwK: KnapsackPolicy, Hashable, Codable {
    public let armCount: Int
    public let resourceCount: Int
    /// ε.
    public let learningRate: Double
    /// The normalisation to a common budget.
    public let scale: KnapsackBudgetScale
    /// Reward and consumption statistics.
    public private(set) var estimates: KnapsackEstimates
    /// vₜ: d resource prices then time's, up to a common factor.
    public private(set) var prices: [Double]
    /// uₜ(x) per arm.
    @usableFromInline var rewardBounds: [Double]
    /// Lₜ(x) per arm, d scaled resources then time, row-major.
    @usableFromInline var costBounds: [Double]
    /// ln(1 + ε).
    @usableFromInline let logStep: Double

    /// - Parameters:
    ///   - radiusScale: γ in the confidence radius; nil = ln(K·d·T).
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for K < 1, a bad budget or
    ///   horizon, or a negative γ.
    public init(armCount: Int, budgets: [Double], horizon: Int, radiusScale: Double? = nil) throws(BanditError) {
        guard armCount >= 1 else { throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm") }
        scale = try KnapsackBudgetScale(budgets: budgets, horizon: horizon)
        let gamma = radiusScale ?? KnapsackEstimates.defaultRadiusScale(armCount: armCount, resourceCount: budgets.count, horizon: horizon)
        guard gamma.isFinite && gamma >= 0 else {
            throw .invalidParameter(name: "primal-dual-bwk.gamma", value: "\(gamma)", reason: "must be finite and ≥ 0")
        }
        self.armCount = armCount
        resourceCount = budgets.count
        learningRate = (Double.log(Double(budgets.count + 1)) / scale.budget).squareRoot()
        logStep = Double.log(onePlus: learningRate)
        estimates = KnapsackEstimates(armCount: armCount, resourceCount: budgets.count, radiusScale: gamma)
        prices = [Double](repeating: 1, count: budgets.count + 1)
        rewardBounds = [Double](repeating: 1, count: armCount)
        costBounds = [Double](repeating: 0, count: armCount * (budgets.count + 1))
        for arm in 0..<armCount { refreshBounds(arm: arm) }
    }

    public mutating func selectArm(remainingBudgets: [Double], round: Int) -> Int? {
        // Initial exploration: each arm once, in order.
        if round <= armCount && estimates.counts[round - 1] == 0 { return round - 1 }
        let width = resourceCount + 1
        var best = 0
        var bestRatio = -Double.infinity
        prices.withUnsafeBufferPointer { v in
            costBounds.withUnsafeBufferPointer { costs in
                rewardBounds.withUnsafeBufferPointer { rewards in
                    for arm in 0..<armCount {
                        var price = 0.0
                        let base = arm * width
                        for j in 0..<width { price += costs[base + j] * v[j] }
                        let ratio = rewards[arm] / price
                        if ratio > bestRatio {
                            bestRatio = ratio
                            best = arm
                        }
                    }
                }
            }
        }
        // vₜ moves with the bounds of the arm chosen now, before its outcome is known.
        let base = best * width
        var largest = 0.0
        for j in 0..<width {
            prices[j] *= Double.exp(logStep * costBounds[base + j])
            largest = Swift.max(largest, prices[j])
        }
        // Only ratios of prices matter: rescale by a power of two (exact) before overflow.
        if largest > 0x1p500 { for j in 0..<width { prices[j] *= 0x1p-500 } }
        return best
    }

    public mutating func update(arm: Int?, reward: Double, consumption: [Double]) throws(BanditError) {
        try validate(arm: arm, reward: reward, consumption: consumption)
        guard let arm else { return }
        estimates.record(arm: arm, reward: reward, consumption: consumption)
        refreshBounds(arm: arm)
    }

    /// Recomputes the cached uₜ(x) and Lₜ(x) of one arm (scaled consumption; time's is B/T).
    @usableFromInline
    mutating func refreshBounds(arm: Int) {
        let width = resourceCount + 1
        rewardBounds[arm] = estimates.rewardUpperBound(arm: arm)
        for j in 0..<resourceCount {
            // Prices stay positive and finite only on non-negative costs: PrimalDualBwK is the
            // classic (non-replenishing) algorithm, so a replenishing bound counts as 0.
            costBounds[arm * width + j] = Swift.max(0, estimates.consumptionLowerBound(arm: arm, resource: j) * scale.factors[j])
        }
        costBounds[arm * width + resourceCount] = scale.rate
    }
}
