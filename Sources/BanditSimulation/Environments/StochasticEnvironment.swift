import BanditCore

/// A K-armed environment whose arm j pays i.i.d. draws from a reward distribution.
///
/// Rewards come from a ``CounterStream``: the reward of arm j in round t depends only on
/// (seed, repetition, t, j), so every policy in a repetition faces the same reward table
/// (common random numbers) and the comparison between policies has less variance.
/// Generic over the distribution type so homogeneous arms (all Bernoulli, say) are sampled
/// without dynamic dispatch; mixed arms use ``AnyRewardDistribution``.
public struct StochasticEnvironment<Distribution: RewardDistribution>: Sendable {
    /// The arms' distributions.
    public let arms: [Distribution]
    /// The arms' means.
    public let means: [Double]
    /// μ* = maxⱼ μⱼ.
    public let bestMean: Double
    /// Δⱼ = μ* − μⱼ.
    public let gaps: [Double]
    /// Whether each arm is optimal (Δⱼ = 0).
    public let isOptimal: [Bool]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for no arms or an arm
    ///   whose mean is not finite.
    public init(arms: [Distribution]) throws(BanditError) {
        guard !arms.isEmpty else {
            throw .invalidParameter(name: "arms", value: "[]", reason: "an environment needs at least one arm")
        }
        let means = arms.map(\.mean)
        if let bad = means.firstIndex(where: { !$0.isFinite }) {
            throw .invalidParameter(name: "arms[\(bad)]", value: "\(arms[bad])", reason: "the arm's mean is not finite")
        }
        self.arms = arms
        self.means = means
        let best = means.max()!
        bestMean = best
        gaps = means.map { best - $0 }
        isOptimal = means.map { $0 == best }
    }

    /// The reward of `arm` in `round` drawn from `stream`.
    @inlinable @inline(__always)
    public func reward(arm: Int, round: Int, stream: CounterStream) -> Double {
        var generator = stream.generator(round: round, slot: arm)
        return arms[arm].sample(using: &generator)
    }
}

/// One repetition of a ``BanditPolicy`` on a ``StochasticEnvironment``: pseudo-regret,
/// realised regret and the fraction of optimal pulls.
public struct StochasticTrial<Policy: BanditPolicy, Distribution: RewardDistribution>: Trial {
    /// The metrics reported, in order.
    public static var metrics: [MetricDescriptor] { [.pseudoRegret, .realizedRegret, .bestArmFraction] }

    @usableFromInline var policy: Policy
    @usableFromInline let environment: StochasticEnvironment<Distribution>
    @usableFromInline let stream: CounterStream
    @usableFromInline var pseudoRegret = 0.0
    @usableFromInline var collectedReward = 0.0
    @usableFromInline var optimalPulls = 0
    @usableFromInline var rounds = 0

    @inlinable
    public init(policy: Policy, environment: StochasticEnvironment<Distribution>, stream: CounterStream) {
        self.policy = policy
        self.environment = environment
        self.stream = stream
    }

    // Forced inline into the simulator's loops: otherwise every K-armed policy pays a call
    // per round (the loops hold the trial in memory either way).
    @inlinable @inline(__always)
    public mutating func step(round: Int) throws(BanditError) {
        let arm = policy.selectArm()
        // A user-written policy may return anything; the simulator must not crash on it.
        guard arm >= 0 && arm < environment.arms.count else {
            throw .unknownArm(arm: arm, armCount: environment.arms.count)
        }
        let reward = environment.reward(arm: arm, round: round, stream: stream)
        try policy.update(arm: arm, reward: reward)
        let gap = environment.gaps[arm]
        pseudoRegret += gap
        collectedReward += reward
        // Branch-free: whether the pulled arm was optimal is a coin flip the predictor would miss.
        // Neither count can overflow (horizons are at most 2⁴⁰ rounds).
        optimalPulls &+= gap == 0 ? 1 : 0
        rounds &+= 1
    }

    @inlinable
    public func recordMetrics(into values: UnsafeMutableBufferPointer<Double>) {
        values[0] = pseudoRegret
        values[1] = Double(rounds) * environment.bestMean - collectedReward
        values[2] = rounds > 0 ? Double(optimalPulls) / Double(rounds) : 0
    }
}
