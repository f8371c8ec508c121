import BanditCore
import Foundation
import Testing
@testable import BanditSimulation

@Suite("Scenario files")
struct ScenarioTests {
    static let valid = """
        name: demo
        source: test
        horizon: 500
        repetitions: 10
        seed: 3
        arms:
          - bernoulli(0.7)
          - bernoulli(0.4)
        policies:
          - ucb1
          - epsilon-greedy(epsilon=0.2)
        expectations:
          - type: range
            policy: ucb1
            t: 500
            min: 0
            max: 150
          - type: beats
            policy: ucb1
            other: epsilon-greedy(epsilon=0.2)
        """

    @Test("parses a valid file")
    func parses() throws {
        let scenario = try Scenario(yaml: Self.valid)
        #expect(scenario.horizon == 500)
        #expect(scenario.environment["arms"] == .list([.text("bernoulli(0.7)"), .text("bernoulli(0.4)")]))
        #expect(scenario.policies.map(\.description) == ["ucb1", "epsilon-greedy(epsilon=0.2)"])
        #expect(scenario.expectations.count == 2)
    }

    @Test("every malformed field is named", arguments: [
        ("horizon: 5\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]", "name"),
        ("name: x\nhorizn: 5\nhorizon: 5\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]", "horizn"),
        ("name: x\nhorizon: -5\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]", "horizon"),
        ("name: x\nhorizon: 5.5\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]", "horizon"),
        ("name: x\nhorizon: 5\nrepetitions: 1\narms: []\npolicies: [ucb1]", "arms"),
        ("name: x\nhorizon: 5\nrepetitions: 1\narms: ['bernoulli(0.5']\npolicies: [ucb1]", "arms[0]"),
        ("name: x\nhorizon: 5\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]\nexpectations: [{type: range, policy: ts, min: 0, max: 1}]", "expectations"),
        ("name: x\nhorizon: 5\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]\nexpectations: [{type: nope}]", "expectations[0].type"),
        ("name: x\nhorizon: 5\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]\nexpectations: [{type: range, policy: ucb1, t: 9, min: 0, max: 1}]", "expectations[0].t"),
        ("[1, 2", "(file)"),
        ("- just\n- a list", "(file)"),
        ("name: x\nfamily: no-such-family\nhorizon: 5\nrepetitions: 1\narms: [bernoulli(0.5)]\npolicies: [ucb1]", "family"),
    ])
    func malformed(text: String, field: String) {
        do {
            // Family-specific keys (arms) are validated when the study is built.
            _ = try Study(scenario: Scenario(yaml: text), seed: 1, jobs: 1)
            Issue.record("accepted a malformed scenario")
        } catch {
            guard case .invalidScenario(let named, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(named == field)
        }
    }

    @Test("unknown arms, policies and parameters are rejected before running", arguments: [
        ("bernoulli(1.5)", "ucb1", "arms[0]"),
        ("poisson2(1)", "ucb1", "arms[0]"),
        ("bernoulli(0.5)", "ucb7", "policies[0]"),
        ("bernoulli(0.5)", "ucb1(alpha=-1)", "policies[0]"),
        ("bernoulli(0.5)", "ucb1(beta=1)", "policies[0]"),
        ("bernoulli(0.5)", "thompson(binarize=maybe)", "policies[0]"),
    ])
    func invalidComponents(arm: String, policy: String, field: String) throws {
        let scenario = Scenario(
            name: "x", horizon: 10, repetitions: 1, arms: [try Specification(parsing: arm)],
            policies: [try Specification(parsing: policy)])
        do {
            _ = try Study(scenario: scenario, seed: 1, jobs: 1)
            Issue.record("accepted \(arm) / \(policy)")
        } catch {
            guard case .invalidScenario(let named, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(named == field)
        }
    }

    @Test("expectations are checked against results")
    func expectations() throws {
        let scenario = try Scenario(yaml: Self.valid)
        let result = try Study(scenario: scenario, seed: 3, jobs: 2).run()
        let verdicts = try scenario.expectations.map { expectation throws(BanditError) in try expectation.check(against: result) }
        #expect(verdicts.count == 2)
        let ucb = result.policy("ucb1")!.series("pseudo_regret")!.final.mean
        #expect(verdicts[0].passed == (ucb <= 150))
        let impossible = Expectation.range(policy: "ucb1", metric: nil, t: 500, minimum: -2, maximum: -1)
        #expect(try impossible.check(against: result).passed == false)
        let reversed = Expectation.beats(policy: "epsilon-greedy(epsilon=0.2)", other: "ucb1", metric: nil, t: 500, z: 2)
        #expect(try reversed.check(against: result).passed == false)
    }
}
