import BanditCore
import Foundation
import LinearAlgebra

/// A runnable study: a scenario (from a file or from command-line flags) with its seed and
/// thread count decided.
public struct Study: Sendable {
    /// What is simulated.
    public var scenario: Scenario
    /// The resolved settings (seed drawn if the scenario had none).
    public var settings: SimulationSettings
    /// The family's environment, built from the scenario.
    public var setting: any FamilySetting

    /// Validates everything — environment, policies and their parameters — before anything runs.
    /// - Parameters:
    ///   - seed: the master seed (the caller resolves scenario seed, flag, or a drawn one).
    ///   - shard: run only part *index* of *count* of the repetitions (see ``RepetitionShard``).
    public init(
        scenario: Scenario, seed: UInt64, jobs: Int, shard: (index: Int, count: Int)? = nil,
        distributions: DistributionCatalog = .standard, policies: PolicyCatalog = .standard,
        families: FamilyCatalog = .standard
    ) throws(BanditError) {
        self.scenario = scenario
        guard let family = families.family(named: scenario.family) else {
            throw .invalidScenario(field: "family", reason: "unknown family '\(scenario.family)'")
        }
        settings = try SimulationSettings(
            horizon: scenario.horizon, repetitions: scenario.repetitions, seed: seed, jobs: jobs,
            extraCheckpoints: scenario.expectations.flatMap(\.rounds), shard: shard)
        setting = try family.makeSetting(
            environment: ScenarioFields(values: scenario.environment), settings: settings, distributions: distributions)
        var seen = Set<String>()
        for specification in scenario.policies where !seen.insert(specification.description).inserted {
            throw .invalidScenario(field: "policies", reason: "'\(specification)' is listed twice")
        }
        _ = try makeJobs(policies: policies)
    }

    /// One job per policy.
    public func makeJobs(policies catalog: PolicyCatalog = .standard) throws(BanditError) -> [SimulationJob] {
        var jobs: [SimulationJob] = []
        for (index, specification) in scenario.policies.enumerated() {
            do {
                jobs.append(try catalog.job(specification, label: specification.description, setting: setting))
            } catch {
                throw .invalidScenario(field: "policies[\(index)]", reason: error.description)
            }
        }
        return jobs
    }

    /// The asymptotic lower-bound constant for this instance, when one applies.
    public var lowerBoundConstant: Double? { setting.lowerBoundConstant }

    /// Runs every policy and returns the aggregated result.
    public func run(policies catalog: PolicyCatalog = .standard, progress: (any ProgressObserver)? = nil) throws(BanditError) -> SimulationResult {
        let jobs = try makeJobs(policies: catalog)
        let metadata = RunMetadata(
            toolVersion: BanditKitVersion.current, seed: settings.seed, horizon: settings.horizon,
            repetitions: settings.repetitions, jobs: settings.jobs, scenarioName: scenario.name,
            scenarioHash: String(StableHash.fnv1a(scenario.canonicalText), radix: 16),
            environment: setting.environmentDescription, openBLASCore: OpenBLAS.coreName,
            wallTimeSeconds: 0, startedAt: ISO8601DateFormatter().string(from: Date()),
            lowerBoundConstant: lowerBoundConstant, lowerBoundName: lowerBoundConstant == nil ? nil : setting.lowerBoundName)
        return try Simulator.run(jobs, settings: settings, metadata: metadata, progress: progress)
    }
}

/// The library's version, recorded in every result.
public enum BanditKitVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
