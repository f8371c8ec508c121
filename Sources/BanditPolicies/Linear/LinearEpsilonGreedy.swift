import BanditCore
import LinearAlgebra

/// Linear ε-greedy: with probability ε play an arm uniformly at random, otherwise the arm with
/// the largest ridge estimate x_aᵀθ̂ (the greedy baseline of the linear-bandit literature, e.g.
/// Li et al. 2010, §5.2 "ε-greedy"; Sutton & Barto 2018, §2.2). One `dgemv` per decision.
/// Ties go to the lowest index.
public struct LinearEpsilonGreedy: ContextualPropensityReporting, Hashable, Codable {
    public let armCount: Int
    public var dimension: Int { ridge.dimension }
    /// ε ∈ [0, 1].
    public let epsilon: Double
    /// The ridge statistics.
    public private(set) var ridge: RidgeRegression
    /// The policy's own randomness.
    public private(set) var generator: Xoshiro256PlusPlus
    var means: Vector

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1,
    ///   0 ≤ ε ≤ 1 and λ > 0.
    public init(armCount: Int, dimension: Int, epsilon: Double = 0.1, regularization: Double = 1, seed: UInt64) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        guard epsilon.isFinite, (0...1).contains(epsilon) else {
            throw .invalidParameter(name: "linear-epsilon-greedy.epsilon", value: "\(epsilon)", reason: "must lie in [0, 1]")
        }
        ridge = try RidgeRegression(dimension: dimension, regularization: regularization)
        self.armCount = armCount
        self.epsilon = epsilon
        generator = Xoshiro256PlusPlus(seed: seed)
        means = Vector(repeating: 0, count: armCount)
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validate(features: features)
        if generator.nextUniform() < epsilon { return generator.nextIndex(below: armCount) }
        ridge.means(features: features.matrix, into: &means)
        return means.withUnsafeBufferPointer(argmaxLowestIndex)
    }

    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        try ridge.update(features: features, reward: reward, arm: arm)
    }

    /// ε/K for every arm plus 1 − ε for the greedy one.
    public func propensity(of arm: Int, features: ArmFeatures) throws(BanditError) -> Double {
        try validate(features: features)
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        var scratch = means
        ridge.means(features: features.matrix, into: &scratch)
        let greedy = scratch.withUnsafeBufferPointer(argmaxLowestIndex)
        let uniform = epsilon / Double(armCount)
        return arm == greedy ? uniform + (1 - epsilon) : uniform
    }
}
