import Bandits

/// Ten Gaussian arms whose standard deviations span two orders of magnitude (0.05 to 2): the
/// setting VarTS is for. Means as the ten-arm Bernoulli instance.
let tenHeterogeneousGaussianArms: [Specification] = zip(tenBernoulliMeans, [0.05, 0.1, 0.2, 0.5, 1, 2, 0.05, 0.1, 0.5, 2]).map {
    Specification(name: "gaussian", labelled: ["mean": $0, "sd": $1])
}

/// Thompson sampling beyond the foundation (Normal–Gamma, VarTS, optimistic, reshaped), T = 10⁴,
/// 100 repetitions, all cores.
func runThompsonSamplingBenchmarks() throws {
    let gaussian = (arms: tenHeterogeneousGaussianArms, instance: "gaussian-heteroscedastic-k10")
    try benchmarkStochastic(policy: "varts", name: "varts-unknown", arms: gaussian.arms, instance: gaussian.instance)
    try benchmarkStochastic(policy: "varts", name: "varts-unknown")
    try benchmarkStochastic(
        policy: "varts(variant=known, sigma=0.05;0.1;0.2;0.5;1;2;0.05;0.1;0.5;2)", name: "varts-known",
        arms: gaussian.arms, instance: gaussian.instance)
    try benchmarkStochastic(policy: "normal-gamma-thompson", name: "normal-gamma-thompson", arms: gaussian.arms, instance: gaussian.instance)
    try benchmarkStochastic(policy: "optimistic-thompson", name: "optimistic-thompson")
    try benchmarkStochastic(policy: "reshaped-thompson(alpha=0.5)", name: "reshaped-thompson")
}
