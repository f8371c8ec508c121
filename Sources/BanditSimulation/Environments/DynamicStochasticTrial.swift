import BanditCore

/// One repetition of a ``BanditPolicy`` on a stochastic K-armed environment that may be drawn
/// from a prior, may replace arms while running, and may deliver rewards late.
///
/// - Instances: with an ``InstancePrior`` the arms are drawn per repetition from the
///   `.instance` stream, so every policy of a repetition faces the same instance.
/// - Replacement (Chapelle & Li 2011, §4 "Delayed feedback" experiment): before each round,
///   with probability p one arm chosen uniformly is replaced by a fresh draw from the prior and
///   the policy is told (``BanditPolicy/resetArm(_:)``); the events come from a counter-based
///   stream, so they are the same for every policy. Rewards still pending for a replaced arm
///   are dropped: they describe an arm that no longer exists.
/// - Delay: rewards are applied in batches every `delay` rounds (delay 1 is immediate).
///
/// Regret is measured against the best arm *currently* present.
public struct DynamicStochasticTrial<Policy: BanditPolicy>: Trial {
    @usableFromInline var policy: Policy
    @usableFromInline var arms: [AnyRewardDistribution]
    @usableFromInline var means: [Double]
    @usableFromInline var bestMean: Double
    @usableFromInline let prior: InstancePrior?
    @usableFromInline let replacementProbability: Double
    @usableFromInline let delay: Int
    @usableFromInline let rewards: CounterStream
    @usableFromInline let events: CounterStream
    @usableFromInline var pending: [(arm: Int, reward: Double)] = []
    @usableFromInline var pseudoRegret = 0.0
    @usableFromInline var realizedRegret = 0.0
    @usableFromInline var optimalPulls = 0
    @usableFromInline var rounds = 0

    /// - Parameters:
    ///   - arms: the fixed arms, or `nil` to draw them from `prior`.
    public init(
        policy: Policy, arms fixedArms: [AnyRewardDistribution]?, prior: InstancePrior?, replacementProbability: Double,
        delay: Int, streams: RandomStreams, repetition: Int
    ) {
        precondition(fixedArms != nil || prior != nil, "arms or a prior are needed")
        precondition(replacementProbability == 0 || prior != nil, "replacement draws from the prior")
        self.policy = policy
        self.prior = prior
        self.replacementProbability = replacementProbability
        self.delay = max(delay, 1)
        rewards = streams.rewardStream(repetition: repetition)
        events = CounterStream(key: streams.key(repetition: repetition, purpose: .instance))
        if let fixedArms {
            arms = fixedArms
        } else {
            var generator = events.generator(round: 0, slot: 0)
            arms = (0..<prior!.armCount).map { _ in prior!.drawArm(using: &generator) }
        }
        means = arms.map(\.mean)
        bestMean = means.max()!
        pending.reserveCapacity(self.delay)
    }

    public mutating func step(round: Int) throws(BanditError) {
        if replacementProbability > 0, let prior {
            var generator = events.generator(round: round, slot: 1)
            if generator.nextUniform() < replacementProbability {
                let replaced = generator.nextIndex(below: arms.count)
                arms[replaced] = prior.drawArm(using: &generator)
                means[replaced] = arms[replaced].mean
                bestMean = means.max()!
                pending.removeAll { $0.arm == replaced }
                try policy.resetArm(replaced)
            }
        }
        let arm = policy.selectArm()
        guard arm >= 0 && arm < arms.count else { throw .unknownArm(arm: arm, armCount: arms.count) }
        var generator = rewards.generator(round: round, slot: arm)
        let reward = arms[arm].sample(using: &generator)
        let gap = bestMean - means[arm]
        pseudoRegret += gap
        realizedRegret += bestMean - reward
        if gap == 0 { optimalPulls += 1 }
        rounds += 1
        if delay == 1 {
            try policy.update(arm: arm, reward: reward)
        } else {
            pending.append((arm, reward))
            if round % delay == 0 {
                for (pendingArm, pendingReward) in pending { try policy.update(arm: pendingArm, reward: pendingReward) }
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    public func recordMetrics(into values: UnsafeMutableBufferPointer<Double>) {
        values[0] = pseudoRegret
        values[1] = realizedRegret
        values[2] = rounds > 0 ? Double(optimalPulls) / Double(rounds) : 0
    }
}
