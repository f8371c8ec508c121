import BanditCore

/// Pure exploration (best-arm identification): policies sample arms to learn and are judged by
/// the arm they recommend — simple regret μ* − μ(recommended), the probability that it is not
/// ε-good, and, for fixed-confidence policies, the samples they needed (see
/// ``PureExplorationTrial`` for how curves against the budget are made).
///
/// Scenario keys:
/// - `arms` — a list of distribution specifications, as in the stochastic family; or
/// - `reservoir` — arms drawn on demand: `{arms: n, mean: SPEC, reward: bernoulli|gaussian,
///   sd: σ}` (see ``ArmReservoir``; n ≤ 2²⁰, memory independent of n);
/// - `epsilons` — the ε grid of the `error_eps_<ε>` metrics (default `[0, 0.05, 0.1]`; ε = 0
///   is the probability of not returning a best arm);
/// - `confidence` — δ for fixed-confidence policies that do not set their own (default 0.05).
///
/// The horizon is the largest budget (fixed budget) or the cap on samples (fixed confidence).
public struct PureExplorationFamily: BanditFamily {
    public init() {}

    public var name: String { "pure_exploration" }
    public var environmentKeys: Set<String> { ["arms", "reservoir", "epsilons", "confidence"] }

    public func makeSetting(
        environment: ScenarioFields, settings: SimulationSettings, distributions: DistributionCatalog
    ) throws(BanditError) -> any FamilySetting {
        func make(_ text: String, field: String) throws(BanditError) -> any RewardDistribution {
            do { return try distributions.make(text) } catch {
                throw .invalidScenario(field: field, reason: error.description)
            }
        }
        var setting = PureExplorationSetting(arms: [], settings: settings)
        if let fields = try environment.mapping("reservoir") {
            guard !environment.contains("arms") else {
                throw .invalidScenario(field: "arms", reason: "give either arms or a reservoir, not both")
            }
            try fields.allowOnly(["arms", "mean", "reward", "sd"])
            let kind = try fields.optionalString("reward") ?? "bernoulli"
            let reward: ArmReservoir.Reward
            switch kind.lowercased() {
            case "bernoulli":
                guard !fields.contains("sd") else { throw .invalidScenario(field: "reservoir.sd", reason: "Bernoulli arms take no sd") }
                reward = .bernoulli
            case "gaussian": reward = .gaussian(standardDeviation: try fields.optionalNumber("sd") ?? 1)
            default: throw .invalidScenario(field: "reservoir.reward", reason: "unknown reward '\(kind)' (known: bernoulli, gaussian)")
            }
            setting.reservoir = try ArmReservoir(
                armCount: fields.integer("arms", minimum: 1), means: make(try fields.string("mean"), field: "reservoir.mean"),
                reward: reward)
        } else {
            for (index, specification) in try environment.specifications("arms").enumerated() {
                do { setting.arms.append(try distributions.make(specification)) } catch {
                    throw .invalidScenario(field: "arms[\(index)]", reason: error.description)
                }
            }
            if let bad = setting.arms.firstIndex(where: { !$0.mean.isFinite }) {
                throw .invalidScenario(field: "arms[\(bad)]", reason: "the arm's mean is not finite")
            }
        }
        if environment.contains("epsilons") {
            let epsilons = try environment.numbers("epsilons")
            if let bad = epsilons.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw .invalidScenario(field: "epsilons[\(bad)]", reason: "ε must be finite and ≥ 0")
            }
            guard Set(epsilons).count == epsilons.count else { throw .invalidScenario(field: "epsilons", reason: "an ε is listed twice") }
            setting.epsilons = epsilons
        }
        let confidence = try environment.optionalNumber("confidence") ?? 0.05
        guard confidence > 0 && confidence < 1 else { throw .invalidScenario(field: "confidence", reason: "δ must lie in (0, 1)") }
        setting.confidence = confidence
        return setting
    }
}

/// A pure-exploration environment ready to simulate.
public struct PureExplorationSetting: FamilySetting {
    /// Fixed arms (empty when they come from ``reservoir``).
    public var arms: [any RewardDistribution]
    /// A reservoir the arms are drawn from per repetition, instead of fixed arms.
    public var reservoir: ArmReservoir?
    /// The ε grid of the error metrics.
    public var epsilons: [Double] = [0, 0.05, 0.1]
    /// δ for fixed-confidence policies that leave theirs to the scenario.
    public var confidence = 0.05
    /// Horizon (the largest budget), repetitions, seed, threads and checkpoints (the budgets).
    public var settings: SimulationSettings

    public init(arms: [any RewardDistribution], settings: SimulationSettings) {
        self.arms = arms
        self.settings = settings
    }

    /// n.
    public var armCount: Int { reservoir?.armCount ?? arms.count }

    public var environmentDescription: [String] {
        var description = reservoir.map { [$0.description] } ?? arms.map(\.description)
        description.append("epsilons=\(epsilons.map { "\($0)" }.joined(separator: ","))")
        description.append("confidence=\(confidence)")
        return description
    }
}
