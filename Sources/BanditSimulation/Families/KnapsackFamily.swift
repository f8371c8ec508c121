import BanditCore

/// Bandits with knapsacks (Badanidiyuru, Kleinberg & Slivkins 2013/2018), with replenishment
/// (Bernasconi, Castiglioni, Celli & Fusco 2024): K arms, d resources with budgets, each pull
/// a reward and a consumption vector; the run stops when a pull would overdraw a budget.
///
/// Scenario keys:
/// - `arms` — a list of mappings, one per arm: `{model: bernoulli|beta|gaussian, reward: r,
///   consumption: [c₁, …, c_d]}` with `shared: true` (one common draw for all components,
///   bernoulli and gaussian), `concentration: κ` (beta, default 10), `sd: σ` (gaussian,
///   default 0.1); or `{model: table, outcomes: [[probability, reward, c₁, …, c_d], …]}`;
/// - `budgets` — [B₁, …, B_d]; or `budget_fractions` — [ρ₁, …, ρ_d] with Bⱼ = ρⱼ·T, which
///   scales with `--horizon`;
/// - `switch_arms` — optional second list of K arms in force from `switch_round` on (default
///   ⌊T/2⌋ + 1).
///
/// Metrics: `regret` (OPT_LP·t/T − reward so far, the primary metric), `reward`, `stopped`,
/// and `consumption_j` per resource (see ``KnapsackTrial``).
public struct KnapsackFamily: BanditFamily {
    public init() {}

    public var name: String { "knapsack" }
    public var environmentKeys: Set<String> { ["arms", "budgets", "budget_fractions", "switch_arms", "switch_round"] }

    public func makeSetting(
        environment: ScenarioFields, settings: SimulationSettings, distributions: DistributionCatalog
    ) throws(BanditError) -> any FamilySetting {
        try environment.allowOnly(environmentKeys)
        let horizon = settings.horizon
        let budgets: [Double]
        switch (environment.contains("budgets"), environment.contains("budget_fractions")) {
        case (true, false): budgets = try environment.numbers("budgets")
        case (false, true): budgets = try environment.numbers("budget_fractions").map { $0 * Double(horizon) }
        default: throw .invalidScenario(field: environment.path + "budgets", reason: "give exactly one of budgets or budget_fractions")
        }
        guard !budgets.isEmpty else { throw .invalidScenario(field: environment.path + "budgets", reason: "needs at least one resource") }
        let arms = try Self.arms(environment, key: "arms", resourceCount: budgets.count)
        guard !arms.isEmpty else { throw .invalidScenario(field: environment.path + "arms", reason: "at least one arm is required") }
        let laterArms = environment.contains("switch_arms") ? try Self.arms(environment, key: "switch_arms", resourceCount: budgets.count) : nil
        let switchRound = try environment.optionalInteger("switch_round", minimum: 1)
        if switchRound != nil && laterArms == nil {
            throw .invalidScenario(field: environment.path + "switch_round", reason: "needs switch_arms")
        }
        let instance: KnapsackInstance
        do {
            instance = try KnapsackInstance(arms: arms, budgets: budgets, horizon: horizon, laterArms: laterArms, switchRound: switchRound)
        } catch {
            throw .invalidScenario(field: environment.path + Self.field(of: error), reason: error.description)
        }
        return KnapsackSetting(instance: instance, benchmark: try instance.benchmark().value, settings: settings)
    }

    /// The scenario field a model error names.
    static func field(of error: BanditError) -> String {
        switch error {
        case let .invalidParameter(name, _, _): return name.hasPrefix("budget") || name.hasPrefix("switch") || name == "arms" ? name : "arms"
        case let .dimensionMismatch(name, _, _): return name
        default: return "arms"
        }
    }

