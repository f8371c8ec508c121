import BanditCore
import LinearProgramming

/// UCB-BwK (Agrawal & Devanur, "Bandits with concave rewards and convex knapsacks", EC 2014:
/// their UCB algorithm specialised to linear rewards and knapsack constraints): optimism in
/// the face of uncertainty applied to the whole LP.
///
/// After pulling each arm once, round t solves the optimistic LP
///
///     max_p Σₐ pₐ·uₜ(a)  s.t.  Σₐ pₐ·Lₜⱼ(a) ≤ Bⱼ/T (each resource j),  Σₐ pₐ ≤ 1,  p ≥ 0,
///
/// with uₜ the upper confidence bounds on mean rewards and Lₜ the lower confidence bounds on
/// mean consumption (``KnapsackEstimates``), and plays arm a with probability pₐ — the null arm
/// with the remaining 1 − Σₐ pₐ. Regret Õ(OPT·√(K/B) + √(K·OPT)).
///
/// The LP is solved by GLPK through ``LinearProgram`` every round (the one program is kept and
/// its entries overwritten). Should GLPK fail — it does not on these always-feasible, bounded
/// programs — the round plays the null arm and ``solverFailures`` counts it.
public struct UCBBwK: KnapsackPolicy, Hashable, Codable {
    public let armCount: Int
    public let resourceCount: Int
    /// Reward and consumption statistics.
    public private(set) var estimates: KnapsackEstimates
    /// The optimistic LP, rewritten each round.
    public private(set) var program: LinearProgram
    /// Rounds in which the LP could not be solved.
    public private(set) var solverFailures = 0
    /// The policy's own randomness (sampling from the LP's solution).
    public private(set) var generator: Xoshiro256PlusPlus
    /// pₐ of the last solve then the null arm's share (scratch).
    @usableFromInline var probabilities: [Double]

    /// - Parameters:
    ///   - radiusScale: γ in the confidence radius; nil = ln(K·d·T).
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for K < 1, a budget that
    ///   is not finite and positive, a horizon below 1, or a negative γ.
    public init(armCount: Int, budgets: [Double], horizon: Int, radiusScale: Double? = nil, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else { throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm") }
        _ = try KnapsackBudgetScale(budgets: budgets, horizon: horizon)
        let gamma = radiusScale ?? KnapsackEstimates.defaultRadiusScale(armCount: armCount, resourceCount: budgets.count, horizon: horizon)
        guard gamma.isFinite && gamma >= 0 else {
            throw .invalidParameter(name: "ucb-bwk.gamma", value: "\(gamma)", reason: "must be finite and ≥ 0")
        }
        self.armCount = armCount
        resourceCount = budgets.count
        estimates = KnapsackEstimates(armCount: armCount, resourceCount: budgets.count, radiusScale: gamma)
        var program = LinearProgram(objective: [Double](repeating: 0, count: armCount))
        do {
            for budget in budgets { try program.addConstraint([Double](repeating: 0, count: armCount), upper: budget / Double(horizon)) }
            try program.addConstraint([Double](repeating: 1, count: armCount), upper: 1)
        } catch {
            preconditionFailure("rows are built with one coefficient per arm")
        }
        self.program = program
        generator = Xoshiro256PlusPlus(seed: seed)
        probabilities = [Double](repeating: 0, count: armCount + 1)
    }

    public mutating func selectArm(remainingBudgets: [Double], round: Int) -> Int? {
        if round <= armCount && estimates.counts[round - 1] == 0 { return round - 1 }
        for arm in 0..<armCount {
            program.objective[arm] = estimates.rewardUpperBound(arm: arm)
            for j in 0..<resourceCount {
                program.coefficients[j * armCount + arm] = estimates.consumptionLowerBound(arm: arm, resource: j)
            }
        }
        guard let solution = try? program.solve() else {
            solverFailures += 1
            return nil
        }
        var total = 0.0
        for arm in 0..<armCount {
            // The simplex may return −10⁻¹⁸-sized entries; they are zeros.
            probabilities[arm] = Swift.max(0, solution.primal[arm])
            total += probabilities[arm]
        }
        probabilities[armCount] = Swift.max(0, 1 - total)
        let choice = probabilities.withUnsafeBufferPointer { generator.nextIndex(weightedBy: $0) }
        return choice == armCount ? nil : choice
    }

    public mutating func update(arm: Int?, reward: Double, consumption: [Double]) throws(BanditError) {
        try validate(arm: arm, reward: reward, consumption: consumption)
        guard let arm else { return }
        estimates.record(arm: arm, reward: reward, consumption: consumption)
    }
}
