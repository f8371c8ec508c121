import BanditCore
import Foundation

/// The linear / logistic contextual bandit (see ``ContextualEnvironment``).
///
/// Scenario keys:
/// - `dimension` — d ≥ 1 (required);
/// - `arms` — K ≥ 1 (required);
/// - `contexts` — `gaussian` (default), `sphere`, `positive-sphere` (uniform on [0, 1]^d,
///   normalised) or `fixed`;
/// - `theta` — a list of d numbers, or `gaussian` (default: θ* ~ N(0, I/d) per repetition);
/// - `noise` — a distribution specification such as `gaussian(0, 0.1)` or `student-t(3)`,
///   centred by its mean (default `gaussian(0, 0.1)`; identity link only);
/// - `link` — `identity` (default), `logistic` (Bernoulli rewards) or `logistic-noise`
///   (μ(xᵀθ*) plus the centred `noise`, e.g. heavy-tailed `student-t(1.02)`);
/// - `repeat` — rounds each context is kept for (default 1), so that epoch algorithms (MENU,
///   CRMM) can pull one feature vector several times;
/// - `data` — a logged CSV (see ``ReplayLog``): instead of simulating, evaluate each policy by
///   the replay estimator of Li et al. (2010) on it (`contexts`, `theta`, `noise`, `link` then
///   do not apply).
public struct ContextualFamily: BanditFamily {
    public init() {}

    public var name: String { "contextual" }
    public var environmentKeys: Set<String> { ["dimension", "arms", "contexts", "theta", "noise", "link", "data", "repeat"] }

    public func makeSetting(
        environment: ScenarioFields, settings: SimulationSettings, distributions: DistributionCatalog
    ) throws(BanditError) -> any FamilySetting {
        let dimension = try environment.integer("dimension", minimum: 1)
        let arms = try environment.integer("arms", minimum: 1)
        if let path = try environment.optionalString("data") {
            for key in ["contexts", "theta", "noise", "link", "repeat"] where environment.contains(key) {
                throw .invalidScenario(field: environment.path + key, reason: "does not apply to a replayed log (data)")
            }
            let log = try ReplayLog(contentsOf: URL(fileURLWithPath: path), dimension: dimension, armCount: arms, field: environment.path + "data")
            let placeholder: ContextualEnvironment
            do { placeholder = try ContextualEnvironment(dimension: dimension, armCount: arms, noise: try Gaussian(mean: 0, standardDeviation: 1)) } catch {
                throw .invalidScenario(field: environment.path + "dimension", reason: error.description)
            }
            return ContextualSetting(environment: placeholder, settings: settings, replay: log)
        }
        let contextsName = try environment.optionalString("contexts") ?? "gaussian"
        guard let contexts = ContextualEnvironment.Contexts(rawValue: contextsName.lowercased()) else {
            throw .invalidScenario(field: environment.path + "contexts", reason: "unknown '\(contextsName)' (known: gaussian, sphere, positive-sphere, fixed)")
        }
        let linkName = try environment.optionalString("link") ?? "identity"
        guard let link = ContextualEnvironment.Link(rawValue: linkName.lowercased()) else {
            throw .invalidScenario(field: environment.path + "link", reason: "unknown '\(linkName)' (known: identity, logistic, logistic-noise)")
        }
        let parameter: ContextualEnvironment.Parameter
        switch environment.values["theta"] {
        case nil, .null?: parameter = .gaussian
        case .text(let text)? where text.lowercased() == "gaussian": parameter = .gaussian
        case .list?: parameter = .given(try environment.numbers("theta"))
        default: throw .invalidScenario(field: environment.path + "theta", reason: "expected a list of \(dimension) numbers or 'gaussian'")
        }
        if link == .logistic && environment.contains("noise") {
            throw .invalidScenario(field: environment.path + "noise", reason: "the logistic link has Bernoulli rewards; noise does not apply")
        }
        let noiseText = try environment.optionalString("noise") ?? "gaussian(0, 0.1)"
        let noise: any RewardDistribution
        do { noise = try distributions.make(noiseText) } catch {
            throw .invalidScenario(field: environment.path + "noise", reason: error.description)
        }
        let contextRepeat = try environment.optionalInteger("repeat", minimum: 1) ?? 1
        let built: ContextualEnvironment
        do {
            built = try ContextualEnvironment(
                dimension: dimension, armCount: arms, contexts: contexts, parameter: parameter, link: link, noise: noise,
                contextRepeat: contextRepeat)
        } catch {
            throw .invalidScenario(field: environment.path + "theta", reason: error.description)
        }
        return ContextualSetting(environment: built, settings: settings)
    }
}

/// A contextual environment ready to simulate.
public struct ContextualSetting: FamilySetting {
    public var environment: ContextualEnvironment
    public var settings: SimulationSettings
    /// A logged dataset to replay instead of simulating `environment` (its d and K are used).
    public var replay: ReplayLog?

    public init(environment: ContextualEnvironment, settings: SimulationSettings, replay: ReplayLog? = nil) {
        self.environment = environment
        self.settings = settings
        self.replay = replay
    }

    public var environmentDescription: [String] {
        if let replay {
            return ["replay of \(replay.count) logged events", "dimension=\(replay.dimension)", "arms=\(replay.armCount)"]
        }
        return environment.description
    }
}
