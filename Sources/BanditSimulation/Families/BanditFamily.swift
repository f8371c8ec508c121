import BanditCore

/// A family of bandit problems — stochastic K-armed, contextual, dueling, knapsack, pure
/// exploration — as scenario files and the simulator see it.
///
/// A family names the scenario keys that describe its environment, builds a runnable
/// ``FamilySetting`` from them, and its policies' catalog entries build ``SimulationJob``s from
/// that setting. Everything else (repetitions, threads, seeding, checkpoints, output) is the
/// shared ``Simulator``'s.
public protocol BanditFamily: Sendable {
    /// The value of the scenario's `family` key, e.g. `stochastic`.
    var name: String { get }
    /// The scenario keys this family's environment uses (besides the common ones).
    var environmentKeys: Set<String> { get }
    /// Builds the environment from the scenario's family-specific keys.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` naming the field.
    func makeSetting(
        environment: ScenarioFields, settings: SimulationSettings, distributions: DistributionCatalog
    ) throws(BanditError) -> any FamilySetting
}

/// A family's environment, ready to simulate.
public protocol FamilySetting: Sendable {
    /// Horizon, repetitions, seed, threads, checkpoints.
    var settings: SimulationSettings { get }
    /// The environment in words, one entry per component (e.g. each arm), for run metadata.
    var environmentDescription: [String] { get }
    /// c in an asymptotic lower bound c·ln t on regret, where one applies (drawn on plots).
    var lowerBoundConstant: Double? { get }
    /// What that bound is called on plots and in reports.
    var lowerBoundName: String { get }
}

extension FamilySetting {
    /// The derived random streams.
    public var streams: RandomStreams { RandomStreams(masterSeed: settings.seed) }
    public var lowerBoundConstant: Double? { nil }
    public var lowerBoundName: String { "Lai–Robbins lower bound" }
}

/// The families scenario files and the command line know.
public struct FamilyCatalog: Sendable {
    /// Families in registration order.
    public private(set) var families: [any BanditFamily]

    public init(families: [any BanditFamily]) { self.families = families }

    /// The family with a name.
    public func family(named name: String) -> (any BanditFamily)? { families.first { $0.name == name } }

    /// Adds a family, replacing one with the same name.
    public mutating func register(_ family: any BanditFamily) {
        families.removeAll { $0.name == family.name }
        families.append(family)
    }
}
