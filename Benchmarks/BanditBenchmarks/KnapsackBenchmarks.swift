import Bandits

/// Bandits with knapsacks (issue 7):
/// - PrimalDualBwK through the simulator on K = 10 Bernoulli arms (the means of the K-armed
///   benchmarks) and d = 2 Bernoulli resources, T = 10⁴, 100 repetitions, all cores; budgets
///   B = T so no run stops early and every round is a real step. Target ≥ 2·10⁶ steps/s.
/// - UCB-BwK's cost per round — one optimistic LP solved by GLPK, then a draw — in µs, for
///   K ∈ {10, 50} and d ∈ {1, 5}, single-threaded, on the policy alone.
func runKnapsackBenchmarks() throws {
    let name = "simulate/primal-dual-bwk/knapsack-k10-d2"
    if selected(name) {
        let arms = tenBernoulliMeans.enumerated().map { index, mean in
            "  - {model: bernoulli, reward: \(mean), consumption: [\(0.2 + 0.05 * Double(index)), \(0.7 - 0.05 * Double(index))]}"
        }
        let horizon = 10_000
        let repetitions = 100
        let scenario = try Scenario(yaml: """
            name: bench
            family: knapsack
            horizon: \(horizon)
            repetitions: \(repetitions)
            seed: 1
            budget_fractions: [1, 1]
            arms:
            \(arms.joined(separator: "\n"))
            policies:
              - primal-dual-bwk
            """)
        let study = try Study(scenario: scenario, seed: 1, jobs: benchmarkCores)
        let seconds = try fastest(trials: 5) { _ = try study.run() }
        let steps = Double(horizon * repetitions)
        emit([
            "name": name, "value": steps / seconds, "unit": "steps/s",
            "horizon": horizon, "repetitions": repetitions, "threads": benchmarkCores, "seconds": seconds,
        ])
    }
    for armCount in [10, 50] {
        for resourceCount in [1, 5] {
            let name = "policy/ucb-bwk-round/k\(armCount)-d\(resourceCount)"
            guard selected(name) else { continue }
            let horizon = 100_000
            let budgets = [Double](repeating: 0.3 * Double(horizon), count: resourceCount)
            var generator = Xoshiro256PlusPlus(seed: 7)
            // Fixed per-arm means so the LP has a non-trivial optimum.
            let rewards = (0..<armCount).map { _ in generator.nextUniform() }
            let costs = (0..<(armCount * resourceCount)).map { _ in generator.nextUniform() }
            var consumption = [Double](repeating: 0, count: resourceCount)
            var policy = try UCBBwK(armCount: armCount, budgets: budgets, horizon: horizon, seed: 3)
            func play(_ round: Int) throws {
                guard let arm = policy.selectArm(remainingBudgets: budgets, round: round) else {
                    try policy.update(arm: nil, reward: 0, consumption: [Double](repeating: 0, count: resourceCount))
                    return
                }
                for j in 0..<resourceCount { consumption[j] = generator.nextUniform() < costs[arm * resourceCount + j] ? 1 : 0 }
                try policy.update(arm: arm, reward: generator.nextUniform() < rewards[arm] ? 1 : 0, consumption: consumption)
            }
            var round = 1
            // Warm-up: the initial pull of each arm, then some learning.
            while round <= armCount + 200 { try play(round); round += 1 }
            let rounds = 2_000
            let seconds = try fastest(trials: 3) {
                for _ in 0..<rounds { try play(round); round += 1 }
            }
            emit([
                "name": name, "value": seconds / Double(rounds) * 1e6, "unit": "µs/round",
                "arms": armCount, "resources": resourceCount, "rounds": rounds, "threads": 1,
            ])
        }
    }
}
