import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// A distribution defined outside the library: rewards are 1 with probability p and −1 otherwise.
struct Coin: RewardDistribution {
    let p: Double
    func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        generator.nextUniform() < p ? 1 : -1
    }
    var mean: Double { 2 * p - 1 }
    var variance: Double? { 4 * p * (1 - p) }
    var support: ClosedRange<Double> { -1...1 }
    var specification: Specification { Specification(name: "coin", labelled: ["p": p]) }
}

@Suite("Environments")
struct EnvironmentTests {
    @Test("rewards depend only on (seed, repetition, round, arm): common random numbers")
    func commonRandomNumbers() throws {
        let environment = try StochasticEnvironment(arms: [try Bernoulli(probability: 0.5), try Bernoulli(probability: 0.3)])
        let stream = RandomStreams(masterSeed: 3).rewardStream(repetition: 4)
        let first = (1...200).map { environment.reward(arm: $0 % 2, round: $0, stream: stream) }
        // Querying other cells in between changes nothing.
        _ = (1...200).map { environment.reward(arm: 1 - $0 % 2, round: $0, stream: stream) }
        let again = (1...200).map { environment.reward(arm: $0 % 2, round: $0, stream: stream) }
        #expect(first == again)
        let other = RandomStreams(masterSeed: 3).rewardStream(repetition: 5)
        #expect((1...200).map { environment.reward(arm: $0 % 2, round: $0, stream: other) } != first)
    }

    @Test("a user-defined distribution runs in the simulator unchanged")
    func userDistribution() throws {
        var catalog = DistributionCatalog.standard
        catalog.register(.init(name: "coin", summary: "±1 coin", parameters: [ParameterDescriptor("p", "P(+1)")]) {
            arguments throws(BanditError) in Coin(p: try arguments.double("p"))
        })
        let scenario = Scenario(
            name: "coins", horizon: 2_000, repetitions: 20, seed: 1,
            arms: [Specification(name: "coin", labelled: ["p": 0.7]), Specification(name: "coin", labelled: ["p": 0.4])],
            policies: [Specification(name: "ucb1", arguments: [.init(label: "alpha", value: "2")])])
        let study = try Study(scenario: scenario, seed: 1, jobs: 2, distributions: catalog)
        let result = try study.run()
        let regret = result.policies[0].series("pseudo_regret")!.final
        // Gap 0.6 in mean; learning keeps regret far below uniform play's 0.3·T.
        #expect(regret.mean > 0 && regret.mean < 0.3 * 2_000 / 4)
        #expect(result.metadata.environment == ["coin(p=0.7)", "coin(p=0.4)"])
    }

    @Test("environments reject empty arm sets")
    func rejectsEmpty() {
        #expect(throws: BanditError.self) { try StochasticEnvironment<Bernoulli>(arms: []) }
    }

    @Test("Lai–Robbins constant for Bernoulli arms: Σ Δ/KL")
    func laiRobbins() throws {
        let arms: [any RewardDistribution] = [try Bernoulli(probability: 0.9), try Bernoulli(probability: 0.6)]
        let kl = 0.6 * log(0.6 / 0.9) + 0.4 * log(0.4 / 0.1)
        #expect(abs(LaiRobbins.constant(arms: arms)! - 0.3 / kl) < 1e-12)
        #expect(LaiRobbins.constant(arms: [try Bernoulli(probability: 0.5)]) == nil)
    }
}

@Suite("Lai–Robbins constants")
struct LaiRobbinsTests {
    @Test("Gaussian, Poisson and exponential constants match their closed-form divergences")
    func families() throws {
        let gaussian: [any RewardDistribution] = [try Gaussian(mean: 1, standardDeviation: 2), try Gaussian(mean: 0.5, standardDeviation: 0.5)]
        // Δ = 0.5, KL = 0.5²/(2·0.5²) = 0.5 → c = 1.
        #expect(abs(LaiRobbins.constant(arms: gaussian)! - 1) < 1e-12)
        let poisson: [any RewardDistribution] = [try Poisson(rate: 3), try Poisson(rate: 1)]
        let poissonKL = 3 - 1 + 1 * log(1.0 / 3)
        #expect(abs(LaiRobbins.constant(arms: poisson)! - 2 / poissonKL) < 1e-12)
        let exponential: [any RewardDistribution] = [try Exponential(rate: 0.5), try Exponential(rate: 1)]
        let exponentialKL = 1.0 / 2 - 1 - log(1.0 / 2)
        #expect(abs(LaiRobbins.constant(arms: exponential)! - 1 / exponentialKL) < 1e-12)
        let mixed: [any RewardDistribution] = [try Gaussian(mean: 1), try Bernoulli(probability: 0.5)]
        #expect(LaiRobbins.constant(arms: mixed) == nil)
    }
}
