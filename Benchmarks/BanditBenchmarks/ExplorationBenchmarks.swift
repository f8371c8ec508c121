/// The exploration family on ten Bernoulli arms, T = 10⁴, 100 repetitions, all cores.
func runExplorationBenchmarks() throws {
    try benchmarkStochastic(policy: "exp3", name: "exp3")
    try benchmarkStochastic(policy: "exp3-ix", name: "exp3-ix")
    try benchmarkStochastic(policy: "tsallis-inf", name: "tsallis-inf")
    try benchmarkStochastic(policy: "softmax(tau=0.1)", name: "softmax")
    try benchmarkStochastic(policy: "epsilon-n-greedy(c=0.15, d=0.1)", name: "epsilon-n-greedy")
    try benchmarkStochastic(policy: "explore-then-commit(m=100)", name: "explore-then-commit")
}
