import BanditCore
import LinearAlgebra
import RealModule

/// A linear or logistic contextual environment: every round, K arms each carry a d-dimensional
/// feature vector x_a; the reward of arm a is x_aᵀθ* + ε (identity link) or Bernoulli(μ(x_aᵀθ*))
/// with μ the logistic function (logistic link).
///
/// Common random numbers: the round-t features come from the counter stream cell (t, 0) and the
/// reward of arm a in round t from cell (t, 1 + a), so every policy in a repetition sees the same
/// contexts and the same noise for the same (t, arm), whatever it did before. θ* (when drawn)
/// and a fixed arm set are drawn per repetition from the `.instance` stream.
public struct ContextualEnvironment: Sendable {
    /// How the features of each round are produced.
    public enum Contexts: String, Sendable, Hashable, CaseIterable {
        /// Independent N(0, 1) entries, fresh every round.
        case gaussian
        /// Uniform on the unit sphere S^{d−1}, fresh every round.
        case sphere
        /// A fixed finite arm set: K Gaussian vectors drawn once per repetition (instance stream).
        case fixed
        /// Uniform on [0, 1]^d, then normalised to the unit sphere: the contexts of the
        /// heavy-tailed linear bandit experiments (Shao et al. 2018; Xue et al. 2020, 2023).
        case positiveSphere = "positive-sphere"
    }

    /// Where θ* comes from.
    public enum Parameter: Sendable, Hashable {
        /// The same θ* in every repetition.
        case given([Double])
        /// θ* ~ N(0, I_d/d) drawn per repetition (so E‖θ*‖² = 1).
        case gaussian
    }

    /// How the mean reward depends on xᵀθ*.
    public enum Link: String, Sendable, Hashable, CaseIterable {
        /// r = xᵀθ* + noise.
        case identity
        /// r ~ Bernoulli(1/(1 + e^{−xᵀθ*})).
        case logistic
        /// r = 1/(1 + e^{−xᵀθ*}) + noise: the generalised linear model with additive (possibly
        /// heavy-tailed) noise of Xue et al. (2023).
        case logisticNoise = "logistic-noise"
    }

    /// d.
    public let dimension: Int
    /// K.
    public let armCount: Int
    public let contexts: Contexts
    public let parameter: Parameter
    public let link: Link
    /// The noise law; its mean is subtracted so the noise is centred (identity link only).
    public let noise: AnyRewardDistribution
    public let noiseMean: Double
    /// Rounds each context is kept for (1: fresh every round): with r, the round-t contexts are
    /// those of round r·⌊(t − 1)/r⌋ + 1, so an epoch algorithm can pull one vector r times.
    public let contextRepeat: Int

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for d < 1, K < 1, a given θ*
    ///   of the wrong length or non-finite, or a noise law without a finite mean.
    public init(
        dimension: Int, armCount: Int, contexts: Contexts = .gaussian, parameter: Parameter = .gaussian,
        link: Link = .identity, noise: any RewardDistribution, contextRepeat: Int = 1
    ) throws(BanditError) {
        guard contextRepeat >= 1 else {
            throw .invalidParameter(name: "repeat", value: "\(contextRepeat)", reason: "must be ≥ 1")
        }
        guard dimension >= 1 && dimension <= 10_000 else {
            throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be in 1...10000")
        }
        guard armCount >= 1 && armCount <= 100_000 else {
            throw .invalidParameter(name: "arms", value: "\(armCount)", reason: "must be in 1...100000")
        }
        if case .given(let theta) = parameter {
            guard theta.count == dimension else { throw .dimensionMismatch(name: "theta", expected: dimension, actual: theta.count) }
            guard theta.allSatisfy(\.isFinite) else {
                throw .invalidParameter(name: "theta", value: "\(theta)", reason: "entries must be finite")
            }
        }
        guard noise.mean.isFinite else {
            throw .invalidParameter(name: "noise", value: noise.description, reason: "the noise needs a finite mean (it is centred)")
        }
        self.dimension = dimension
        self.armCount = armCount
        self.contexts = contexts
        self.parameter = parameter
        self.link = link
        self.noise = AnyRewardDistribution(noise)
        noiseMean = noise.mean
        self.contextRepeat = contextRepeat
    }

