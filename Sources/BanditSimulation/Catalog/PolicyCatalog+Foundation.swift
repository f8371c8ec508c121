import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Every built-in policy, family by family.
    public static let standard = PolicyCatalog(
        entries: foundationEntries + indexPolicyEntries + explorationEntries + thompsonSamplingEntries + linearEntries + duelingEntries + heavyTailedEntries
            + pureExplorationEntries + knapsackEntries)

    /// The first stochastic policies: UCB1, ε-greedy and Thompson sampling (Beta and Gaussian).
    static let foundationEntries: [Entry] = [
        .stochastic(
            name: "ucb1", summary: "UCB1: mean + α·√(2 ln n / nⱼ) (Auer, Cesa-Bianchi & Fischer 2002)",
            parameters: [ParameterDescriptor("alpha", default: "1", "α, scale of the confidence width (1 = the paper)")]
        ) { arguments, context throws(BanditError) in
            try UCB1(armCount: context.armCount, explorationScale: arguments.double("alpha"))
        },
        .stochastic(
            name: "epsilon-greedy", aliases: ["egreedy", "e-greedy"],
            summary: "ε-greedy: explore uniformly with probability ε, else exploit (Sutton & Barto 2018)",
            parameters: [ParameterDescriptor("epsilon", default: "0.1", "ε ∈ [0, 1], exploration probability")]
        ) { arguments, context throws(BanditError) in
            try EpsilonGreedy(armCount: context.armCount, epsilon: arguments.double("epsilon"), seed: context.seed)
        },
        .stochastic(
            name: "thompson", aliases: ["ts", "thompson-beta", "beta-thompson"],
            summary: "Thompson sampling, Beta–Bernoulli, rewards in [0, 1] (Thompson 1933; Agrawal & Goyal 2012)",
            parameters: [
                ParameterDescriptor("a", default: "1", "prior successes a₀ > 0"),
                ParameterDescriptor("b", default: "1", "prior failures b₀ > 0"),
                ParameterDescriptor("binarize", default: "false", "true: count a reward r as one Bernoulli(r) trial"),
            ],
            rewardRange: { _ in 0...1 }
        ) { arguments, context throws(BanditError) in
            try BernoulliThompsonSampling(
                armCount: context.armCount, priorSuccesses: arguments.double("a"), priorFailures: arguments.double("b"),
                binarize: arguments.bool("binarize"), seed: context.seed)
        },
        .stochastic(
            name: "gaussian-thompson", aliases: ["thompson-gaussian", "gts"],
            summary: "Thompson sampling, Gaussian rewards with known σ (Agrawal & Goyal 2013)",
            parameters: [
                ParameterDescriptor("mu0", default: "0", "prior mean μ₀"),
                ParameterDescriptor("sigma0", default: "1", "prior standard deviation σ₀ > 0"),
                ParameterDescriptor("sigma", default: "1", "reward noise standard deviation σ > 0"),
            ]
        ) { arguments, context throws(BanditError) in
            try GaussianThompsonSampling(
                armCount: context.armCount, priorMean: arguments.double("mu0"),
                priorStandardDeviation: arguments.double("sigma0"), noiseStandardDeviation: arguments.double("sigma"),
                seed: context.seed)
        },
        .stochastic(
            name: "ucb-chapelle-li", aliases: ["ucb-cl"],
            summary: "UCB variant of Chapelle & Li 2011: x̄ + √(2x̄ ln(1/δ)/m) + 2 ln(1/δ)/m, δ = √(1/t)",
            parameters: [],
            rewardRange: { _ in 0...1 }
        ) { _, context throws(BanditError) in
            try ChapelleLiUCB(armCount: context.armCount)
        },
    ]
}
