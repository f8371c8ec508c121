import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: ε_n-greedy, Softmax, explore-then-commit and the adversarial EXP3 family.
    ///
    /// The adversarial policies are registered as `.stochastic` entries: they run on the
    /// stochastic simulator (Bernoulli or other rewards in [0, 1]); parameters that the papers
    /// tune with the horizon default to `auto`, which reads T from the ``PolicyContext``.
    static let explorationEntries: [Entry] = [
        .stochastic(
            name: "epsilon-n-greedy", aliases: ["en-greedy", "epsilon-n"],
            summary: "ε_n-greedy: ε_n = min{1, cK/(d²n)} (Auer, Cesa-Bianchi & Fischer 2002, §3)",
            parameters: [
                ParameterDescriptor("c", default: "0.15", "c > 0, exploration constant (Theorem 3 needs c > 5)"),
                ParameterDescriptor("d", default: "0.1", "d ∈ (0, 1), lower bound on the smallest gap"),
            ]
        ) { arguments, context throws(BanditError) in
            try EpsilonNGreedy(
                armCount: context.armCount, explorationConstant: arguments.double("c"), gapLowerBound: arguments.double("d"),
                seed: context.seed)
        },
        .stochastic(
            name: "softmax", aliases: ["boltzmann"],
            summary: "Softmax/Boltzmann exploration, pⱼ ∝ exp(x̄ⱼ/τ) (Sutton & Barto 2018, §2.8)",
            parameters: [
                ParameterDescriptor("tau", default: "0.1", "τ > 0, temperature (τ₀ of the schedule when decreasing)"),
                ParameterDescriptor("decreasing", default: "false", "true: τ_t = τ₀/ln(t + 1)"),
            ]
        ) { arguments, context throws(BanditError) in
            try Softmax(
                armCount: context.armCount, temperature: arguments.double("tau"), decreasing: arguments.bool("decreasing"),
                seed: context.seed)
        },
        .stochastic(
            name: "explore-then-commit", aliases: ["etc"],
            summary: "Explore-then-commit: m pulls per arm, then the best mean (Lattimore & Szepesvári 2020, ch. 6)",
            parameters: [
                ParameterDescriptor("m", default: "auto", "pulls per arm m ≥ 1, or auto: eq. (6.5) from gap and T"),
                ParameterDescriptor("gap", default: "0.1", "Δ > 0 for m = max{1, ⌈4/Δ² ln(TΔ²/4)⌉} when m = auto"),
            ]
        ) { arguments, context throws(BanditError) in
            if try arguments.word("m") == "auto" {
                return try ExploreThenCommit(armCount: context.armCount, gap: arguments.double("gap"), horizon: context.horizon)
            }
            return try ExploreThenCommit(armCount: context.armCount, explorationLength: arguments.int("m"))
        },
        .stochastic(
            name: "exp3",
            summary: "Exp3, rewards in [0, 1] (Auer, Cesa-Bianchi, Freund & Schapire 2002)",
            parameters: [
                ParameterDescriptor("gamma", default: "auto", "γ ∈ (0, 1], or auto: min{1, √(K ln K/((e−1)T))} (Cor. 3.2)")
            ],
            rewardRange: { _ in 0...1 }
        ) { arguments, context throws(BanditError) in
            if try arguments.word("gamma") == "auto" {
                return try EXP3(armCount: context.armCount, horizon: context.horizon, seed: context.seed)
            }
            return try EXP3(armCount: context.armCount, explorationRate: arguments.double("gamma"), seed: context.seed)
        },
        .stochastic(
            name: "exp3-ix", aliases: ["exp3ix"],
            summary: "Exp3-IX, implicit exploration, rewards in [0, 1] (Neu 2015)",
            parameters: [
                ParameterDescriptor("eta", default: "auto", "η > 0, or auto: √(2 ln K/(KT)) (Theorem 1)"),
                ParameterDescriptor("gamma", default: "auto", "γ ≥ 0, or auto: η/2 (Theorem 1)"),
            ],
            rewardRange: { _ in 0...1 }
        ) { arguments, context throws(BanditError) in
            let eta = try arguments.word("eta") == "auto"
                ? EXP3IX.defaultLearningRate(armCount: context.armCount, horizon: context.horizon)
                : arguments.double("eta")
            let gamma = try arguments.word("gamma") == "auto" ? eta / 2 : arguments.double("gamma")
            return try EXP3IX(armCount: context.armCount, learningRate: eta, implicitExploration: gamma, seed: context.seed)
        },
        .stochastic(
            name: "tsallis-inf", aliases: ["tsallis"],
            summary: "½-Tsallis-INF, best of both worlds, rewards in [0, 1] (Zimmert & Seldin 2021)",
            parameters: [
                ParameterDescriptor("estimator", default: "iw", "iw (importance-weighted) or rv (reduced-variance, §3 eq. (6))"),
                ParameterDescriptor("scale", default: "auto", "c > 0 in η_t = c/√t, or auto: the paper's 2 (iw) or 4 (rv)"),
            ],
            rewardRange: { _ in 0...1 }
        ) { arguments, context throws(BanditError) in
            let estimator: TsallisINF.LossEstimator
            switch try arguments.word("estimator") {
            case "iw", "importance-weighted": estimator = .importanceWeighted
            case "rv", "reduced-variance": estimator = .reducedVariance
            case let other: throw .invalidParameter(name: "tsallis-inf.estimator", value: other, reason: "expected iw or rv")
            }
            let scale = try arguments.word("scale") == "auto" ? nil : arguments.double("scale")
            return try TsallisINF(armCount: context.armCount, estimator: estimator, learningRateScale: scale, seed: context.seed)
        },
    ]
}
