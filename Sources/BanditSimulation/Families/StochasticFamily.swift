import BanditCore

/// The stochastic K-armed bandit: arm j pays i.i.d. rewards from a distribution.
///
/// Scenario keys: `arms` — a list of distribution specifications such as `bernoulli(0.9)`.
public struct StochasticFamily: BanditFamily {
    public init() {}

    public var name: String { "stochastic" }
    public var environmentKeys: Set<String> { ["arms"] }

    public func makeSetting(
        environment: ScenarioFields, settings: SimulationSettings, distributions: DistributionCatalog
    ) throws(BanditError) -> any FamilySetting {
        let specifications = try environment.specifications("arms")
        var arms: [any RewardDistribution] = []
        for (index, specification) in specifications.enumerated() {
            do { arms.append(try distributions.make(specification)) } catch {
                throw .invalidScenario(field: "arms[\(index)]", reason: error.description)
            }
        }
        return StochasticSetting(arms: arms, settings: settings)
    }
}

/// A stochastic K-armed environment ready to simulate: arms, horizon and seed streams.
public struct StochasticSetting: FamilySetting {
    /// The arms' reward distributions.
    public var arms: [any RewardDistribution]
    /// Run settings.
    public var settings: SimulationSettings

    public init(arms: [any RewardDistribution], settings: SimulationSettings) {
        self.arms = arms
        self.settings = settings
    }

    public var environmentDescription: [String] { arms.map(\.description) }
    public var lowerBoundConstant: Double? { LaiRobbins.constant(arms: arms) }
}
