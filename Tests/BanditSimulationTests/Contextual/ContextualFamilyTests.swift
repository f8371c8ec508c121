import BanditCore
import BanditPolicies
import Foundation
import LinearAlgebra
import Testing
@testable import BanditSimulation

@Suite("Contextual family")
struct ContextualFamilyTests {
    static func scenario(
        policies: [String], horizon: Int, repetitions: Int, extra: String = "", dimension: Int = 5, arms: Int = 10
    ) throws -> Scenario {
        try Scenario(yaml: """
            name: test
            family: contextual
            horizon: \(horizon)
            repetitions: \(repetitions)
            seed: 3
            dimension: \(dimension)
            arms: \(arms)
            \(extra)
            policies:
            \(policies.map { "  - \"\($0)\"" }.joined(separator: "\n"))
            """)
    }

    @Test("the regret of LinUCB, OFUL and LinTS grows sublinearly: regret(T)/regret(T/4) well below 4")
    func sublinearRegret() throws {
        // Theory (Abbasi-Yadkori et al. 2011, Thm 3; Agrawal & Goyal 2013, Thm 1): regret is
        // Õ(d√T), so quadrupling T about doubles it; linear regret would quadruple it. 3 sits
        // between (and leaves room for the log factors and the noise of 20 repetitions).
        let horizon = 2_000
        let policies = ["linucb(alpha=0.5)", "oful(r=0.1, s=1.5)", "lints(r=0.1, scale=0.1)"]
        let scenario = try Self.scenario(policies: policies, horizon: horizon, repetitions: 20, extra: "noise: gaussian(0, 0.1)")
        var settings = scenario
        settings.expectations = []
        let study = try Study(scenario: scenario, seed: 3, jobs: 2)
        let result = try study.run()
        for label in policies {
            let series = try #require(result.policy(label)?.series("pseudo_regret"))
            let final = try #require(series.summaries.last)
            let quarter = try #require(series.summaries.last { $0.t <= horizon / 4 })
            #expect(final.t == horizon)
            let ratio = final.mean / quarter.mean * (Double(horizon / 4) / Double(quarter.t)).squareRoot()
            #expect(ratio < 3, "\(label): regret \(quarter.mean) at t=\(quarter.t), \(final.mean) at T")
            #expect(final.mean > 0)
        }
    }

    @Test("linear ε-greedy with fixed ε has linear regret (the ratio is near 4)")
    func epsilonGreedyIsLinear() throws {
        // ε = 0.5 explores in half the rounds, each costing the mean gap of a uniform arm, so
        // regret(T)/regret(T/4) → 4; the sublinear-regret check above must not pass for it.
        let scenario = try Self.scenario(policies: ["linear-epsilon-greedy(epsilon=0.5)"], horizon: 1_600, repetitions: 6)
        let result = try Study(scenario: scenario, seed: 3, jobs: 2).run()
        let series = try #require(result.policies.first?.series("pseudo_regret"))
        let final = series.summaries.last!, quarter = series.summaries.last { $0.t <= 400 }!
        #expect(final.mean / quarter.mean * Double(400) / Double(quarter.t) > 3.3)
    }

    @Test("every catalog policy runs on Gaussian, sphere, fixed and logistic environments; results are reproducible")
    func everyPolicyEveryEnvironment() throws {
        let linear = ["linucb", "linucb-disjoint", "linucb-hybrid", "oful", "lints", "linear-epsilon-greedy"]
        for extra in ["contexts: sphere", "contexts: fixed\nnoise: student-t(3)", "link: logistic", "theta: [1, 0, 0, 0, -1]"] {
            let policies = extra.hasPrefix("link") ? linear + ["glm-ucb"] : linear
            let scenario = try Self.scenario(policies: policies, horizon: 200, repetitions: 2, extra: extra)
            let first = try Study(scenario: scenario, seed: 5, jobs: 1).run()
            let second = try Study(scenario: scenario, seed: 5, jobs: 2).run()
            for (a, b) in zip(first.policies, second.policies) {
                #expect(a.metrics.map(\.values) == b.metrics.map(\.values))
                let fraction = try #require(a.series("best_arm_fraction")?.final.mean)
                #expect(fraction >= 0 && fraction <= 1)
                #expect(a.metrics.allSatisfy { $0.values.allSatisfy { $0.allSatisfy(\.isFinite) } })
            }
        }
    }

    @Test("contexts and noise are common random numbers: independent of the policy")
    func commonRandomNumbers() throws {
        let environment = try ContextualEnvironment(dimension: 3, armCount: 4, noise: try Gaussian(mean: 0, standardDeviation: 0.1))
        let stream = RandomStreams(masterSeed: 9).rewardStream(repetition: 2)
        var first = ArmFeatures(dimension: 3, armCount: 4), second = ArmFeatures(dimension: 3, armCount: 4)
        environment.fillFeatures(round: 7, stream: stream, into: &first)
        environment.fillFeatures(round: 8, stream: stream, into: &second)
        environment.fillFeatures(round: 7, stream: stream, into: &second)
        #expect(first == second)
        #expect(environment.reward(arm: 1, round: 7, mean: 0.5, stream: stream) == environment.reward(arm: 1, round: 7, mean: 0.5, stream: stream))
        // θ* ~ N(0, I/d) comes from the instance stream: same for a repetition, different across.
        let streams = RandomStreams(masterSeed: 9)
        #expect(environment.theta(repetition: 1, streams: streams) == environment.theta(repetition: 1, streams: streams))
        #expect(environment.theta(repetition: 1, streams: streams) != environment.theta(repetition: 2, streams: streams))
    }

    @Test("malformed contextual scenarios name the field")
    func malformedScenarios() throws {
        func field(_ extra: String) throws -> String? {
            do {
                let scenario = try Self.scenario(policies: ["linucb"], horizon: 10, repetitions: 1, extra: extra)
                _ = try Study(scenario: scenario, seed: 1, jobs: 1)
                return nil
            } catch let error as BanditError {
                if case .invalidScenario(let field, _) = error { return field }
                return "\(error)"
            }
        }
        #expect(try field("contexts: cube") == "contexts")
        #expect(try field("link: probit") == "link")
        #expect(try field("theta: [1, 2]") == "theta")
        #expect(try field("noise: cauchy-ish(1)") == "noise")
        #expect(try field("link: logistic\nnoise: gaussian(0, 1)") == "noise")
        #expect(try field("colour: red") == "colour")
        #expect(try field("") == nil)
        let glmOnLinear = try Self.scenario(policies: ["glm-ucb"], horizon: 10, repetitions: 1)
        #expect(throws: BanditError.self) { _ = try Study(scenario: glmOnLinear, seed: 1, jobs: 1) }
        let stochastic = Scenario(name: "s", horizon: 10, repetitions: 1, arms: [try Specification(parsing: "bernoulli(0.5)")], policies: [Specification(name: "linucb")])
        #expect(throws: BanditError.self) { _ = try Study(scenario: stochastic, seed: 1, jobs: 1) }
    }
}
