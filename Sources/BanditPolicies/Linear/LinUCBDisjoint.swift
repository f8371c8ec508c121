import BanditCore
import LinearAlgebra

/// LinUCB with disjoint linear models (Li, Chu, Langford & Schapire 2010, "A Contextual-Bandit
/// Approach to Personalized News Article Recommendation", WWW, Algorithm 1).
///
/// Arm a has its own ridge model A_a = λI + Σ_{s: a_s = a} x xᵀ (the paper's A_a = I_d + …,
/// λ = 1), b_a, θ̂_a = A_a⁻¹b_a; each round p_a = x_aᵀθ̂_a + α·√(x_aᵀA_a⁻¹x_a) (Eq. (5)) and
/// the argmax is played (ties: lowest index).
///
/// Each arm has a different factor, so the K widths are K triangular solves (one `dtrsv` per
/// arm; no single matrix product covers them); the cost is still O(K·d²) per decision.
public struct LinUCBDisjoint: ContextualPolicy, Hashable, Codable {
    public var armCount: Int { models.count }
    public let dimension: Int
    /// α (Eq. (4)–(5)).
    public let explorationScale: Double
    /// One ridge model per arm.
    public private(set) var models: [RidgeRegression]
    var column: Vector
    var scores: Vector

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1,
    ///   α ≥ 0 and λ > 0.
    public init(armCount: Int, dimension: Int, explorationScale: Double = 1, regularization: Double = 1) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        try LinearPolicyValidation.nonNegative(explorationScale, name: "linucb.alpha")
        let model = try RidgeRegression(dimension: dimension, regularization: regularization)
        models = Array(repeating: model, count: armCount)
        self.dimension = dimension
        self.explorationScale = explorationScale
        column = Vector(repeating: 0, count: dimension)
        scores = Vector(repeating: 0, count: armCount)
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validate(features: features)
        let d = dimension
        for arm in 0..<armCount {
            column.withUnsafeMutableBufferPointer { target in
                features.withUnsafeBufferPointer { source in
                    for i in 0..<d { target[i] = source[arm * d + i] }
                }
            }
            let model = models[arm]
            do {
                let mean = try column.dot(model.estimate)
                let width = try model.factor.inverseQuadraticForm(column).squareRoot()
                scores[arm] = mean + explorationScale * width
            } catch {
                preconditionFailure("LinUCBDisjoint: validated shapes: \(error)")
            }
        }
        return scores.withUnsafeBufferPointer(argmaxLowestIndex)
    }

    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        try models[arm].update(features: features, reward: reward, arm: arm)
    }
}
