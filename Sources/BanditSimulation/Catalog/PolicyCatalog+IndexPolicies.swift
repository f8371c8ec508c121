import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: UCB-type index policies (UCB1-Tuned, UCB-V, MOSS, KL-UCB, Bayes-UCB, IMED).
    static let indexPolicyEntries: [Entry] = [
        .stochastic(
            name: "ucb1-tuned", aliases: ["ucb-tuned", "ucbtuned"],
            summary: "UCB1-Tuned: variance-aware UCB1 width (Auer, Cesa-Bianchi & Fischer 2002, §4)",
            parameters: []
        ) { _, context throws(BanditError) in
            try UCB1Tuned(armCount: context.armCount)
        },
        .stochastic(
            name: "ucb-v", aliases: ["ucbv"],
            summary: "UCB-V: empirical-Bernstein index, ℰₜ = ζ ln t (Audibert, Munos & Szepesvári 2009)",
            parameters: [
                ParameterDescriptor("zeta", default: "1.2", "ζ > 0, exploration function ℰₜ = ζ ln t (Theorem 1: ζ > 1)"),
                ParameterDescriptor("c", default: "1", "c ≥ 0, weight of the range term 3bℰₜ/s"),
                ParameterDescriptor("b", default: "1", "b > 0, rewards lie in [0, b]"),
            ]
        ) { arguments, context throws(BanditError) in
            try UCBV(
                armCount: context.armCount, explorationFactor: arguments.double("zeta"),
                rangeTermScale: arguments.double("c"), rewardRange: arguments.double("b"))
        },
        .stochastic(
            name: "moss",
            summary: "MOSS: mean + √(max(ln(T/(K nⱼ)), 0)/nⱼ), needs the horizon T (Audibert & Bubeck 2009)",
            parameters: []
        ) { _, context throws(BanditError) in
            try MOSS(armCount: context.armCount, horizon: context.horizon)
        },
        .stochastic(
            name: "moss-anytime", aliases: ["mossanytime"],
            summary: "MOSS-anytime: MOSS with t for T and width ×(1+α)/2 (Degenne & Perchet 2016)",
            parameters: [ParameterDescriptor("alpha", default: "1.35", "α ≥ 0, the width is scaled by (1 + α)/2")]
        ) { arguments, context throws(BanditError) in
            try MOSSAnytime(armCount: context.armCount, alpha: arguments.double("alpha"))
        },
        .stochastic(
            name: "kl-ucb", aliases: ["klucb"],
            summary: "KL-UCB: max{q : Nⱼ d(μ̂ⱼ, q) ≤ ln t + c ln ln t} (Garivier & Cappé 2011)",
            parameters: klParameters,
            rewardRange: { arguments throws(BanditError) in try divergence(arguments, policy: "kl-ucb").support }
        ) { arguments, context throws(BanditError) in
            try KLUCB(
                armCount: context.armCount, divergence: try divergence(arguments, policy: "kl-ucb"),
                logLogScale: arguments.double("c"))
        },
        .stochastic(
            name: "kl-ucb-plus", aliases: ["kl-ucb+", "klucb+", "klucbplus"],
            summary: "KL-UCB+: KL-UCB with ln(t/Nⱼ) + c ln ln t (Garivier & Cappé 2011; Kaufmann 2018)",
            parameters: klParameters,
            rewardRange: { arguments throws(BanditError) in try divergence(arguments, policy: "kl-ucb-plus").support }
        ) { arguments, context throws(BanditError) in
            try KLUCBPlus(
                armCount: context.armCount, divergence: try divergence(arguments, policy: "kl-ucb-plus"),
                logLogScale: arguments.double("c"))
        },
        .stochastic(
            name: "bayes-ucb", aliases: ["bayesucb"],
            summary: "Bayes-UCB: posterior quantile 1 − 1/(t (ln T)^c), Beta or Gaussian (Kaufmann, Cappé & Garivier 2012)",
            parameters: [
                ParameterDescriptor("model", default: "bernoulli", "posterior: bernoulli (Beta(1,1) prior) or gaussian (known σ, flat prior)"),
                ParameterDescriptor("c", default: "0", "c ≥ 0, exponent of ln T in the quantile level (0 = the paper's experiments)"),
                ParameterDescriptor("sigma", default: "1", "σ > 0, reward standard deviation (gaussian)"),
            ],
            rewardRange: { arguments throws(BanditError) in
                let model = try arguments.word("model")
                return model == "gaussian" || model == "normal" ? -Double.infinity...Double.infinity : 0...1
            }
        ) { arguments, context throws(BanditError) in
            let model: BayesUCB.Model
            switch try arguments.word("model") {
            case "bernoulli", "beta": model = .bernoulli
            case "gaussian", "normal": model = .gaussian(standardDeviation: try arguments.double("sigma"))
            case let other:
                throw .invalidParameter(name: "bayes-ucb.model", value: other, reason: "expected bernoulli or gaussian")
            }
            return try BayesUCB(
                armCount: context.armCount, model: model, horizon: context.horizon,
                logHorizonExponent: arguments.double("c"))
        },
        .stochastic(
            name: "imed",
            summary: "IMED: pull the minimiser of Nⱼ d(μ̂ⱼ, μ̂*) + ln Nⱼ (Honda & Takemura 2015)",
            parameters: [
                ParameterDescriptor("divergence", default: "bernoulli", "bernoulli, gaussian, poisson or exponential"),
                ParameterDescriptor("sigma", default: "1", "σ > 0, reward standard deviation (gaussian)"),
            ],
            rewardRange: { arguments throws(BanditError) in try divergence(arguments, policy: "imed").support }
        ) { arguments, context throws(BanditError) in
            try IMED(armCount: context.armCount, divergence: try divergence(arguments, policy: "imed"))
        },
    ]

    /// The parameters of KL-UCB and KL-UCB+.
    private static let klParameters = [
        ParameterDescriptor("divergence", default: "bernoulli", "bernoulli, gaussian, poisson or exponential"),
        ParameterDescriptor("c", default: "0", "c ≥ 0, weight of ln ln t in the exploration level (0 = the paper's experiments)"),
        ParameterDescriptor("sigma", default: "1", "σ > 0, reward standard deviation (gaussian)"),
    ]

    /// The `divergence` (and, for gaussian, `sigma`) arguments as a ``KLDivergence``.
    private static func divergence(_ arguments: BoundArguments, policy: String) throws(BanditError) -> KLDivergence {
        switch try arguments.word("divergence") {
        case "bernoulli": return .bernoulli
        case "gaussian", "normal":
            let sigma = try arguments.double("sigma")
            guard sigma > 0 else {
                throw .invalidParameter(name: "\(policy).sigma", value: "\(sigma)", reason: "must be finite and > 0")
            }
            return .gaussian(variance: sigma * sigma)
        case "poisson": return .poisson
        case "exponential": return .exponential
        case let other:
            throw .invalidParameter(
                name: "\(policy).divergence", value: other, reason: "expected bernoulli, gaussian, poisson or exponential")
        }
    }
}