    /// Parses a list of arm mappings.
    static func arms(_ environment: ScenarioFields, key: String, resourceCount: Int) throws(BanditError) -> [KnapsackArm] {
        var arms: [KnapsackArm] = []
        for (index, item) in try environment.list(key).enumerated() {
            let path = "\(environment.path)\(key)[\(index)]"
            guard case .mapping(let entries) = item else {
                throw .invalidScenario(field: path, reason: "expected a mapping such as {model: bernoulli, reward: 0.5, consumption: [0.3]}")
            }
            let fields = ScenarioFields(values: entries, path: path + ".")
            let modelName = try fields.optionalString("model") ?? "bernoulli"
            let arm: KnapsackArm
            do throws(BanditError) {
                switch modelName {
                case "table":
                    try fields.allowOnly(["model", "outcomes"])
                    var rows: [[Double]] = []
                    for (r, row) in try fields.list("outcomes").enumerated() {
                        guard case .list(let cells) = row else {
                            throw BanditError.invalidScenario(field: "\(path).outcomes[\(r)]", reason: "expected [probability, reward, c₁, …]")
                        }
                        var numbers: [Double] = []
                        for cell in cells {
                            guard case .number(let value) = cell else {
                                throw BanditError.invalidScenario(field: "\(path).outcomes[\(r)]", reason: "expected numbers")
                            }
                            numbers.append(value)
                        }
                        rows.append(numbers)
                    }
                    arm = try KnapsackArm.table(rows)
                case "bernoulli", "beta", "gaussian":
                    try fields.allowOnly(["model", "reward", "consumption", "shared", "concentration", "sd"])
                    let shared = try fields.optionalBoolean("shared") ?? false
                    let model: KnapsackArm.Model
                    switch modelName {
                    case "bernoulli":
                        model = .bernoulli(shared: shared)
                    case "beta":
                        guard !shared else { throw BanditError.invalidScenario(field: path + ".shared", reason: "beta arms have independent components") }
                        model = .beta(concentration: try fields.optionalNumber("concentration") ?? 10)
                    default:
                        model = .gaussian(standardDeviation: try fields.optionalNumber("sd") ?? 0.1, shared: shared)
                    }
                    arm = try KnapsackArm(model: model, reward: fields.number("reward"), consumption: fields.numbers("consumption"))
                default:
                    throw BanditError.invalidScenario(field: path + ".model", reason: "unknown model '\(modelName)' (known: bernoulli, beta, gaussian, table)")
                }
            } catch {
                if case .invalidScenario = error { throw error }
                if case let .invalidParameter(name, _, _) = error { throw .invalidScenario(field: "\(path).\(name)", reason: error.description) }
                throw .invalidScenario(field: path, reason: error.description)
            }
            guard arm.resourceCount == resourceCount else {
                throw .invalidScenario(field: path + (modelName == "table" ? ".outcomes" : ".consumption"),
                                       reason: "describes \(arm.resourceCount) resources, but there are \(resourceCount) budgets")
            }
            arms.append(arm)
        }
        return arms
    }
}

/// A knapsack environment ready to simulate.
public struct KnapsackSetting: FamilySetting {
    public var instance: KnapsackInstance
    /// OPT_LP.
    public var benchmark: Double
    public var settings: SimulationSettings

    public init(instance: KnapsackInstance, benchmark: Double, settings: SimulationSettings) {
        self.instance = instance
        self.benchmark = benchmark
        self.settings = settings
    }

    public var environmentDescription: [String] {
        func describe(_ arm: KnapsackArm) -> String {
            "E[reward]=\(arm.expectedReward) E[consumption]=\(arm.expectedConsumption)"
        }
        var lines = instance.arms.enumerated().map { "arm \($0.offset): \(describe($0.element))" }
        if let later = instance.laterArms {
            lines += later.enumerated().map { "arm \($0.offset) from round \(instance.switchRound): \(describe($0.element))" }
        }
        lines.append("budgets=\(instance.budgets)")
        lines.append("OPT_LP=\(benchmark)")
        return lines
    }
}
