import BanditCore
import LinearAlgebra

/// One repetition of a ``ContextualPolicy`` on a ``ContextualEnvironment``.
///
/// Metrics: pseudo-regret Σₜ (maxₐ m_{t,a} − m_{t,Aₜ}) with m_{t,a} the expected reward of arm a
/// in round t (x_aᵀθ*, or μ(x_aᵀθ*) through the logistic link) — regret against the best arm of
/// each round; realised regret Σₜ (maxₐ m_{t,a} − rₜ); and the fraction of rounds in which a
/// best arm of the round was played. The loop is specialised for the policy type and reuses its
/// buffers: no allocation per round.
public struct ContextualTrial<Policy: ContextualPolicy>: Trial {
    /// The metrics reported, in order.
    public static var metrics: [MetricDescriptor] { [.pseudoRegret, .realizedRegret, .bestArmFraction] }

    @usableFromInline var policy: Policy
    @usableFromInline let environment: ContextualEnvironment
    @usableFromInline let theta: Vector
    @usableFromInline let stream: CounterStream
    @usableFromInline var features: ArmFeatures
    @usableFromInline var chosen: [Double]
    @usableFromInline var means: Vector
    @usableFromInline var pseudoRegret = 0.0
    @usableFromInline var realizedRegret = 0.0
    @usableFromInline var optimalPulls = 0
    @usableFromInline var rounds = 0

    /// - Precondition: the policy's d and K match the environment's (checked by the catalog).
    public init(policy: Policy, environment: ContextualEnvironment, repetition: Int, streams: RandomStreams) {
        precondition(policy.dimension == environment.dimension && policy.armCount == environment.armCount, "ContextualTrial: shape mismatch")
        self.policy = policy
        self.environment = environment
        theta = environment.theta(repetition: repetition, streams: streams)
        stream = streams.rewardStream(repetition: repetition)
        features = environment.contexts == .fixed
            ? environment.fixedArms(repetition: repetition, streams: streams)
            : ArmFeatures(dimension: environment.dimension, armCount: environment.armCount)
        chosen = [Double](repeating: 0, count: environment.dimension)
        means = Vector(repeating: 0, count: environment.armCount)
    }

    @inlinable
    public mutating func step(round: Int) throws(BanditError) {
        environment.fillFeatures(round: round, stream: stream, into: &features)
        do {
            let matrix = try Matrix(rows: environment.dimension, columns: environment.armCount, columnMajor: features.storage)
            try matrix.gemv(.transpose, x: theta, beta: 0, into: &means)
        } catch {
            throw .numerical(operation: "ContextualTrial.step", reason: error.description)
        }
        let arm = try policy.selectArm(features: features)
        guard arm >= 0 && arm < environment.armCount else {
            throw .unknownArm(arm: arm, armCount: environment.armCount)
        }
        var best = -Double.infinity
        var chosenMean = 0.0
        let env = environment
        means.withUnsafeMutableBufferPointer { m in
            for a in m.indices {
                let value = env.meanReward(predictor: m[a])
                m[a] = value
                if value > best { best = value }
            }
            chosenMean = m[arm]
        }
        let reward = environment.reward(arm: arm, round: round, mean: chosenMean, stream: stream)
        features.copyColumn(arm, into: &chosen)
        try policy.update(arm: arm, features: chosen, reward: reward)
        pseudoRegret += best - chosenMean
        realizedRegret += best - reward
        if chosenMean == best { optimalPulls += 1 }
        rounds += 1
    }

    @inlinable
    public func recordMetrics(into values: UnsafeMutableBufferPointer<Double>) {
        values[0] = pseudoRegret
        values[1] = realizedRegret
        values[2] = rounds > 0 ? Double(optimalPulls) / Double(rounds) : 0
    }
}
