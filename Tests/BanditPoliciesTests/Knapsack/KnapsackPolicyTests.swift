import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// A primal player that records the rewards it is fed and plays a fixed arm.
private struct RecordingPrimal: BanditPolicy {
    let armCount: Int
    var arm: Int
    var received: [(arm: Int, reward: Double)] = []
    mutating func selectArm() -> Int { arm }
    mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        received.append((arm, reward))
    }
}

/// Feeds every kind of bad feedback and checks each is refused with the error naming the
/// field, and that the policy then behaves exactly like an untouched copy.
private func expectRejectsBadFeedback<P: KnapsackPolicy>(_ policy: P, resources: Int, budgets: [Double]) {
    var policy = policy
    let good = [Double](repeating: 0.5, count: resources)
    let cases: [(Int?, Double, [Double], BanditError)] = [
        (policy.armCount, 0.5, good, .unknownArm(arm: policy.armCount, armCount: policy.armCount)),
        (-1, 0.5, good, .unknownArm(arm: -1, armCount: policy.armCount)),
        (0, .nan, good, .nonFiniteReward(arm: 0, value: .nan)),
        (0, 1.5, good, .invalidParameter(name: "reward", value: "1.5", reason: "must lie in [0, 1]")),
        (0, 0.5, good + [0], .dimensionMismatch(name: "consumption", expected: resources, actual: resources + 1)),
        (0, 0.5, [.infinity] + good.dropFirst(), .invalidParameter(name: "consumption[0]", value: "inf", reason: "must be a finite number in [−1, 1]")),
        (0, 0.5, [-2] + good.dropFirst(), .invalidParameter(name: "consumption[0]", value: "-2.0", reason: "must be a finite number in [−1, 1]")),
        (nil, 0.5, [Double](repeating: 0, count: resources), .invalidParameter(name: "reward", value: "0.5", reason: "the null arm yields no reward and consumes nothing")),
    ]
    var reference = policy
    for (arm, reward, consumption, expected) in cases {
        do {
            try policy.update(arm: arm, reward: reward, consumption: consumption)
            Issue.record("accepted \(String(describing: arm)), \(reward), \(consumption)")
        } catch {
            if case .nonFiniteReward = expected, case .nonFiniteReward(let a, let v) = error {
                #expect(a == 0 && v.isNaN)
            } else {
                #expect(error == expected)
            }
        }
    }
    // Unchanged: the same choices as the untouched copy over 50 rounds of identical feedback.
    for round in 1...50 {
        let mine = policy.selectArm(remainingBudgets: budgets, round: round)
        let theirs = reference.selectArm(remainingBudgets: budgets, round: round)
        #expect(mine == theirs)
        let consumption = [Double](repeating: mine == nil ? 0 : 0.25, count: resources)
        try? policy.update(arm: mine, reward: mine == nil ? 0 : 0.5, consumption: consumption)
        try? reference.update(arm: theirs, reward: theirs == nil ? 0 : 0.5, consumption: consumption)
    }
}

@Suite("Knapsack policies")
struct KnapsackPolicyTests {
    let budgets = [250.0, 400.0]
    let horizon = 1_000

    @Test("every policy refuses bad feedback with a typed error and stays unchanged")
    func badFeedback() throws {
        expectRejectsBadFeedback(try PrimalDualBwK(armCount: 3, budgets: budgets, horizon: horizon), resources: 2, budgets: budgets)
        expectRejectsBadFeedback(try UCBBwK(armCount: 3, budgets: budgets, horizon: horizon, seed: 1), resources: 2, budgets: budgets)
        expectRejectsBadFeedback(try LagrangeBwK(armCount: 3, budgets: budgets, horizon: horizon, seed: 1), resources: 2, budgets: budgets)
        expectRejectsBadFeedback(try ReplenishablePrimalDual(armCount: 3, budgets: budgets, horizon: horizon, seed: 1), resources: 2, budgets: budgets)
        expectRejectsBadFeedback(BudgetObliviousPolicy(base: try UCB1(armCount: 3), resourceCount: 2), resources: 2, budgets: budgets)
    }

