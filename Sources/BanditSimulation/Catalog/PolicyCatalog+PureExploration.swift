import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: pure exploration (best-arm identification), run on the
    /// `pure_exploration` family — fixed budget (SH, BSH, SR, uniform) and fixed confidence
    /// (LUCB, KL-LUCB).
    static let pureExplorationEntries: [Entry] = [
        .fixedBudget(
            name: "sequential-halving", aliases: ["sh"],
            summary: "Sequential Halving: ⌈log₂ n⌉ rounds, keep the better half (Karnin, Koren & Somekh 2013)",
            parameters: [ParameterDescriptor("subset", default: "all", "arms considered: all, auto (largest power of 2 SH can sample once) or a number m")]
        ) { arguments, context throws(BanditError) in
            try SequentialHalving(
                armCount: context.armCount, budget: context.budget, subset: ArmSubsetSize(parameter: arguments.raw("subset")),
                seed: context.seed)
        },
        .fixedBudget(
            name: "bracketing-sequential-halving", aliases: ["bsh", "bracketing-sh"],
            summary: "Bracketing SH for T ≤ n: SH on nested random brackets of 2ᵏ arms (Zhao, Stephens, Szepesvári & Jun 2023)",
            parameters: []
        ) { _, context throws(BanditError) in
            try BracketingSequentialHalving(armCount: context.armCount, budget: context.budget, seed: context.seed)
        },
        .fixedBudget(
            name: "successive-rejects", aliases: ["sr"],
            summary: "Successive Rejects: K − 1 phases, reject the empirically worst arm (Audibert, Bubeck & Munos 2010)",
            parameters: [ParameterDescriptor("subset", default: "all", "arms considered: all, auto or a number m")]
        ) { arguments, context throws(BanditError) in
            try SuccessiveRejects(
                armCount: context.armCount, budget: context.budget, subset: ArmSubsetSize(parameter: arguments.raw("subset")),
                seed: context.seed)
        },
        .fixedBudget(
            name: "uniform-allocation", aliases: ["uniform"],
            summary: "Uniform allocation: round-robin, recommend the empirical best (Bubeck, Munos & Stoltz 2009)",
            parameters: []
        ) { _, context throws(BanditError) in
            try UniformAllocation(armCount: context.armCount, budget: context.budget, seed: context.seed)
        },
        .fixedConfidence(
            name: "lucb", aliases: ["lucb1"],
            summary: "LUCB1: sample leader and challenger until their Hoeffding bounds separate (Kalyanakrishnan et al. 2012)",
            parameters: [
                ParameterDescriptor("delta", default: "auto", "δ ∈ (0, 1), error probability (auto = the scenario's confidence)"),
                ParameterDescriptor("epsilon", default: "0", "ε ≥ 0, tolerance"),
                ParameterDescriptor("k1", default: "1.25", "k₁ in ln(k₁ n t⁴/δ) (5/4 = the paper)"),
            ]
        ) { arguments, context throws(BanditError) in
            try LUCB(
                armCount: context.armCount, confidence: confidence(arguments, context), tolerance: arguments.double("epsilon"),
                k1: arguments.double("k1"))
        },
        .fixedConfidence(
            name: "kl-lucb",
            summary: "KL-LUCB: LUCB with KL confidence bounds, β = ln(k₁ n t^α/δ) (Kaufmann & Kalyanakrishnan 2013)",
            parameters: [
                ParameterDescriptor("delta", default: "auto", "δ ∈ (0, 1), error probability (auto = the scenario's confidence)"),
                ParameterDescriptor("epsilon", default: "0", "ε ≥ 0, tolerance"),
                ParameterDescriptor("divergence", default: "bernoulli", "bernoulli or gaussian"),
                ParameterDescriptor("sigma", default: "1", "σ of Gaussian rewards"),
                ParameterDescriptor("alpha", default: "1.1", "α > 1 in β(t, δ)"),
                ParameterDescriptor("k1", default: "405.5", "k₁ > 1 + 1/(α − 1) in β(t, δ) (405.5 = the paper's experiments)"),
            ]
        ) { arguments, context throws(BanditError) in
            let divergence: KLDivergence
            switch try arguments.word("divergence") {
            case "bernoulli": divergence = .bernoulli
            case "gaussian":
                let sigma = try arguments.double("sigma")
                guard sigma.isFinite && sigma > 0 else { throw .invalidParameter(name: "sigma", value: "\(sigma)", reason: "must be finite and > 0") }
                divergence = .gaussian(variance: sigma * sigma)
            case let other: throw .invalidParameter(name: "divergence", value: other, reason: "expected bernoulli or gaussian")
            }
            return try LUCB.klLUCB(
                armCount: context.armCount, confidence: confidence(arguments, context), tolerance: arguments.double("epsilon"),
                divergence: divergence, alpha: arguments.double("alpha"), k1: arguments.double("k1"))
        },
    ]

    /// δ: the policy's own, or the scenario's when `auto`.
    static func confidence(_ arguments: BoundArguments, _ context: PureExplorationContext) throws(BanditError) -> Double {
        try arguments.word("delta") == "auto" ? context.confidence : arguments.double("delta")
    }
}
