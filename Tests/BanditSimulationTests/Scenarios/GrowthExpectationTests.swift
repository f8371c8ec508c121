import BanditCore
import Foundation
import Testing
@testable import BanditSimulation

@Suite("growth expectations (log-log slope)")
struct GrowthExpectationTests {
    /// A summary with the given mean and standard error (two values m ± s·√2/… reproduce them).
    static func summary(t: Int, mean: Double, standardError: Double) -> CheckpointSummary {
        // Two values m ± a have mean m and standard error a (s = a√2, s/√2 = a).
        CheckpointSummary(t: t, values: [mean - standardError, mean + standardError])
    }

    @Test("the slope of t^k is k; outside the band by more than 3 standard errors fails")
    func slopeOfAPower() {
        let expectation = Expectation.growth(policy: "p", metric: nil, from: 100, t: 10_000, minimum: 0.45, maximum: 0.55)
        let start = Self.summary(t: 100, mean: 10, standardError: 0.1)
        let sqrt = Self.summary(t: 10_000, mean: 100, standardError: 1)  // 10·(100)^{1/2}
        let pass = ExpectationGrowth.verdict(expectation, start: start, end: sqrt, from: 100, t: 10_000, minimum: 0.45, maximum: 0.55)
        #expect(pass.passed, "\(pass.measured)")
        // Linear growth: slope 1, error √2·0.01/ln 100 ≈ 0.003: far outside [0.45, 0.55].
        let linear = Self.summary(t: 10_000, mean: 1_000, standardError: 10)
        #expect(!ExpectationGrowth.verdict(expectation, start: start, end: linear, from: 100, t: 10_000, minimum: 0.45, maximum: 0.55).passed)
        // Noisy means widen the band: slope 0.6 with 20 % relative errors passes (3σ ≈ 0.18).
        let noisyStart = Self.summary(t: 100, mean: 10, standardError: 2)
        let noisyEnd = Self.summary(t: 10_000, mean: 10 * pow(100, 0.6), standardError: 0.2 * 10 * pow(100, 0.6))
        #expect(ExpectationGrowth.verdict(expectation, start: noisyStart, end: noisyEnd, from: 100, t: 10_000, minimum: 0.45, maximum: 0.55).passed)
        let zero = Self.summary(t: 100, mean: 0, standardError: 0)
        #expect(!ExpectationGrowth.verdict(expectation, start: zero, end: sqrt, from: 100, t: 10_000, minimum: 0, maximum: 1).passed)
    }

    @Test("parses from YAML, records both checkpoints and checks a real run")
    func parsesAndRuns() throws {
        let scenario = try Scenario(yaml: """
            name: g
            horizon: 4000
            repetitions: 8
            seed: 5
            arms: [bernoulli(0.5), bernoulli(0.4)]
            policies: [epsilon-greedy(epsilon=0.2)]
            expectations:
              - {type: growth, policy: "epsilon-greedy(epsilon=0.2)", from: 400, min: 0.9, max: 1.1}
            """)
        #expect(scenario.expectations.first?.rounds == [400, 4000])
        let study = try Study(scenario: scenario, seed: 5, jobs: 1)
        #expect(study.settings.checkpoints.contains(400))
        let result = try study.run()
        // Fixed-ε greedy explores a fraction ε of rounds forever: regret is linear, slope ≈ 1.
        let verdict = try scenario.expectations[0].check(against: result)
        #expect(verdict.passed, "\(verdict.measured)")
        #expect(throws: BanditError.self) {
            _ = try Scenario(yaml: "name: g\nhorizon: 10\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]\nexpectations:\n  - {type: growth, policy: ucb1, from: 10, min: 0, max: 1}\n")
        }
    }
}