    /// θ* of one repetition.
    public func theta(repetition: Int, streams: RandomStreams) -> Vector {
        switch parameter {
        case .given(let theta): return Vector(theta)
        case .gaussian:
            var generator = streams.generator(repetition: repetition, purpose: .instance)
            let scale = 1 / Double(dimension).squareRoot()
            return Vector((0..<dimension).map { _ in scale * generator.nextStandardNormal() })
        }
    }

    /// The fixed arm set of one repetition (used when `contexts == .fixed`).
    public func fixedArms(repetition: Int, streams: RandomStreams) -> ArmFeatures {
        var generator = streams.generator(repetition: repetition, purpose: .custom(0x6669_7865_6461_726D))
        var features = ArmFeatures(dimension: dimension, armCount: armCount)
        features.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = generator.nextStandardNormal() }
        }
        return features
    }

    /// Fills `features` with the round's contexts (no allocation).
    @inlinable
    public func fillFeatures(round: Int, stream: CounterStream, into features: inout ArmFeatures) {
        let round = contextRepeat == 1 ? round : contextRepeat * ((round - 1) / contextRepeat) + 1
        switch contexts {
        case .fixed: return
        case .gaussian:
            var generator = stream.generator(round: round, slot: 0)
            let table = ZigguratNormalTable.shared
            features.withUnsafeMutableBufferPointer { buffer in
                for i in buffer.indices { buffer[i] = generator.nextStandardNormal(table: table) }
            }
        case .positiveSphere:
            var generator = stream.generator(round: round, slot: 0)
            let d = dimension
            features.withUnsafeMutableBufferPointer { buffer in
                for arm in 0..<armCount {
                    var squares = 0.0
                    repeat {
                        squares = 0
                        for i in 0..<d {
                            let value = generator.nextUniform()
                            buffer[arm * d + i] = value
                            squares += value * value
                        }
                    } while squares == 0
                    let inverse = 1 / squares.squareRoot()
                    for i in 0..<d { buffer[arm * d + i] *= inverse }
                }
            }
        case .sphere:
            var generator = stream.generator(round: round, slot: 0)
            let table = ZigguratNormalTable.shared
            let d = dimension
            features.withUnsafeMutableBufferPointer { buffer in
                for arm in 0..<armCount {
                    var squares = 0.0
                    repeat {
                        squares = 0
                        for i in 0..<d {
                            let value = generator.nextStandardNormal(table: table)
                            buffer[arm * d + i] = value
                            squares += value * value
                        }
                    } while squares == 0
                    let inverse = 1 / squares.squareRoot()
                    for i in 0..<d { buffer[arm * d + i] *= inverse }
                }
            }
        }
    }

    /// The expected reward given the linear predictor z = xᵀθ*.
    @inlinable @inline(__always)
    public func meanReward(predictor z: Double) -> Double {
        switch link {
        case .identity: return z
        case .logistic, .logisticNoise: return z >= 0 ? 1 / (1 + Double.exp(-z)) : Double.exp(z) / (1 + Double.exp(z))
        }
    }

    /// The reward of `arm` in `round` whose mean reward is `mean`.
    @inlinable
    public func reward(arm: Int, round: Int, mean: Double, stream: CounterStream) -> Double {
        var generator = stream.generator(round: round, slot: 1 + arm)
        switch link {
        case .identity, .logisticNoise: return mean + (noise.sample(using: &generator) - noiseMean)
        case .logistic: return generator.nextUniform() < mean ? 1 : 0
        }
    }

    /// The environment in words, for run metadata.
    public var description: [String] {
        var lines = ["dimension=\(dimension)", "arms=\(armCount)", "contexts=\(contexts.rawValue)", "link=\(link.rawValue)"]
        switch parameter {
        case .given(let theta): lines.append("theta=\(theta)")
        case .gaussian: lines.append("theta=gaussian (N(0, I/d) per repetition)")
        }
        if link != .logistic { lines.append("noise=\(noise.description) (centred)") }
        if contextRepeat > 1 { lines.append("repeat=\(contextRepeat)") }
        return lines
    }
}
