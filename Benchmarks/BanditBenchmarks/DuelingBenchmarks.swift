import Bandits

/// Dueling policies on the Arithmetic matrix (K = 8, P[i][j] = ½ + 0.05(j − i); Komiyama et al.
/// 2015), average regret, all cores, as duels per second. Issue 6 asks for ≥ 5·10⁶ duels/s for
/// RMED1, RUCB and D-TS. The horizon is long enough (10⁵) for the policies to reach their
/// steady state, where most duels are the winner against itself.
func runDuelingBenchmarks() throws {
    let rows = (0..<8).map { i in "[" + (0..<8).map { j in "\(0.5 + 0.05 * Double(j - i))" }.joined(separator: ", ") + "]" }
    for (name, policy) in [("rmed1", "rmed1"), ("rucb", "rucb"), ("d-ts", "d-ts"), ("rmed2", "rmed2"), ("sparring", "sparring")] {
        let fullName = "simulate/\(name)/dueling-arithmetic-k8"
        guard selected(fullName) else { continue }
        let horizon = 100_000, repetitions = 40
        let scenario = try Scenario(yaml: """
            name: bench
            family: dueling
            horizon: \(horizon)
            repetitions: \(repetitions)
            seed: 1
            preference_matrix: [\(rows.joined(separator: ", "))]
            policies:
              - \(policy)
            """)
        let study = try Study(scenario: scenario, seed: 1, jobs: benchmarkCores)
        let seconds = try fastest(trials: 3) { _ = try study.run() }
        let duels = Double(horizon * repetitions)
        emit([
            "name": fullName, "value": duels / seconds, "unit": "duels/s",
            "horizon": horizon, "repetitions": repetitions, "threads": benchmarkCores, "seconds": seconds,
        ])
    }
}
