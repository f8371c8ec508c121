import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// A policy that plays arms in turn and records what the simulator tells it.
struct RecordingPolicy: BanditPolicy {
    let armCount: Int
    var selections = 0
    var updatesSeenAtSelection: [Int] = []
    var updates = 0
    var resets: [Int] = []
    var supportsReset = true

    mutating func selectArm() -> Int {
        updatesSeenAtSelection.append(updates)
        defer { selections += 1 }
        return selections % armCount
    }

    mutating func update(arm: Int, reward: Double) throws(BanditError) { updates += 1 }

    mutating func resetArm(_ arm: Int) throws(BanditError) {
        guard supportsReset else { throw .invalidParameter(name: "resetArm", value: "\(arm)", reason: "unsupported") }
        resets.append(arm)
    }
}

@Suite("Dynamic stochastic environments")
struct DynamicStochasticTrialTests {
    static let prior = try! InstancePrior(armCount: 5, kind: .bernoulli, means: Beta(alpha: 4, beta: 4))

    @Test("instances drawn from a prior are the same for every policy of a repetition and differ across repetitions")
    func instances() throws {
        let streams = RandomStreams(masterSeed: 11)
        func trial(_ repetition: Int) -> DynamicStochasticTrial<RecordingPolicy> {
            DynamicStochasticTrial(
                policy: RecordingPolicy(armCount: 5), arms: nil, prior: Self.prior, replacementProbability: 0, delay: 1,
                streams: streams, repetition: repetition)
        }
        #expect(trial(0).means == trial(0).means)
        #expect(trial(0).means != trial(1).means)
        #expect(trial(0).means.allSatisfy { (0...1).contains($0) })
        // Beta-reward arms: Beta(μc, (1 − μ)c) has mean μ and variance μ(1 − μ)/(c + 1).
        let betaPrior = try InstancePrior(armCount: 4, kind: .beta, means: Beta(alpha: 2, beta: 2), concentration: 9)
        var generator = SplitMix64(seed: 5)
        for _ in 0..<20 {
            let arm = betaPrior.drawArm(using: &generator)
            let mean = arm.mean
            #expect(abs(arm.variance! - mean * (1 - mean) / 10) < 1e-12)
        }
    }

    @Test("delayed feedback reaches the policy in batches of δ")
    func delay() throws {
        var trial = DynamicStochasticTrial(
            policy: RecordingPolicy(armCount: 3), arms: [try Bernoulli(probability: 0.5), try Bernoulli(probability: 0.2), try Bernoulli(probability: 0.9)].map { AnyRewardDistribution($0) },
            prior: nil, replacementProbability: 0, delay: 4, streams: RandomStreams(masterSeed: 1), repetition: 0)
        for round in 1...12 { try trial.step(round: round) }
        // Before round t the policy has seen the rewards of the ⌊(t−1)/4⌋ completed batches.
        #expect(trial.policy.updatesSeenAtSelection == (1...12).map { 4 * (($0 - 1) / 4) })
        #expect(trial.policy.updates == 12)
    }

    @Test("arms are replaced with the stated probability, identically for every policy, and the policy is told")
    func replacement() throws {
        let streams = RandomStreams(masterSeed: 3)
        func run(_ armOffset: Int) throws -> DynamicStochasticTrial<RecordingPolicy> {
            var policy = RecordingPolicy(armCount: 5)
            policy.selections = armOffset  // a different sequence of pulls
            var trial = DynamicStochasticTrial(
                policy: policy, arms: nil, prior: Self.prior, replacementProbability: 0.05, delay: 1, streams: streams, repetition: 2)
            for round in 1...4_000 { try trial.step(round: round) }
            return trial
        }
        let first = try run(0), second = try run(3)
        #expect(first.policy.resets == second.policy.resets)
        #expect(first.means == second.means)
        let count = first.policy.resets.count
        // Binomial(4000, 0.05): mean 200, sd 13.8; 4.5 sd either side.
        #expect(abs(Double(count) - 200) <= 4.5 * (4_000 * 0.05 * 0.95).squareRoot())
    }

    @Test("a policy that cannot forget an arm makes replacement a typed error")
    func unsupportedReset() throws {
        var policy = RecordingPolicy(armCount: 5)
        policy.supportsReset = false
        var trial = DynamicStochasticTrial(
            policy: policy, arms: nil, prior: Self.prior, replacementProbability: 0.5, delay: 1,
            streams: RandomStreams(masterSeed: 1), repetition: 0)
        #expect(throws: BanditError.self) { for round in 1...100 { try trial.step(round: round) } }
    }

    @Test("scenario keys: prior, delay and replacement are validated and run")
    func scenarioKeys() throws {
        let text = """
            name: dynamic
            horizon: 2000
            repetitions: 10
            seed: 4
            prior: {arms: 10, reward: bernoulli, mean: 'beta(4, 4)'}
            delay: 10
            replacement_probability: 0.001
            policies: [ucb1, epsilon-greedy]
            """
        let result = try Study(scenario: Scenario(yaml: text), seed: 4, jobs: 2).run()
        let regret = result.policies[0].series("pseudo_regret")!.final
        #expect(regret.mean > 0 && regret.mean < 2_000)
        #expect(result.metadata.lowerBoundConstant == nil)
        for (bad, field) in [
            ("prior: {arms: 3, reward: bernoulli, mean: 'gaussian(0, 1)'}", "prior.mean"),
            ("prior: {arms: 3, reward: gaussian, mean: 'gaussian(0, 1)'}", "prior"),
            ("prior: {arms: 3, reward: poisson, mean: 'beta(1, 1)'}", "prior.reward"),
            ("prior: {arms: 3, reward: beta, mean: 'beta(1, 1)'}", "prior.concentration"),
            ("prior: {arms: 3, reward: bernoulli, mean: 'beta(1, 1)', concentration: 5}", "prior.concentration"),
            ("arms: [bernoulli(0.5)]\nreplacement_probability: 0.1", "replacement_probability"),
            ("arms: [bernoulli(0.5)]\ndelay: 0", "delay"),
        ] {
            let scenario = "name: x\nhorizon: 10\nrepetitions: 1\npolicies: [ucb1]\n" + bad
            do {
                _ = try Study(scenario: Scenario(yaml: scenario), seed: 1, jobs: 1)
                Issue.record("accepted \(bad)")
            } catch {
                guard case .invalidScenario(let named, _) = error else { Issue.record("\(error)"); continue }
                #expect(named == field, "\(bad)")
            }
        }
    }
}
