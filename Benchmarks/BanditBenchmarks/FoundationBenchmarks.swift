/// The foundation's policies on ten Bernoulli arms, T = 10⁴, 100 repetitions, all cores.
func runFoundationBenchmarks() throws {
    try benchmarkStochastic(policy: "ucb1", name: "ucb1")
    try benchmarkStochastic(policy: "thompson", name: "thompson-beta")
    try benchmarkStochastic(policy: "epsilon-greedy(epsilon=0.1)", name: "epsilon-greedy")
    try benchmarkStochastic(policy: "gaussian-thompson", name: "thompson-gaussian")
}
