import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: (generalised) linear contextual bandits with heavy-tailed rewards.
    static let heavyTailedLinearEntries: [Entry] = [
        resolvingAutomaticNoiseBound(raw: true, .contextual(
            name: "crtm",
            summary: "CRTM: leverage-truncated rewards + online Newton step, O(d²)/round (Xue, Wang, Wan, Yi & Zhang 2023, Alg. 1)",
            parameters: [
                ParameterDescriptor("link", default: "identity", "identity or logistic: the model μ(xᵀθ*) the policy fits"),
                ParameterDescriptor("epsilon", default: "1", "ε ∈ (0, 1]: rewards have a finite moment of order 1 + ε"),
                ParameterDescriptor("u", default: "1", "u > 0 with E|y|^{1+ε} ≤ u (raw moment of the reward); auto: the environment's bound"),
                ParameterDescriptor("delta", default: "0.01", "δ ∈ (0, 1), confidence level"),
                ParameterDescriptor("s", default: "1", "S ≥ ‖θ*‖₂"),
                ParameterDescriptor("alpha", default: "1", "α ≥ 0, multiplier of the radius's data term (1 = the formula)"),
                ParameterDescriptor("lambda", default: "1", "λ > 0, V₁ = λI"),
                ParameterDescriptor("kappa", default: "auto", "κ > 0, curvature lower bound of μ (auto: 1, or μ'(S) for logistic)"),
            ]
        ) { arguments, context throws(BanditError) in
            try CRTM(
                armCount: context.armCount, dimension: context.dimension,
                link: GLMLink(parsing: arguments.word("link"), field: "crtm.link"), epsilon: arguments.double("epsilon"),
                momentBound: arguments.double("u"), confidence: arguments.double("delta"), horizon: context.horizon,
                parameterBound: arguments.double("s"), radiusScale: arguments.double("alpha"),
                regularization: arguments.double("lambda"), curvature: optionalCurvature(arguments))
        }),
        resolvingAutomaticNoiseBound(raw: false, .contextual(
            name: "crmm",
            summary: "CRMM: median of r = O(log T) pulls per epoch + online Newton step (Xue, Wang, Wan, Yi & Zhang 2023, Alg. 2)",
            parameters: [
                ParameterDescriptor("r", default: "auto", "pulls per epoch (auto: ⌈2 log₂(2T/δ)⌉)"),
                ParameterDescriptor("link", default: "identity", "identity or logistic"),
                ParameterDescriptor("epsilon", default: "1", "ε ∈ (0, 1]"),
                ParameterDescriptor("u", default: "1", "v > 0 with E|η|^{1+ε} ≤ v (the symmetric noise's moment); auto: the environment's"),
                ParameterDescriptor("delta", default: "0.01", "δ ∈ (0, 1)"),
                ParameterDescriptor("s", default: "1", "S ≥ ‖θ*‖₂"),
                ParameterDescriptor("alpha", default: "1", "α ≥ 0, multiplier of the radius's data term"),
                ParameterDescriptor("lambda", default: "1", "λ > 0"),
                ParameterDescriptor("kappa", default: "auto", "κ > 0 (auto: 1, or μ'(S) for logistic)"),
            ]
        ) { arguments, context throws(BanditError) in
            let delta = try arguments.double("delta")
            let r = try arguments.word("r") == "auto"
                ? CRMM.defaultEpochLength(horizon: context.horizon, confidence: delta) : try arguments.int("r")
            return try CRMM(
                armCount: context.armCount, dimension: context.dimension, epochLength: r,
                link: GLMLink(parsing: arguments.word("link"), field: "crmm.link"), epsilon: arguments.double("epsilon"),
                momentBound: arguments.double("u"), confidence: delta, parameterBound: arguments.double("s"),
                radiusScale: arguments.double("alpha"), regularization: arguments.double("lambda"),
                curvature: optionalCurvature(arguments))
        }),
        resolvingAutomaticNoiseBound(raw: false, .contextual(
            name: "menu", requiredLink: .identity,
            summary: "MENU: r least-squares estimates per epoch, median selection (Shao, Yu, King & Lyu 2018, Alg. 1)",
            parameters: [
                ParameterDescriptor("r", default: "auto", "pulls per epoch (auto: ⌈24 ln(eT/δ)⌉, Theorem 2)"),
                ParameterDescriptor("epsilon", default: "1", "ε ∈ (0, 1]"),
                ParameterDescriptor("u", default: "1", "v > 0 with E|η|^{1+ε} ≤ v; auto: the environment's"),
                ParameterDescriptor("delta", default: "0.01", "δ ∈ (0, 1), used by r = auto"),
                ParameterDescriptor("s", default: "1", "S ≥ ‖θ*‖₂"),
                ParameterDescriptor("alpha", default: "1", "α ≥ 0, multiplier of Theorem 2's radius"),
                ParameterDescriptor("lambda", default: "1", "λ > 0"),
            ]
        ) { arguments, context throws(BanditError) in
            let delta = try arguments.double("delta")
            guard delta > 0 && delta < 1 else {
                throw .invalidParameter(name: "menu.delta", value: "\(delta)", reason: "must lie in (0, 1)")
            }
            let r = try arguments.word("r") == "auto"
                ? MENU.defaultEpochLength(horizon: context.horizon, confidence: delta) : try arguments.int("r")
            return try MENU(
                armCount: context.armCount, dimension: context.dimension, epochLength: r, epsilon: arguments.double("epsilon"),
                momentBound: arguments.double("u"), parameterBound: arguments.double("s"),
                radiusScale: arguments.double("alpha"), regularization: arguments.double("lambda"))
        }),
        resolvingAutomaticNoiseBound(raw: true, .contextual(
            name: "tofu", requiredLink: .identity,
            summary: "TOFU: every past payoff re-truncated per coordinate of V^{-1/2}x each round (Shao, Yu, King & Lyu 2018, Alg. 2)",
            parameters: [
                ParameterDescriptor("epsilon", default: "1", "ε ∈ (0, 1]: payoffs have a finite moment of order 1 + ε"),
                ParameterDescriptor("u", default: "1", "b > 0 with E|y|^{1+ε} ≤ b (raw moment of the payoff); auto: the environment's bound"),
                ParameterDescriptor("delta", default: "0.01", "δ ∈ (0, 1), confidence level"),
                ParameterDescriptor("s", default: "1", "S ≥ ‖θ*‖₂"),
                ParameterDescriptor("alpha", default: "1", "α ≥ 0, multiplier of β's data term (1 = Algorithm 2's β)"),
                ParameterDescriptor("lambda", default: "1", "λ > 0, V₀ = λI"),
            ]
        ) { arguments, context throws(BanditError) in
            try TOFU(
                armCount: context.armCount, dimension: context.dimension, epsilon: arguments.double("epsilon"),
                momentBound: arguments.double("u"), confidence: arguments.double("delta"), horizon: context.horizon,
                parameterBound: arguments.double("s"), radiusScale: arguments.double("alpha"),
                regularization: arguments.double("lambda"))
        }),
    ]

    /// Wraps an entry so that `u=auto` becomes the moment bound of order 1 + ε the environment
    /// reports (``ContextualEnvironment/rewardMomentBounds(order:)``): the raw E|y|^{1+ε} for
    /// CRTM (`raw`), the noise's centred moment for CRMM and MENU. The resolved value is what
    /// the run's metadata records.
    static func resolvingAutomaticNoiseBound(raw: Bool, _ base: Entry) -> Entry {
        Entry(name: base.name, aliases: base.aliases, family: base.family, summary: base.summary, parameters: base.parameters) {
            (label: String, arguments: BoundArguments, setting: any FamilySetting) throws(BanditError) -> SimulationJob in
            guard try arguments.word("u") == "auto" else { return try base.makeJob(label, arguments, setting) }
            guard let contextual = setting as? ContextualSetting, contextual.replay == nil else {
                throw .invalidParameter(name: "\(base.name).u", value: "auto", reason: "auto needs a simulated contextual environment")
            }
            let order = 1 + (try arguments.double("epsilon"))
            let bounds = contextual.environment.rewardMomentBounds(order: order)
            guard let value = raw ? bounds.raw : bounds.central else {
                throw .invalidParameter(
                    name: "\(base.name).u", value: "auto",
                    reason: "the environment reports no finite \(raw ? "raw" : "centred") moment of order \(order) "
                        + (raw ? "(needs sphere or positive-sphere contexts and a given θ*, and a noise with that moment)" : "(needs a noise with that moment)"))
            }
            return try base.makeJob(label, try replacing("u", with: value, in: arguments, parameters: base.parameters), setting)
        }
    }

    /// `arguments` with parameter `name` set to `value` (re-bound, so every check still applies).
    static func replacing(_ name: String, with value: Double, in arguments: BoundArguments, parameters: [ParameterDescriptor]) throws(BanditError) -> BoundArguments {
        let specification = Specification(
            name: arguments.owner,
            arguments: arguments.values.keys.sorted().map { key in
                Specification.Argument(label: key, value: key == name ? "\(value)" : arguments.values[key]!)
            })
        return try specification.bind(to: parameters)
    }

    /// `kappa`: `auto` (nil: the policy derives it from the link and S) or a number.
    private static func optionalCurvature(_ arguments: BoundArguments) throws(BanditError) -> Double? {
        try arguments.word("kappa") == "auto" ? nil : try arguments.double("kappa")
    }
}
