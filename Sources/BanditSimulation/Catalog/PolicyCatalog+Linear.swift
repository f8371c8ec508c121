import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: linear and generalised-linear contextual policies.
    static let linearEntries: [Entry] = [
        .contextual(
            name: "linucb",
            summary: "LinUCB, shared model: x_aᵀθ̂ + α‖x_a‖_{A⁻¹} (Li, Chu, Langford & Schapire 2010; Chu et al. 2011)",
            parameters: [
                ParameterDescriptor("alpha", default: "1", "α, width multiplier (Li et al. 2010, Eq. (5))"),
                ParameterDescriptor("lambda", default: "1", "λ > 0, ridge regularisation A = λI + Σ xxᵀ"),
            ]
        ) { arguments, context throws(BanditError) in
            try LinUCB(
                armCount: context.armCount, dimension: context.dimension, explorationScale: arguments.double("alpha"),
                regularization: arguments.double("lambda"))
        },
        .contextual(
            name: "linucb-disjoint",
            summary: "LinUCB with disjoint per-arm models (Li, Chu, Langford & Schapire 2010, Algorithm 1)",
            parameters: [
                ParameterDescriptor("alpha", default: "1", "α, width multiplier (Eq. (5))"),
                ParameterDescriptor("lambda", default: "1", "λ > 0, per-arm ridge regularisation"),
            ]
        ) { arguments, context throws(BanditError) in
            try LinUCBDisjoint(
                armCount: context.armCount, dimension: context.dimension, explorationScale: arguments.double("alpha"),
                regularization: arguments.double("lambda"))
        },
        .contextual(
            name: "linucb-hybrid",
            summary: "LinUCB with hybrid shared + per-arm models (Li, Chu, Langford & Schapire 2010, Algorithm 2)",
            parameters: [
                ParameterDescriptor("alpha", default: "1", "α, width multiplier (Eq. (5))"),
                ParameterDescriptor("lambda", default: "1", "λ > 0, ridge regularisation of A₀ and every A_a"),
                ParameterDescriptor("shared", default: "all", "rows 0..<shared are the shared features z, the rest the per-arm x; all: z = x = the whole column"),
            ]
        ) { arguments, context throws(BanditError) in
            let d = context.dimension
            var shared = 0..<d, own = 0..<d
            if try arguments.word("shared") != "all" {
                let m = try arguments.int("shared")
                guard m >= 1 && m < d else {
                    throw .invalidParameter(name: "linucb-hybrid.shared", value: "\(m)", reason: "must be in 1..<\(d) (or all)")
                }
                shared = 0..<m
                own = m..<d
            }
            return try LinUCBHybrid(
                armCount: context.armCount, dimension: d, sharedRows: shared, armRows: own,
                explorationScale: arguments.double("alpha"), regularization: arguments.double("lambda"))
        },
        .contextual(
            name: "oful",
            summary: "OFUL, self-normalised confidence ellipsoid (Abbasi-Yadkori, Pál & Szepesvári 2011, Theorem 2)",
            parameters: [
                ParameterDescriptor("r", default: "1", "R, sub-Gaussian constant of the noise"),
                ParameterDescriptor("s", default: "1", "S ≥ ‖θ*‖₂"),
                ParameterDescriptor("delta", default: "0.05", "δ ∈ (0, 1), confidence level"),
                ParameterDescriptor("lambda", default: "1", "λ > 0, ridge regularisation"),
            ]
        ) { arguments, context throws(BanditError) in
            try OFUL(
                armCount: context.armCount, dimension: context.dimension, noiseScale: arguments.double("r"),
                parameterBound: arguments.double("s"), confidence: arguments.double("delta"),
                regularization: arguments.double("lambda"))
        },
        .contextual(
            name: "lints", aliases: ["linear-thompson", "lin-ts"],
            summary: "Linear Thompson sampling through the Cholesky factor (Agrawal & Goyal 2013, Algorithm 1)",
            parameters: [
                ParameterDescriptor("r", default: "1", "R, sub-Gaussian constant of the noise"),
                ParameterDescriptor("epsilon", default: "0.5", "ε ∈ (0, 1) in v = R√(24 d ln(1/δ)/ε)"),
                ParameterDescriptor("delta", default: "0.05", "δ ∈ (0, 1)"),
                ParameterDescriptor("scale", default: "1", "multiplier of the paper's v (1 = the paper)"),
                ParameterDescriptor("lambda", default: "1", "λ > 0, ridge regularisation"),
                ParameterDescriptor("v", default: "paper", "posterior scale v itself (overrides r, epsilon, delta, scale)"),
            ]
        ) { arguments, context throws(BanditError) in
            if try arguments.word("v") != "paper" {
                return try LinTS(
                    armCount: context.armCount, dimension: context.dimension, posteriorScale: arguments.double("v"),
                    regularization: arguments.double("lambda"), seed: context.seed)
            }
            return try LinTS(
                armCount: context.armCount, dimension: context.dimension, noiseScale: arguments.double("r"),
                epsilon: arguments.double("epsilon"), confidence: arguments.double("delta"),
                scale: arguments.double("scale"), regularization: arguments.double("lambda"), seed: context.seed)
        },
        .contextual(
            name: "glm-ucb", aliases: ["ucb-glm"], requiredLink: .logistic,
            summary: "UCB-GLM, logistic link, MLE by Newton/IRLS (Li, Lu & Zhou 2017; Filippi et al. 2010)",
            parameters: [
                ParameterDescriptor("alpha", default: "1", "α, width multiplier (Li et al. 2017, Algorithm 1)"),
                ParameterDescriptor("lambda", default: "1", "λ > 0, ridge term of V and of the likelihood"),
                ParameterDescriptor("steps", default: "5", "Newton steps per fit"),
                ParameterDescriptor("growth", default: "0.05", "refit when the sample grew by this fraction (0 = every round)"),
            ]
        ) { arguments, context throws(BanditError) in
            try UCBGLM(
                armCount: context.armCount, dimension: context.dimension, explorationScale: arguments.double("alpha"),
                regularization: arguments.double("lambda"), newtonSteps: arguments.int("steps"),
                refitGrowth: arguments.double("growth"))
        },
        .contextual(
            name: "linear-epsilon-greedy", aliases: ["linear-egreedy", "lin-egreedy"],
            summary: "Linear ε-greedy on the ridge estimate (Li et al. 2010, §5.2; Sutton & Barto 2018)",
            parameters: [
                ParameterDescriptor("epsilon", default: "0.1", "ε ∈ [0, 1], exploration probability"),
                ParameterDescriptor("lambda", default: "1", "λ > 0, ridge regularisation"),
            ]
        ) { arguments, context throws(BanditError) in
            try LinearEpsilonGreedy(
                armCount: context.armCount, dimension: context.dimension, epsilon: arguments.double("epsilon"),
                regularization: arguments.double("lambda"), seed: context.seed)
        },
    ]
}
