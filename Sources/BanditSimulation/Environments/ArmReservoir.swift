import BanditCore

/// A reservoir of arms (the "infinitely many-armed" model of Berry, Chen, Zame, Heath & Shepp
/// 1997 and Carpentier & Valko 2015): n arms whose means are i.i.d. draws from a distribution,
/// e.g. Uniform(0, 1) or Beta(a, b), each paying Bernoulli(μ) or Gaussian(μ, σ) rewards.
///
/// No arm is stored. Arm j's mean is a pure function of (instance stream, j) — drawn on demand
/// from the counter stream cell (0, j) — so an experiment with n = 10⁶ arms and a budget T ≤ n
/// costs memory only for what the policy keeps about the arms it actually samples.
public struct ArmReservoir: Sendable, CustomStringConvertible {
    /// How a reservoir arm pays.
    public enum Reward: Sendable, Hashable {
        /// Bernoulli(μ): the mean distribution must live on [0, 1].
        case bernoulli
        /// Gaussian(μ, σ²).
        case gaussian(standardDeviation: Double)
    }

    /// The most arms a reservoir may have: reward cells (round t, arm j) of the counter stream
    /// are distinct only for j < 2²⁰.
    public static let maximumArmCount = 1 << 20

    /// n.
    public let armCount: Int
    /// The distribution of each arm's mean.
    public let means: AnyRewardDistribution
    /// The reward family.
    public let reward: Reward

    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` naming `reservoir.arms`,
    ///   `reservoir.mean` or `reservoir.sd`.
    public init(armCount: Int, means: any RewardDistribution, reward: Reward) throws(BanditError) {
        guard armCount >= 1 && armCount <= Self.maximumArmCount else {
            throw .invalidScenario(field: "reservoir.arms", reason: "must lie in 1…\(Self.maximumArmCount)")
        }
        switch reward {
        case .bernoulli:
            guard means.support.lowerBound >= 0 && means.support.upperBound <= 1 else {
                throw .invalidScenario(field: "reservoir.mean", reason: "Bernoulli arms need means on [0, 1], e.g. uniform(0, 1) or beta(1, 3)")
            }
        case .gaussian(let sd):
            guard sd.isFinite && sd > 0 else { throw .invalidScenario(field: "reservoir.sd", reason: "must be finite and > 0") }
            guard means.mean.isFinite else {
                throw .invalidScenario(field: "reservoir.mean", reason: "the mean distribution needs a finite mean")
            }
        }
        self.armCount = armCount
        self.means = AnyRewardDistribution(means)
        self.reward = reward
    }

    public var description: String {
        switch reward {
        case .bernoulli: return "reservoir: \(armCount) Bernoulli arms, means ~ \(means)"
        case .gaussian(let sd): return "reservoir: \(armCount) Gaussian arms (sd \(sd)), means ~ \(means)"
        }
    }

    /// One repetition's arms: means from `instance`, rewards from `rewards`.
    public func arms(instance: CounterStream, rewards: CounterStream) -> ReservoirArms {
        ReservoirArms(reservoir: self, instance: instance, rewards: rewards)
    }
}

/// The arms a pure-exploration trial samples and scores: μ*, each arm's mean and its rewards.
public protocol PureExplorationArms: Sendable {
    /// n.
    var armCount: Int { get }
    /// μ* = maxⱼ μⱼ over the n arms.
    var bestMean: Double { get }
    /// μⱼ.
    func mean(of arm: Int) -> Double
    /// The reward of `arm` at `round` (common random numbers: a function of (round, arm)).
    func reward(arm: Int, round: Int) -> Double
}

/// One repetition of an ``ArmReservoir``.
public struct ReservoirArms: PureExplorationArms {
    /// The reservoir the arms come from.
    public let reservoir: ArmReservoir
    @usableFromInline let instance: CounterStream
    @usableFromInline let rewards: CounterStream
    /// μ* over this repetition's n arms.
    public let bestMean: Double

    init(reservoir: ArmReservoir, instance: CounterStream, rewards: CounterStream) {
        self.reservoir = reservoir
        self.instance = instance
        self.rewards = rewards
        // μ* streams over the n means once (O(n) time, O(1) memory).
        var best = -Double.infinity
        for arm in 0..<reservoir.armCount {
            var generator = instance.generator(round: 0, slot: arm)
            best = Swift.max(best, reservoir.means.sample(using: &generator))
        }
        bestMean = best
    }

    public var armCount: Int { reservoir.armCount }

    @inlinable
    public func mean(of arm: Int) -> Double {
        var generator = instance.generator(round: 0, slot: arm)
        return reservoir.means.sample(using: &generator)
    }

    @inlinable
    public func reward(arm: Int, round: Int) -> Double {
        let mean = mean(of: arm)
        var generator = rewards.generator(round: round, slot: arm)
        switch reservoir.reward {
        case .bernoulli: return generator.nextUniform() < mean ? 1 : 0
        case .gaussian(let sd): return mean + sd * generator.nextStandardNormal()
        }
    }
}

/// A fixed list of arms (a ``StochasticEnvironment``) with one repetition's reward stream.
public struct FixedPureExplorationArms<Distribution: RewardDistribution>: PureExplorationArms {
    /// The arms.
    public let environment: StochasticEnvironment<Distribution>
    @usableFromInline let stream: CounterStream

    public init(environment: StochasticEnvironment<Distribution>, stream: CounterStream) {
        self.environment = environment
        self.stream = stream
    }

    public var armCount: Int { environment.arms.count }
    public var bestMean: Double { environment.bestMean }
    @inlinable public func mean(of arm: Int) -> Double { environment.means[arm] }
    @inlinable public func reward(arm: Int, round: Int) -> Double { environment.reward(arm: arm, round: round, stream: stream) }
}
