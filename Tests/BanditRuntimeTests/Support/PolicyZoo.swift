import BanditCore
import BanditPolicies
@testable import BanditRuntime

/// One instance of every policy type on this branch, small enough to drive quickly. Adding a
/// policy type adds a line here; ``everyRegisteredTypeIsInTheZoo`` fails until it is.
enum PolicyZoo {
    static let armCount = 4
    static let dimension = 3
    /// The knapsack policies' budgets (two resources) and horizon.
    static let budgets: [Double] = [14, 20]
    static let knapsackHorizon = 48

    static func all(seed: UInt64 = 17) throws -> [any SnapshottablePolicy] {
        let k = armCount, d = dimension
        let priors = [NormalGammaPrior](repeating: NormalGammaPrior(), count: k)
        return [
            // Stochastic
            try UCB1(armCount: k), try UCB1Tuned(armCount: k), try UCBV(armCount: k), try MOSS(armCount: k, horizon: 100),
            try MOSSAnytime(armCount: k), try KLUCB(armCount: k), try KLUCBPlus(armCount: k), try IMED(armCount: k),
            try BayesUCB(armCount: k, horizon: 100), try ChapelleLiUCB(armCount: k), try EpsilonGreedy(armCount: k, seed: seed),
            try EpsilonNGreedy(armCount: k, seed: seed), try ExploreThenCommit(armCount: k, explorationLength: 3),
            try Softmax(armCount: k, seed: seed),
            // Bayesian
            try BernoulliThompsonSampling(armCount: k, seed: seed), try GaussianThompsonSampling(armCount: k, seed: seed),
            try NormalGammaThompsonSampling(armCount: k, seed: seed), try OptimisticThompsonSampling(armCount: k, seed: seed),
            try VarianceAdaptiveThompsonSampling(unknownVariancePriors: priors, seed: seed),
            // Adversarial
            try EXP3(armCount: k, horizon: 100, seed: seed), try EXP3IX(armCount: k, horizon: 100, seed: seed),
            try TsallisINF(armCount: k, seed: seed),
            // Heavy-tailed
            try RobustUCB(armCount: k),
            try CRTM(armCount: k, dimension: d, horizon: 100), try CRMM(armCount: k, dimension: d, epochLength: 3),
            try MENU(armCount: k, dimension: d, epochLength: 3), try TOFU(armCount: k, dimension: d, horizon: 100),
            // Linear / contextual
            try LinUCB(armCount: k, dimension: d), try LinUCBDisjoint(armCount: k, dimension: d),
            try LinUCBHybrid(armCount: k, dimension: d), try LinTS(armCount: k, dimension: d, posteriorScale: 0.5, seed: seed),
            try OFUL(armCount: k, dimension: d), try UCBGLM(armCount: k, dimension: d),
            try LinearEpsilonGreedy(armCount: k, dimension: d, seed: seed),
            // Dueling
            try RUCB(armCount: k, seed: seed), try RMED1(armCount: k, seed: seed), try DoubleThompsonSampling(armCount: k, seed: seed),
            try RMED2(armCount: k, seed: seed), try BeatTheMean(armCount: k, horizon: 100, seed: seed),
            try InterleavedFilter(armCount: k, horizon: 100, seed: seed), try SAVAGE(armCount: k, horizon: 100),
            try RCS(armCount: k, seed: seed), try CCB(armCount: k, seed: seed),
            try Sparring.ucb(armCount: k), try Sparring.exp3(armCount: k, horizon: 100, seeds: (seed, seed + 1)),
            // Pure exploration: budgets that run out within the tests' 48 rounds.
            try SequentialHalving(armCount: k, budget: 40, seed: seed),
            try BracketingSequentialHalving(armCount: 32, budget: 40, seed: seed),
            try SuccessiveRejects(armCount: k, budget: 40, seed: seed), try UniformAllocation(armCount: k, budget: 40, seed: seed),
            try LUCB.klLUCB(armCount: k, confidence: 0.1),
            // Knapsack: budgets that run out within 48 rounds.
            try PrimalDualBwK(armCount: k, budgets: budgets, horizon: knapsackHorizon),
            try UCBBwK(armCount: k, budgets: budgets, horizon: knapsackHorizon, seed: seed),
            try LagrangeBwK(armCount: k, budgets: budgets, horizon: knapsackHorizon, seed: seed),
            try ReplenishablePrimalDual(armCount: k, budgets: budgets, horizon: knapsackHorizon, seed: seed),
            BudgetObliviousPolicy(base: try UCB1(armCount: k), resourceCount: budgets.count),
        ]
    }

    /// Instances of registered types in configurations the zoo's one instance does not cover.
    static func variants(seed: UInt64 = 17) throws -> [any SnapshottablePolicy] {
        [
            try LUCB(armCount: armCount, confidence: 0.1),
            try LUCB.klLUCB(armCount: armCount, confidence: 0.1, divergence: .gaussian(variance: 0.25)),
            try SequentialHalving(armCount: 16, budget: 40, subset: .fixed(8), seed: seed),
            try UniformAllocation(armCount: 64, budget: 30, seed: seed),
        ]
    }
}

/// A reproducible environment whose round-t inputs depend only on (seed, t), so a run resumed
/// from a snapshot at round c sees exactly what an uninterrupted run sees from c on.
struct ReplayEnvironment {
    var seed: UInt64 = 2024

