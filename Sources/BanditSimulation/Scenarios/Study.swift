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
    /// The arms, built from their specifications.
    public var arms: [any RewardDistribution]

    /// Validates everything — arms, policies and their parameters — before anything runs.
    /// - Parameters:
    ///   - seed: overrides the scenario's seed; when both are absent, the caller must supply one.
    public init(
        scenario: Scenario, seed: UInt64, jobs: Int,
        distributions: DistributionCatalog = .standard, policies: PolicyCatalog = .standard
    ) throws(BanditError) {
        self.scenario = scenario
        var arms: [any RewardDistribution] = []
        for (index, specification) in scenario.arms.enumerated() {
            do { arms.append(try distributions.make(specification)) } catch {
                throw .invalidScenario(field: "arms[\(index)]", reason: error.description)
            }
        }
        self.arms = arms
        settings = try SimulationSettings(
            horizon: scenario.horizon, repetitions: scenario.repetitions, seed: seed, jobs: jobs,
            extraCheckpoints: scenario.expectations.map(\.t))
        var seen = Set<String>()
        for specification in scenario.policies where !seen.insert(specification.description).inserted {
            throw .invalidScenario(field: "policies", reason: "'\(specification)' is listed twice")
        }
        _ = try makeJobs(policies: policies)
    }

    /// One job per policy.
    public func makeJobs(policies catalog: PolicyCatalog = .standard) throws(BanditError) -> [SimulationJob] {
        let setting = StochasticSetting(arms: arms, settings: settings)
        var jobs: [SimulationJob] = []
        for (index, specification) in scenario.policies.enumerated() {
            do {
                jobs.append(try catalog.stochasticJob(specification, label: specification.description, setting: setting))
            } catch {
                throw .invalidScenario(field: "policies[\(index)]", reason: error.description)
            }
        }
        return jobs
    }

    /// The asymptotic lower-bound constant for this instance, when one applies.
    public var lowerBoundConstant: Double? { LaiRobbins.constant(arms: arms) }

    /// Runs every policy and returns the aggregated result.
    public func run(policies catalog: PolicyCatalog = .standard, progress: (any ProgressObserver)? = nil) throws(BanditError) -> SimulationResult {
        let jobs = try makeJobs(policies: catalog)
        let metadata = RunMetadata(
            toolVersion: BanditKitVersion.current, seed: settings.seed, horizon: settings.horizon,
            repetitions: settings.repetitions, jobs: settings.jobs, scenarioName: scenario.name,
            scenarioHash: String(StableHash.fnv1a(scenario.canonicalText), radix: 16),
            environment: arms.map(\.description), openBLASCore: OpenBLAS.coreName,
            wallTimeSeconds: 0, startedAt: ISO8601DateFormatter().string(from: Date()),
            lowerBoundConstant: lowerBoundConstant)
        return try Simulator.run(jobs, settings: settings, metadata: metadata, progress: progress)
    }
}

/// The library's version, recorded in every result.
public enum BanditKitVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
