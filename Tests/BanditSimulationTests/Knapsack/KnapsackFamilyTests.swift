import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

@Suite("Knapsack family")
struct KnapsackFamilyTests {
    static func scenario(policies: [String], horizon: Int, repetitions: Int, environment: String) throws -> Scenario {
        try Scenario(yaml: """
            name: test
            family: knapsack
            horizon: \(horizon)
            repetitions: \(repetitions)
            seed: 7
            \(environment)
            policies:
            \(policies.map { "  - \"\($0)\"" }.joined(separator: "\n"))
            """)
    }

    /// Arm 0 pays 1 exactly when it consumes a unit (shared Bernoulli, probability 0.9); arm 1
    /// pays Bernoulli(½) and consumes nothing; B = T/10. OPT_LP = T·max{0.9p₀ + 0.5p₁ :
    /// 0.9p₀ ≤ 0.1, p₀ + p₁ ≤ 1} = T·(0.1 + 0.5·8/9) ≈ 0.544·T. A budget-unaware UCB1 prefers
    /// arm 0 (0.9 > 0.5), so its reward is at most about B + ½·(its arm-1 pulls) before the
    /// budget runs out — regret Θ(T) — while BwK algorithms have regret o(T).
    static let trap = """
        budget_fractions: [0.1]
        arms:
          - {model: bernoulli, reward: 0.9, consumption: [0.9], shared: true}
          - {model: bernoulli, reward: 0.5, consumption: [0]}
        """

    @Test("UCB-BwK, PrimalDualBwK, LagrangeBwK and the replenishable template beat budget-unaware UCB1")
    func beatBudgetUnawareUCB1() throws {
        let labels = ["ucb-bwk", "primal-dual-bwk", "lagrange-bwk", "replenishable-primal-dual", "budget-unaware-ucb1"]
        let horizon = 2_000
        let result = try Study(scenario: Self.scenario(policies: labels, horizon: horizon, repetitions: 8, environment: Self.trap), seed: 7, jobs: 2).run()
        let optimum = Double(horizon) * (0.1 + 0.5 * 8 / 9)
        var finals: [String: CheckpointSummary] = [:]
        for label in labels {
            let policy = try #require(result.policy(label))
            #expect(policy.metrics.map(\.metric.name) == ["regret", "reward", "stopped", "consumption_1"])
            let regret = try #require(policy.series("regret")).final
            let reward = try #require(policy.series("reward")).final
            // regret = OPT_LP − reward at T, exactly, repetition by repetition.
            #expect(abs(regret.mean + reward.mean - optimum) < 1e-6)
            // Never overspent: every repetition's consumption stays within the budget.
            #expect(try #require(policy.series("consumption_1")).values.allSatisfy { $0.allSatisfy { $0 <= 0.1 * Double(horizon) } })
            finals[label] = regret
        }
        let naive = finals["budget-unaware-ucb1"]!
        // UCB1 exhausts the budget on arm 0: its reward ≤ B + ½·(rounds before stopping) is far
        // below OPT_LP. One-sided test on the difference at 3 standard errors.
        #expect(naive.mean > 0.5 * optimum, "naive regret \(naive.mean)")
        for label in labels.dropLast() {
            let mine = finals[label]!
            let spread = (mine.standardError * mine.standardError + naive.standardError * naive.standardError).squareRoot()
            #expect(mine.mean + 3 * spread < naive.mean, "\(label): \(mine.mean) vs naive \(naive.mean)")
        }
    }

    @Test("same seed, different thread counts: bit-identical results")
    func determinism() throws {
        let scenario = try Self.scenario(policies: ["ucb-bwk", "primal-dual-bwk"], horizon: 300, repetitions: 4, environment: Self.trap)
        let one = try Study(scenario: scenario, seed: 3, jobs: 1).run()
        let two = try Study(scenario: scenario, seed: 3, jobs: 2).run()
        #expect(one.policies.map(\.metrics) == two.policies.map(\.metrics))
    }

    @Test("budget_fractions scale with the horizon; every arm model parses")
    func scenarioKeys() throws {
        let environment = """
            budget_fractions: [0.25, 0.5]
            arms:
              - {model: bernoulli, reward: 0.5, consumption: [0.5, 0.1], shared: true}
              - {model: beta, reward: 0.4, consumption: [0.2, -0.3], concentration: 5}
              - {model: gaussian, reward: 0.6, consumption: [0.4, 0.2], sd: 0.2}
              - {model: table, outcomes: [[0.5, 1, 1, 0], [0.5, 0, 0, 0]]}
            switch_arms:
              - {model: bernoulli, reward: 0.1, consumption: [0.5, 0.1]}
              - {model: bernoulli, reward: 0.9, consumption: [0.2, 0.3]}
              - {model: bernoulli, reward: 0.1, consumption: [0.4, 0.2]}
              - {model: bernoulli, reward: 0.1, consumption: [0.4, 0.2]}
            switch_round: 40
            """
        let study = try Study(scenario: Self.scenario(policies: ["lagrange-bwk"], horizon: 100, repetitions: 1, environment: environment), seed: 1, jobs: 1)
        let setting = try #require(study.setting as? KnapsackSetting)
        #expect(setting.instance.budgets == [25, 50])
        #expect(setting.instance.switchRound == 40)
        _ = try study.run()
    }

    @Test("scenario errors name the field", arguments: [
        ("arms:\n  - {model: bernoulli, reward: 0.5, consumption: [0.5]}", "budgets"),
        ("budgets: [10]\narms:\n  - {model: bernoulli, reward: 1.5, consumption: [0.5]}", "arms[0].reward"),
        ("budgets: [10]\narms:\n  - {model: bernoulli, reward: 0.5, consumption: [0.5, 0.1]}", "arms[0].consumption"),
        ("budgets: [10]\narms:\n  - {model: poisson, reward: 0.5, consumption: [0.5]}", "arms[0].model"),
        ("budgets: [10]\narms:\n  - {model: table, outcomes: [[0.5, 1, 1]]}", "arms[0].outcomes"),
        ("budgets: [10]\narms:\n  - {model: bernoulli, reward: 0.5, consumption: [0.5], colour: red}", "arms[0].colour"),
        ("budgets: [0]\narms:\n  - {model: bernoulli, reward: 0.5, consumption: [0.5]}", "budgets[0]"),
        ("budgets: [10]\nswitch_round: 4\narms:\n  - {model: bernoulli, reward: 0.5, consumption: [0.5]}", "switch_round"),
        ("budgets: [10]\nbudget: [3]\narms:\n  - {model: bernoulli, reward: 0.5, consumption: [0.5]}", "budget"),
    ])
    func errors(environment: String, field: String) throws {
        do {
            _ = try Study(scenario: Self.scenario(policies: ["ucb-bwk"], horizon: 10, repetitions: 1, environment: environment), seed: 1, jobs: 1)
            Issue.record("accepted: \(environment)")
        } catch let error as BanditError {
            guard case let .invalidScenario(actual, _) = error else { Issue.record("\(error)"); return }
            #expect(actual == field, "\(error)")
        }
    }

    @Test("a knapsack policy on another family, or a stochastic policy here, is refused")
    func familyMismatch() throws {
        #expect(throws: BanditError.self) {
            try Study(scenario: Self.scenario(policies: ["ucb1"], horizon: 10, repetitions: 1, environment: Self.trap), seed: 1, jobs: 1)
        }
    }
}
