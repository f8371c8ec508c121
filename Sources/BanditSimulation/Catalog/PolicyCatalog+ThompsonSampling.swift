import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: Thompson sampling beyond the foundation: Normal–Gamma, variance-adaptive (VarTS), optimistic and reshaped posteriors.
    ///
    /// Posterior reshaping is its own name, `reshaped-thompson(alpha)`, rather than a parameter of
    /// `thompson`: the foundation entry keeps its parameter list (and the canonical descriptions
    /// recorded in earlier results) unchanged. Both build ``BernoulliThompsonSampling``, and
    /// `reshaped-thompson(alpha=1)` makes exactly the decisions of `thompson`.
    ///
    /// VarTS's per-arm parameters take one number (every arm) or one per arm separated by `;`,
    /// e.g. `varts(variant=known, sigma=0.1;0.1;2)`.
    static let thompsonSamplingEntries: [Entry] = [
        .stochastic(
            name: "normal-gamma-thompson", aliases: ["ng-thompson", "thompson-normal-gamma"],
            summary: "Thompson sampling, Gaussian rewards with unknown mean and variance, Normal–Gamma prior (Honda & Takemura 2014)",
            parameters: [
                ParameterDescriptor("mu0", default: "0", "prior mean μ₀"),
                ParameterDescriptor("kappa0", default: "1", "κ₀ > 0, prior pseudo-observations of μ₀"),
                ParameterDescriptor("alpha0", default: "1", "α₀ > 0, Gamma shape of the precision prior"),
                ParameterDescriptor("beta0", default: "1", "β₀ > 0, Gamma rate of the precision prior"),
            ]
        ) { arguments, context throws(BanditError) in
            try NormalGammaThompsonSampling(
                armCount: context.armCount, priorMean: arguments.double("mu0"),
                priorMeanPseudoCount: arguments.double("kappa0"), priorPrecisionShape: arguments.double("alpha0"),
                priorPrecisionRate: arguments.double("beta0"), seed: context.seed)
        },
        .stochastic(
            name: "varts", aliases: ["variance-adaptive-thompson"],
            summary: "VarTS, variance-adaptive Thompson sampling for Gaussian arms (Saha & Kveton 2024)",
            parameters: [
                ParameterDescriptor("variant", default: "unknown", "unknown (Normal–Gamma posterior, Alg. 2) or known (known σᵢ, Alg. 1)"),
                ParameterDescriptor("mu0", default: "0", "prior mean μ₀ᵢ (one, or one per arm separated by ;)"),
                ParameterDescriptor("kappa0", default: "1", "unknown: κ₀ᵢ > 0, prior pseudo-observations of μ₀ᵢ"),
                ParameterDescriptor("alpha0", default: "1", "unknown: α₀ᵢ > 0, Gamma shape of the precision prior"),
                ParameterDescriptor("beta0", default: "1", "unknown: β₀ᵢ > 0, Gamma rate of the precision prior"),
                ParameterDescriptor("sigma", default: "none", "known: reward standard deviations σᵢ > 0 (required)"),
                ParameterDescriptor("sigma0", default: "1", "known: prior standard deviations σ₀ᵢ > 0"),
            ]
        ) { arguments, context throws(BanditError) in
            let count = context.armCount
            let means = try arguments.perArmDoubles("mu0", armCount: count)
            switch try arguments.word("variant") {
            case "unknown":
                guard try arguments.raw("sigma") == "none" else {
                    throw .invalidParameter(name: "varts.sigma", value: try arguments.raw("sigma"), reason: "only variant=known takes known standard deviations")
                }
                let kappas = try arguments.perArmDoubles("kappa0", armCount: count)
                let shapes = try arguments.perArmDoubles("alpha0", armCount: count)
                let rates = try arguments.perArmDoubles("beta0", armCount: count)
                let priors = (0..<count).map {
                    NormalGammaPrior(mean: means[$0], meanPseudoCount: kappas[$0], precisionShape: shapes[$0], precisionRate: rates[$0])
                }
                return try VarianceAdaptiveThompsonSampling(unknownVariancePriors: priors, seed: context.seed)
            case "known":
                guard try arguments.raw("sigma") != "none" else {
                    throw .invalidParameter(name: "varts.sigma", value: "(missing)", reason: "variant=known needs the arms' standard deviations")
                }
                return try VarianceAdaptiveThompsonSampling(
                    knownNoiseStandardDeviations: arguments.perArmDoubles("sigma", armCount: count), priorMeans: means,
                    priorStandardDeviations: arguments.perArmDoubles("sigma0", armCount: count), seed: context.seed)
            case let other:
                throw .invalidParameter(name: "varts.variant", value: other, reason: "expected unknown or known")
            }
        },
        .stochastic(
            name: "optimistic-thompson", aliases: ["ots"],
            summary: "optimistic Thompson sampling, max(Beta draw, posterior mean), rewards in [0, 1] (Chapelle & Li 2011)",
            parameters: [
                ParameterDescriptor("a", default: "1", "prior successes a₀ > 0"),
                ParameterDescriptor("b", default: "1", "prior failures b₀ > 0"),
            ],
            rewardRange: { _ in 0...1 }
        ) { arguments, context throws(BanditError) in
            try OptimisticThompsonSampling(
                armCount: context.armCount, priorSuccesses: arguments.double("a"), priorFailures: arguments.double("b"),
                seed: context.seed)
        },
        .stochastic(
            name: "reshaped-thompson", aliases: ["thompson-reshaped"],
            summary: "Thompson sampling from the reshaped posterior Beta(a/α, b/α); α > 1 explores more (Chapelle & Li 2011)",
            parameters: [
                ParameterDescriptor("alpha", default: "1", "α > 0, reshaping exponent (1 = plain Thompson sampling)"),
                ParameterDescriptor("a", default: "1", "prior successes a₀ > 0"),
                ParameterDescriptor("b", default: "1", "prior failures b₀ > 0"),
            ],
            rewardRange: { _ in 0...1 }
        ) { arguments, context throws(BanditError) in
            do throws(BanditError) {
                return try BernoulliThompsonSampling(
                    armCount: context.armCount, priorSuccesses: arguments.double("a"), priorFailures: arguments.double("b"),
                    reshaping: arguments.double("alpha"), seed: context.seed)
            } catch let .invalidParameter(name, value, reason) where name.hasPrefix("thompson.") {
                throw .invalidParameter(name: "reshaped-thompson." + name.dropFirst("thompson.".count), value: value, reason: reason)
            }
        },
    ]
}

extension BoundArguments {
    /// One finite number for every arm, or `armCount` numbers separated by `;` (one per arm).
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming `owner.name`.
    func perArmDoubles(_ name: String, armCount: Int) throws(BanditError) -> [Double] {
        let text = try raw(name)
        let pieces = text.split(separator: ";", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        var values: [Double] = []
        for piece in pieces {
            guard let value = Double(piece), value.isFinite else {
                throw .invalidParameter(name: "\(owner).\(name)", value: text, reason: "expected a finite number or one per arm separated by ;")
            }
            values.append(value)
        }
        if values.count == 1 { return [Double](repeating: values[0], count: armCount) }
        guard values.count == armCount else {
            throw .invalidParameter(name: "\(owner).\(name)", value: text, reason: "expected 1 or \(armCount) values (one per arm), got \(values.count)")
        }
        return values
    }
}