    func features(round: Int, family: PolicyFamily) -> ArmFeatures? {
        guard family == .contextual else { return nil }
        var rng = Xoshiro256PlusPlus(seed: seed &+ UInt64(round) &* 0x9E37_79B9)
        var features = ArmFeatures(dimension: PolicyZoo.dimension, armCount: PolicyZoo.armCount)
        for arm in 0..<PolicyZoo.armCount {
            for row in 0..<PolicyZoo.dimension { features[row, arm] = rng.nextUniform() - 0.5 }
        }
        return features
    }

    /// A Bernoulli reward whose mean grows with the arm index (in [0, 1], so every policy's
    /// reward model accepts it); for a duel, 1 when the first arm wins.
    func reward(round: Int, choice: Choice) -> Double {
        var rng = Xoshiro256PlusPlus(seed: (seed &+ UInt64(round)) ^ 0xD1B5_4A32_D192_ED03)
        let k = Double(PolicyZoo.armCount)
        if let opponent = choice.opponent {
            let p = 0.5 + 0.4 * (Double(choice.arm) - Double(opponent)) / k
            return rng.nextUniform() < p ? 1 : 0
        }
        return rng.nextUniform() < (Double(choice.arm) + 1) / (k + 1) ? 1 : 0
    }

    /// Plays rounds `rounds` on a policy of any family, returning its choices; `session` carries
    /// the environment's own state (the knapsack budgets left) from one call to the next.
    func replay<P: SnapshottablePolicy>(_ policy: inout P, rounds: Range<Int>, session: inout ReplaySession) throws -> [Choice] {
        if var servable = policy as? any ServablePolicy {
            let choices = try play(&servable, rounds: rounds)
            policy = servable as! P
            return choices
        }
        if var explorer = policy as? any PureExplorationPolicy {
            let choices = try explore(&explorer, rounds: rounds)
            policy = explorer as! P
            return choices
        }
        if var knapsack = policy as? any KnapsackPolicy {
            let choices = try spend(&knapsack, rounds: rounds, session: &session)
            policy = knapsack as! P
            return choices
        }
        preconditionFailure("\(P.self) is of no family ReplayEnvironment drives")
    }

    /// ``replay(_:rounds:session:)`` from a fresh session.
    func replay<P: SnapshottablePolicy>(_ policy: inout P, rounds: Range<Int>) throws -> [Choice] {
        var session = ReplaySession()
        return try replay(&policy, rounds: rounds, session: &session)
    }

    /// Samples until the policy stops; after that each round records its recommendation (as
    /// a choice with opponent −1) and calls nothing else.
    func explore<P: PureExplorationPolicy>(_ policy: inout P, rounds: Range<Int>) throws -> [Choice] {
        var choices: [Choice] = []
        for round in rounds {
            guard !policy.isStopped else {
                choices.append(Choice(arm: policy.recommend(), opponent: -1))
                continue
            }
            let arm = policy.selectArm()
            choices.append(Choice(arm: arm))
            try policy.update(arm: arm, reward: bernoulli(round: round, mean: (Double(arm) + 1) / (Double(policy.armCount) + 1)))
        }
        return choices
    }

    /// Pulls with Bernoulli rewards and consumption in [0, 1] (resource 0) and [−0.3, 0.7]
    /// (resource 1, replenished now and then) until a budget is spent; the null arm is
    /// recorded as arm −1, rounds after the end as −2.
    func spend<P: KnapsackPolicy>(_ policy: inout P, rounds: Range<Int>, session: inout ReplaySession) throws -> [Choice] {
        var choices: [Choice] = []
        for round in rounds {
            guard !session.remainingBudgets.contains(where: { $0 <= 0 }) else {
                choices.append(Choice(arm: -2))
                continue
            }
            let arm = policy.selectArm(remainingBudgets: session.remainingBudgets, round: round + 1)
            choices.append(Choice(arm: arm ?? -1))
            var rng = Xoshiro256PlusPlus(seed: (seed &+ UInt64(round)) ^ 0x5851_F42D_4C95_7F2D)
            var consumption = [Double](repeating: 0, count: session.remainingBudgets.count)  // the environment's d
            var reward = 0.0
            if let arm {
                let scale = (Double(arm) + 1) / Double(policy.armCount)
                reward = rng.nextUniform() < scale * 0.8 ? 1 : 0
                for j in consumption.indices { consumption[j] = j == 0 ? scale * rng.nextUniform() : rng.nextUniform() - 0.3 }
            }
            try policy.update(arm: arm, reward: reward, consumption: consumption)
            for j in consumption.indices { session.remainingBudgets[j] -= consumption[j] }
        }
        return choices
    }

    private func bernoulli(round: Int, mean: Double) -> Double {
        var rng = Xoshiro256PlusPlus(seed: (seed &+ UInt64(round)) ^ 0xD1B5_4A32_D192_ED03)
        return rng.nextUniform() < mean ? 1 : 0
    }

    /// Plays rounds `rounds` on `policy`, returning its choices.
    func play<P: ServablePolicy>(_ policy: inout P, rounds: Range<Int>) throws -> [Choice] {
        var choices: [Choice] = []
        for round in rounds {
            let features = self.features(round: round, family: P.family)
            let choice = try policy.choose(features: features)
            choices.append(choice)
            try policy.learn(from: choice, features: features?.column(choice.arm), reward: reward(round: round, choice: choice))
        }
        return choices
    }
}

/// What ``ReplayEnvironment`` carries between calls: the knapsack budgets left.
struct ReplaySession: Equatable {
    var remainingBudgets = PolicyZoo.budgets
}