    @Test("bad construction parameters are typed errors naming the parameter")
    func badParameters() {
        #expect(throws: BanditError.invalidParameter(name: "budgets[1]", value: "0.0", reason: "must be finite and positive")) {
            try PrimalDualBwK(armCount: 2, budgets: [1, 0], horizon: 10)
        }
        #expect(throws: BanditError.invalidParameter(name: "budgets", value: "[]", reason: "needs at least one resource")) {
            try UCBBwK(armCount: 2, budgets: [], horizon: 10, seed: 0)
        }
        #expect(throws: BanditError.invalidParameter(name: "primal-dual-bwk.gamma", value: "-1.0", reason: "must be finite and ≥ 0")) {
            try PrimalDualBwK(armCount: 2, budgets: [1], horizon: 10, radiusScale: -1)
        }
        #expect(throws: BanditError.invalidParameter(name: "primal", value: "2 arms", reason: "needs K + 1 = 3 arms (the last is the null arm)")) {
            try LagrangeBwK(armCount: 2, budgets: [1], horizon: 10, primal: RecordingPrimal(armCount: 2, arm: 0))
        }
    }

    /// BKS 2018's PrimalDualBwK, by hand: K = 2, one resource with B = 100, T = 1000 (so
    /// ρ = 0.1, ε = √(ln 2/100)), γ = 0 (the bounds are the empirical means). After the two
    /// exploration pulls — arm 0: reward 1, consumption 1; arm 1: reward 0.2, consumption 0 —
    /// the bang-per-buck ratios with v = (1, 1) are 1/(1 + 0.1) and 0.2/0.1 = 2: arm 1 wins,
    /// and the prices move to ((1 + ε)⁰, (1 + ε)^0.1).
    @Test("PrimalDualBwK explores each arm once, then picks the best bang per buck and updates prices")
    func primalDualByHand() throws {
        var policy = try PrimalDualBwK(armCount: 2, budgets: [100], horizon: 1_000, radiusScale: 0)
        #expect(policy.selectArm(remainingBudgets: [100], round: 1) == 0)
        try policy.update(arm: 0, reward: 1, consumption: [1])
        #expect(policy.selectArm(remainingBudgets: [99], round: 2) == 1)
        try policy.update(arm: 1, reward: 0.2, consumption: [0])
        #expect(policy.selectArm(remainingBudgets: [99], round: 3) == 1)
        let epsilon = (log(2.0) / 100).squareRoot()
        #expect(abs(policy.learningRate - epsilon) < 1e-15)
        #expect(policy.prices[0] == 1)
        #expect(abs(policy.prices[1] - pow(1 + epsilon, 0.1)) < 1e-12)
    }

    /// UCB-BwK with γ = 0 solves the LP of the empirical means. Arms: (reward 1, cost 1) and
    /// (reward 0.5, cost 0), per-round budget 0.25: the LP puts p₀ = 0.25 (the budget binds)
    /// and p₁ = 0.75 (value 0.625). 4,000 selections without updates are then i.i.d. with
    /// P(arm 0) = 0.25; the count is within 4.5 binomial standard deviations (√(4000·¼·¾) ≈ 27)
    /// except with probability < 10⁻⁵.
    @Test("UCB-BwK samples the solution of its optimistic LP")
    func ucbBwKSamplesTheLP() throws {
        var policy = try UCBBwK(armCount: 2, budgets: [250], horizon: 1_000, radiusScale: 0, seed: 11)
        #expect(policy.selectArm(remainingBudgets: [250], round: 1) == 0)
        try policy.update(arm: 0, reward: 1, consumption: [1])
        #expect(policy.selectArm(remainingBudgets: [249], round: 2) == 1)
        try policy.update(arm: 1, reward: 0.5, consumption: [0])
        var counts = [0, 0, 0]
        for round in 3..<4_003 {
            switch policy.selectArm(remainingBudgets: [249], round: round) {
            case let arm?: counts[arm] += 1
            case nil: counts[2] += 1
            }
        }
        #expect(abs(Double(counts[0]) - 1_000) <= 4.5 * (4_000 * 0.25 * 0.75).squareRoot())
        // p₀ + p₁ = 1 at the optimum: the null arm has probability 0.
        #expect(counts[2] == 0)
        #expect(policy.solverFailures == 0)
    }

    /// LagrangeBwK's payoff to the primal, by hand: ρ = B/T = 0.25 with d = 1, λ = (½, ½)
    /// initially (Hedge over the resource and time), a pull with reward 0.6 and consumption 0.5:
    /// L = 0.6 + ½(1 − 0.5/0.25) + ½·0 = 0.1, rescaled (L − (1 − 4))/(1 + 8) = 3.1/9.
    @Test("LagrangeBwK feeds its primal the rescaled Lagrangian and its dual the consumption gains")
    func lagrangeByHand() throws {
        var policy = try LagrangeBwK(armCount: 2, budgets: [250], horizon: 1_000, primal: RecordingPrimal(armCount: 3, arm: 1))
        #expect(policy.selectArm(remainingBudgets: [250], round: 1) == 1)
        try policy.update(arm: 1, reward: 0.6, consumption: [0.5])
        #expect(policy.primal.received.count == 1)
        #expect(abs(policy.primal.received[0].reward - 3.1 / 9) < 1e-15)
        // Hedge: gains (0.5 − 0.25, 0) mapped to (g + 1 + ρ)/2 = (0.75, 0.625); η = √(8 ln 2/1000).
        let eta = (8 * log(2.0) / 1_000).squareRoot()
        let expected = 1 / (1 + exp(eta * (0.625 - 0.75)))
        #expect(abs(policy.dual.multipliers[0] - expected) < 1e-15)
        // The primal's null arm K = 2 is the null arm of the knapsack problem.
        var nullPolicy = try LagrangeBwK(armCount: 2, budgets: [250], horizon: 1_000, primal: RecordingPrimal(armCount: 3, arm: 2))
        #expect(nullPolicy.selectArm(remainingBudgets: [250], round: 1) == nil)
    }

    /// Bernasconi et al. 2024, Algorithm 1: with a budget below 1 the void action is played and
    /// neither player learns; otherwise the primal gets f − ⟨λ, c̃⟩ rescaled by the bound
    /// |⟨λ, c̃⟩| ≤ d/ρ, and the dual moves by η(c̃ − ρ) within [0, 1/ρ].
    @Test("replenishable template: void action below a unit of budget, Lagrangian feedback otherwise")
    func replenishableTemplate() throws {
        let rho = 0.25
        let dual = try ProjectedGradientDualPlayer(count: 1, rate: rho, horizon: 1_000)
        var policy = try ReplenishablePrimalDual(
            armCount: 2, budgets: [250], horizon: 1_000, primal: RecordingPrimal(armCount: 3, arm: 0), dual: dual)
        #expect(policy.selectArm(remainingBudgets: [0.999], round: 1) == nil)
        try policy.update(arm: nil, reward: 0, consumption: [0])
        #expect(policy.primal.received.isEmpty && policy.dual.multipliers == [0] && policy.voidRounds == 1)

        #expect(policy.selectArm(remainingBudgets: [1], round: 2) == 0)
        try policy.update(arm: 0, reward: 0.6, consumption: [0.5])
        // λ = 0: f − 0 = 0.6, rescaled (0.6 + 4)/(1 + 8).
        #expect(abs(policy.primal.received[0].reward - 4.6 / 9) < 1e-15)
        let eta = 1 / (rho * (1 + rho) * 1_000.0.squareRoot())
        #expect(abs(policy.dual.multipliers[0] - eta * 0.25) < 1e-15)
        // A replenishing pull (consumption −1) pushes λ back down, clipped at 0.
        _ = policy.selectArm(remainingBudgets: [1], round: 3)
        try policy.update(arm: 0, reward: 0, consumption: [-1])
        #expect(policy.dual.multipliers[0] == 0)
    }

    /// Projected gradient ascent stays in [0, 1/ρ]: a long run of maximal gains saturates at
    /// 1/ρ exactly.
    @Test("the projected-gradient dual player is clipped to its box")
    func gradientPlayerBox() throws {
        var player = try ProjectedGradientDualPlayer(count: 2, rate: 0.5, horizon: 100)
        for _ in 0..<10_000 { player.update(gains: [0.5, -1.5]) }
        #expect(player.multipliers == [2, 0])
    }

    /// The confidence radius of Kleinberg, Slivkins & Upfal: rad(ν, N) = √(γν/N) + γ/N.
    @Test("knapsack estimates: radius, clipped bounds, replenishment floor")
    func estimates() {
        var estimates = KnapsackEstimates(armCount: 2, resourceCount: 1, radiusScale: 0.08)
        #expect(estimates.rewardUpperBound(arm: 0) == 1 && estimates.consumptionLowerBound(arm: 0, resource: 0) == 0)
        for _ in 0..<8 { estimates.record(arm: 0, reward: 0.5, consumption: [0.5]) }
        let radius = (0.08 * 0.5 / 8).squareRoot() + 0.08 / 8
        #expect(abs(estimates.rewardUpperBound(arm: 0) - (0.5 + radius)) < 1e-15)
        #expect(abs(estimates.consumptionLowerBound(arm: 0, resource: 0) - (0.5 - radius)) < 1e-15)
        estimates.record(arm: 1, reward: 0, consumption: [-0.5])
        // Once arm 1 replenished, its lower bound may go below 0 (floor −1):
        // −0.5 − (√(0.08·0.5/1) + 0.08/1) = −0.78.
        #expect(abs(estimates.consumptionLowerBound(arm: 1, resource: 0) + 0.78) < 1e-15)
        // A single replenishing pull with a wide radius hits the floor.
        var wide = KnapsackEstimates(armCount: 1, resourceCount: 1, radiusScale: 4)
        wide.record(arm: 0, reward: 0, consumption: [-0.5])
        #expect(wide.consumptionLowerBound(arm: 0, resource: 0) == -1)
    }
}
