import BanditCore

/// The stochastic K-armed bandit: arm j pays i.i.d. rewards from a distribution.
///
/// Scenario keys:
/// - `arms` — a list of distribution specifications such as `bernoulli(0.9)`; or
/// - `prior` — arms drawn per repetition: `{arms: K, reward: bernoulli|gaussian|beta, mean: SPEC,
///   sd: SPEC | precision: SPEC | concentration: c}` (see ``InstancePrior``);
/// - `delay` — rewards applied in batches every δ rounds (default 1);
/// - `replacement_probability` — per round, the probability that one arm is replaced by a
///   fresh draw from the prior (default 0; needs `prior`).
public struct StochasticFamily: BanditFamily {
    public init() {}

    public var name: String { "stochastic" }
    public var environmentKeys: Set<String> { ["arms", "prior", "delay", "replacement_probability"] }

    public func makeSetting(
        environment: ScenarioFields, settings: SimulationSettings, distributions: DistributionCatalog
    ) throws(BanditError) -> any FamilySetting {
        func make(_ specification: Specification, field: String) throws(BanditError) -> any RewardDistribution {
            do { return try distributions.make(specification) } catch {
                throw .invalidScenario(field: field, reason: error.description)
            }
        }
        var setting = StochasticSetting(arms: [], settings: settings)
        if let priorFields = try environment.mapping("prior") {
            guard !environment.contains("arms") else {
                throw .invalidScenario(field: "arms", reason: "give either arms or a prior, not both")
            }
            try priorFields.allowOnly(["arms", "reward", "mean", "sd", "precision", "concentration"])
            let kindText = try priorFields.string("reward")
            guard let kind = InstancePrior.RewardKind(rawValue: kindText) else {
                throw .invalidScenario(field: "prior.reward", reason: "unknown reward '\(kindText)' (known: bernoulli, gaussian, beta)")
            }
            func specification(_ key: String) throws(BanditError) -> (any RewardDistribution)? {
                guard let text = try priorFields.optionalString(key) else { return nil }
                let parsed: Specification
                do { parsed = try Specification(parsing: text) } catch {
                    throw .invalidScenario(field: "prior.\(key)", reason: error.description)
                }
                return try make(parsed, field: "prior.\(key)")
            }
            guard let means = try specification("mean") else { throw .invalidScenario(field: "prior.mean", reason: "required") }
            setting.prior = try InstancePrior(
                armCount: priorFields.integer("arms", minimum: 1), kind: kind, means: means,
                standardDeviations: specification("sd"), precisions: specification("precision"),
                concentration: priorFields.optionalNumber("concentration"))
        } else {
            let specifications = try environment.specifications("arms")
            for (index, specification) in specifications.enumerated() {
                setting.arms.append(try make(specification, field: "arms[\(index)]"))
            }
        }
        setting.delay = try environment.optionalInteger("delay", minimum: 1) ?? 1
        let probability = try environment.optionalNumber("replacement_probability") ?? 0
        guard (0..<1).contains(probability) else {
            throw .invalidScenario(field: "replacement_probability", reason: "must lie in [0, 1)")
        }
        guard probability == 0 || setting.prior != nil else {
            throw .invalidScenario(field: "replacement_probability", reason: "replacing arms needs a prior to draw new arms from")
        }
        setting.replacementProbability = probability
        return setting
    }
}

/// A stochastic K-armed environment ready to simulate: arms (or a prior), horizon, seeds.
public struct StochasticSetting: FamilySetting {
    /// The arms' reward distributions (empty when they are drawn from ``prior``).
    public var arms: [any RewardDistribution]
    /// Run settings.
    public var settings: SimulationSettings
    /// A prior the arms are drawn from per repetition, instead of fixed arms.
    public var prior: InstancePrior?
    /// Rewards are applied in batches every `delay` rounds.
    public var delay = 1
    /// Per-round probability of replacing one arm by a fresh draw from the prior.
    public var replacementProbability = 0.0

    public init(arms: [any RewardDistribution], settings: SimulationSettings) {
        self.arms = arms
        self.settings = settings
    }

    /// K.
    public var armCount: Int { prior?.armCount ?? arms.count }

    /// Whether the plain fixed-arm loop applies (no prior, no delay, no replacement).
    public var isStationary: Bool { prior == nil && delay == 1 && replacementProbability == 0 }

    public var environmentDescription: [String] {
        var description = prior.map { [$0.description] } ?? arms.map(\.description)
        if delay > 1 { description.append("delay=\(delay)") }
        if replacementProbability > 0 { description.append("replacement_probability=\(replacementProbability)") }
        return description
    }

    /// Lai–Robbins applies to a fixed instance only (a prior gives Bayes regret).
    public var lowerBoundConstant: Double? { prior == nil && replacementProbability == 0 ? LaiRobbins.constant(arms: arms) : nil }
}
