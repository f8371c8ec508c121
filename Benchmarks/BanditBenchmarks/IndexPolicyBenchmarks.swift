import Bandits

/// Simulation throughput of the UCB-type index policies on the ten Bernoulli arms of Auer et
/// al. (2002), distribution 12, and KL-UCB on the low-reward instance of Garivier & Cappé
/// (2011), where its indices differ most from UCB's.

func runIndexPolicyBenchmarks() throws {
    try benchmarkStochastic(policy: "kl-ucb", name: "kl-ucb")
    try benchmarkStochastic(
        policy: "kl-ucb", name: "kl-ucb",
        arms: [0.1, 0.05, 0.05, 0.05, 0.02, 0.02, 0.02, 0.01, 0.01, 0.01].map { Specification(name: "bernoulli", labelled: ["p": $0]) },
        instance: "bernoulli-k10-low")
    try benchmarkStochastic(policy: "kl-ucb-plus", name: "kl-ucb-plus")
    try benchmarkStochastic(policy: "moss", name: "moss")
    try benchmarkStochastic(policy: "moss-anytime", name: "moss-anytime")
    try benchmarkStochastic(policy: "ucb-v", name: "ucb-v")
    try benchmarkStochastic(policy: "ucb1-tuned", name: "ucb1-tuned")
    try benchmarkStochastic(policy: "imed", name: "imed")
    try benchmarkStochastic(policy: "bayes-ucb", name: "bayes-ucb", horizon: 2_000, repetitions: 20)
}
