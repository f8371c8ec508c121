import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// A user-written policy that asks for an arm that does not exist.
struct RoguePureExploration: PureExplorationPolicy {
    let armCount: Int
    var sampleCount = 0
    var isStopped: Bool { false }
    mutating func selectArm() -> Int { armCount + 3 }
    mutating func update(arm: Int, reward: Double) throws(BanditError) { sampleCount += 1 }
    func recommend() -> Int { 0 }
}

@Suite("Pure-exploration family")
struct PureExplorationFamilyTests {
    static let means = [0.5, 0.7, 0.45, 0.6, 0.3]

    static func scenario(policies: [String], horizon: Int, repetitions: Int, environment: String) throws -> Scenario {
        try Scenario(yaml: """
            name: test
            family: pure_exploration
            horizon: \(horizon)
            repetitions: \(repetitions)
            seed: 8
            \(environment)
            policies:
            \(policies.map { "  - \"\($0)\"" }.joined(separator: "\n"))
            """)
    }

    static var fixedArms: String { "arms:\n" + means.map { "  - bernoulli(\($0))" }.joined(separator: "\n") }

    @Test("budget curves: the point at checkpoint T_b is a separate run of the policy built with budget T_b")
    func budgetCurveMatchesStandaloneRuns() throws {
        let scenario = try Self.scenario(policies: ["uniform-allocation", "sh"], horizon: 300, repetitions: 3, environment: Self.fixedArms)
        let study = try Study(scenario: scenario, seed: 8, jobs: 2)
        let result = try study.run()
        let streams = RandomStreams(masterSeed: 8)
        let environment = try StochasticEnvironment(arms: Self.means.map { try Bernoulli(probability: $0) })
        for label in ["uniform-allocation", "sh"] {
            let series = try #require(result.policy(label))
            let regret = try #require(series.series("simple_regret")), samples = try #require(series.series("samples"))
            for (c, budget) in result.checkpoints.enumerated() {
                for repetition in 0..<3 {
                    let seed = streams.key(repetition: repetition, purpose: .policy("\(label)#\(budget)"))
                    var policy: any PureExplorationPolicy = label == "sh"
                        ? try SequentialHalving(armCount: 5, budget: budget, seed: seed)
                        : try UniformAllocation(armCount: 5, budget: budget, seed: seed)
                    let stream = streams.rewardStream(repetition: repetition)
                    var round = 0
                    while !policy.isStopped && round < budget {
                        round += 1
                        let arm = policy.selectArm()
                        try policy.update(arm: arm, reward: environment.reward(arm: arm, round: round, stream: stream))
                    }
                    #expect(regret.values[repetition][c] == 0.7 - Self.means[policy.recommend()])
                    #expect(samples.values[repetition][c] == Double(policy.sampleCount))
                    #expect(policy.sampleCount <= budget)
                    if label == "uniform-allocation" { #expect(policy.sampleCount == budget) }
                }
            }
        }
    }

    @Test("metrics: error_eps_ε is the indicator μ* − μ(J) > ε, so its mean is the error probability")
    func errorIndicators() throws {
        let scenario = try Self.scenario(
            policies: ["sr"], horizon: 200, repetitions: 20, environment: Self.fixedArms + "\nepsilons: [0, 0.15]")
        let result = try Study(scenario: scenario, seed: 8, jobs: 1).run()
        let series = try #require(result.policy("sr"))
        #expect(series.metrics.map(\.metric.name) == ["simple_regret", "error_eps_0", "error_eps_0.15", "samples", "stopped"])
        let regret = series.metrics[0].values, exact = series.metrics[1].values, loose = series.metrics[2].values
        for r in 0..<20 {
            for c in result.checkpoints.indices {
                #expect(exact[r][c] == (regret[r][c] > 0 ? 1 : 0))
                #expect(loose[r][c] == (regret[r][c] > 0.15 ? 1 : 0))
            }
        }
    }

    @Test("fixed confidence: one LUCB run per repetition; stopped ⇒ samples frozen at the sample complexity")
    func fixedConfidence() throws {
        let scenario = try Self.scenario(
            policies: ["lucb", "kl-lucb(delta=0.01)"], horizon: 5000, repetitions: 4,
            // Gaps 0.4 and 0.6: LUCB1 needs about (ln(1.25·3/δ) + 4 ln t)/(2·0.2²) ≈ 400 samples
            // per arm, far below the cap.
            environment: "arms: [bernoulli(0.9), bernoulli(0.5), bernoulli(0.3)]\nconfidence: 0.1")
        let result = try Study(scenario: scenario, seed: 8, jobs: 2).run()
        for label in ["lucb", "kl-lucb(delta=0.01)"] {
            let series = try #require(result.policy(label))
            let samples = try #require(series.series("samples")), stopped = try #require(series.series("stopped"))
            for r in 0..<4 {
                #expect(stopped.values[r].last == 1)
                // Before stopping it samples every round; afterwards the count stays put.
                let complexity = samples.values[r].last!
                for (c, t) in result.checkpoints.enumerated() {
                    #expect(samples.values[r][c] == min(Double(t), complexity))
                    #expect(stopped.values[r][c] == (Double(t) >= complexity ? 1 : 0))
                }
            }
        }
    }

    @Test("results do not depend on the thread count")
    func threadInvariance() throws {
        let scenario = try Self.scenario(policies: ["sh", "bsh", "uniform"], horizon: 300, repetitions: 4, environment: """
            reservoir: {arms: 2000, mean: "beta(1, 2)", reward: bernoulli}
            """)
        let one = try Study(scenario: scenario, seed: 3, jobs: 1).run()
        let two = try Study(scenario: scenario, seed: 3, jobs: 2).run()
        #expect(one.policies == two.policies)
    }

    @Test("reservoir: means on demand are reproducible, Uniform(0, 1)-distributed, and μ* is their maximum")
    func reservoirMeans() throws {
        let reservoir = try ArmReservoir(armCount: 10_000, means: try Uniform(lower: 0, upper: 1), reward: .bernoulli)
        let arms = reservoir.arms(instance: CounterStream(key: 1), rewards: CounterStream(key: 2))
        let means = (0..<10_000).map { arms.mean(of: $0) }
        #expect(means == (0..<10_000).map { arms.mean(of: $0) })
        #expect(arms.bestMean == means.max())
        let average = means.reduce(0, +) / 10_000
        // Var of the average: (1/12)/10⁴.
        #expect(abs(average - 0.5) <= 4.5 * (1.0 / 12 / 10_000).squareRoot())
        // Bernoulli rewards: frequency of 1s for an arm ≈ its mean over many rounds.
        let arm = 17
        let ones = (1...4000).reduce(0) { $0 + Int(arms.reward(arm: arm, round: $1)) }
        #expect(abs(Double(ones) / 4000 - means[arm]) <= 4.5 * (means[arm] * (1 - means[arm]) / 4000).squareRoot() + 1e-9)
        // Gaussian rewards N(μ, 0.5²): the average of 4000 is within 4.5·0.5/√4000 of μ.
        let gaussian = try ArmReservoir(armCount: 100, means: try Uniform(lower: 0, upper: 1), reward: .gaussian(standardDeviation: 0.5))
            .arms(instance: CounterStream(key: 1), rewards: CounterStream(key: 2))
        let gaussianAverage = (1...4000).reduce(0.0) { $0 + gaussian.reward(arm: 3, round: $1) } / 4000
        #expect(abs(gaussianAverage - gaussian.mean(of: 3)) <= 4.5 * 0.5 / 4000.0.squareRoot())
    }

    @Test("reservoir with n = 10⁶ arms and T = 1000: each policy keeps state for at most T arms")
    func reservoirMemory() throws {
        let reservoir = try ArmReservoir(armCount: 1_000_000, means: try Uniform(lower: 0, upper: 1), reward: .bernoulli)
        let arms = reservoir.arms(instance: CounterStream(key: 5), rewards: CounterStream(key: 6))
        let budgets = [10, 100, 1000]
        func check<P: PureExplorationPolicy>(_ make: (Int) throws -> P, armsHeld: (P) -> Int) throws {
            var trial = PureExplorationTrial(instances: try budgets.map(make), budgets: budgets, arms: arms, epsilons: [0])
            for round in 1...1000 { try trial.step(round: round) }
            for (policy, budget) in zip(trial.currentInstances, budgets) { #expect(armsHeld(policy) <= budget) }
        }
        try check({ try UniformAllocation(armCount: 1_000_000, budget: $0, seed: 1) }, armsHeld: { $0.candidates.count })
        try check({ try BracketingSequentialHalving(armCount: 1_000_000, budget: $0, seed: 1) }, armsHeld: { $0.bracketArms.count })
        try check({ try SequentialHalving(armCount: 1_000_000, budget: $0, subset: .budgetLimited, seed: 1) }, armsHeld: { $0.candidates.count })
    }

    @Test("a policy that selects an unknown arm makes the trial throw, not crash")
    func rogueArm() throws {
        let environment = try StochasticEnvironment(arms: Self.means.map { try Bernoulli(probability: $0) })
        let arms = FixedPureExplorationArms(environment: environment, stream: CounterStream(key: 1))
        var trial = PureExplorationTrial(policy: RoguePureExploration(armCount: 5), arms: arms, epsilons: [0])
        #expect(throws: BanditError.unknownArm(arm: 8, armCount: 5)) { try trial.step(round: 1) }
    }

    @Test("bad scenarios: typed errors naming the field")
    func badScenarios() throws {
        func field(_ environment: String, policies: [String] = ["sh"]) -> String? {
            do {
                let scenario = try Self.scenario(policies: policies, horizon: 10, repetitions: 1, environment: environment)
                let study = try Study(scenario: scenario, seed: 1, jobs: 1)
                return "accepted: \(study.scenario.name)"
            } catch {
                if case BanditError.invalidScenario(let field, _)? = error as? BanditError { return field }
                return "\(error)"
            }
        }
        #expect(field("reservoir: {arms: 2000000, mean: \"uniform(0, 1)\"}") == "reservoir.arms")
        #expect(field("reservoir: {arms: 10, mean: \"gaussian(0, 1)\"}") == "reservoir.mean")
        #expect(field("reservoir: {arms: 10, mean: \"uniform(0, 1)\", reward: poisson}") == "reservoir.reward")
        #expect(field("reservoir: {arms: 10, mean: \"uniform(0, 1)\", reward: gaussian, sd: -1}") == "reservoir.sd")
        #expect(field("reservoir: {arms: 10, mean: \"uniform(0, 1)\", extra: 1}")?.hasPrefix("reservoir") == true)
        #expect(field(Self.fixedArms + "\nepsilons: [0.1, -0.2]") == "epsilons[1]")
        #expect(field(Self.fixedArms + "\nconfidence: 1.5") == "confidence")
        #expect(field(Self.fixedArms, policies: ["lucb(delta=2)"]) == "policies[0]")
        #expect(field(Self.fixedArms, policies: ["sh(subset=zero)"]) == "policies[0]")
        #expect(field(Self.fixedArms, policies: ["ucb1"]) == "policies[0]")  // a stochastic policy
    }
}
