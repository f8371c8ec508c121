import BanditCore
import BanditPolicies
@testable import BanditRuntime

/// One instance of every policy type on this branch, small enough to drive quickly. Adding a
/// policy type adds a line here; ``everyRegisteredTypeIsInTheZoo`` fails until it is.
enum PolicyZoo {
    static let armCount = 4
    static let dimension = 3

    static func all(seed: UInt64 = 17) throws -> [any ServablePolicy] {
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
            try MENU(armCount: k, dimension: d, epochLength: 3),
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
