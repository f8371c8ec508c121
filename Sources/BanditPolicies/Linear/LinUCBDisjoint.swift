import BanditCore
import LinearAlgebra

/// LinUCB with disjoint linear models (Li, Chu, Langford & Schapire 2010, "A Contextual-Bandit
/// Approach to Personalized News Article Recommendation", WWW, Algorithm 1).
///
/// Arm a has its own ridge model A_a = λI + Σ_{s: a_s = a} x xᵀ (the paper's A_a = I_d + …,
/// λ = 1), b_a, θ̂_a = A_a⁻¹b_a; each round p_a = x_aᵀθ̂_a + α·√(x_aᵀA_a⁻¹x_a) (Eq. (5)) and
/// the argmax is played (ties: lowest index).
///
/// Each arm has a different factor, so no single matrix product covers the K scores: each arm
/// is scored alone, by ``LinUCB``'s fused pass over its own model's cached L_a⁻ᵀ and carried
/// c_a = L_a⁻¹b_a where the CPU has it (otherwise by a dot product with θ̂_a and a triangular
/// solve); the cost is still O(K·d²) per decision, and θ̂_a is solved only when read.
public struct LinUCBDisjoint: ContextualPolicy, Hashable, Codable {
    public var armCount: Int { models.count }
    public let dimension: Int
    /// α (Eq. (4)–(5)).
    public let explorationScale: Double
    /// One ridge model per arm.
    public private(set) var models: [RidgeRegression]
    // Scratch of the last decision (encoded for the snapshot format, not compared): the fused
    // scores' last bits depend on when each factor was last refactorised or decoded.
    @DerivedState var column: Vector
    @DerivedState var scores: Vector
    /// The fused scoring's packed triangle: not encoded, allocated by the first decision.
    @DerivedState var scoring: TriangularScoringScratch? = nil

    /// The encoded state (v1 snapshot format), as before ``scoring`` existed.
    enum CodingKeys: String, CodingKey {
        case dimension, explorationScale, models, column, scores
    }

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
        var packed = _scoring.wrappedValue.take() ?? TriangularScoringScratch(dimension: d)
        defer { _scoring.wrappedValue = packed }
        if scoreFused(features, scratch: &packed) {
            return scores.withUnsafeBufferPointer(argmaxLowestIndex)
        }
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

    /// Every arm's score by the fused pass, each arm's column read in place; false (nothing
    /// meaningful written) when the CPU has no fused kernel.
    private mutating func scoreFused(_ features: ArmFeatures, scratch: inout TriangularScoringScratch) -> Bool {
        let d = dimension
        var width = 0.0
        // The models are borrowed in place: copying one out of the array per arm would retain
        // and release every buffer it holds.
        return features.withUnsafeBufferPointer { source in
            models.withUnsafeBufferPointer { models in
            _scores.wrappedValue.withUnsafeMutableBufferPointer { scores in
                for arm in models.indices {
                    let fused: Bool?
                    do {
                        fused = try withUnsafeMutablePointer(to: &width) { w in
                            try models[arm].inverseFactorTransposed.fusedTriangularScores(
                                columns: UnsafeBufferPointer(rebasing: source[(arm * d)..<((arm + 1) * d)]),
                                weights: models[arm].whitenedResponse, alpha: explorationScale, scratch: &scratch,
                                widths: UnsafeMutableBufferPointer(start: w, count: 1),
                                scores: UnsafeMutableBufferPointer(rebasing: scores[arm...arm]))
                        }
                    } catch {
                        preconditionFailure("LinUCBDisjoint: validated shapes: \(error)")
                    }
                    guard fused != nil else { return false }
                }
                return true
            }
            }
        }
    }

    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        // Scoring reads c_a = L_a⁻¹b_a, never θ̂_a: its two solves wait until θ̂_a is read.
        try models[arm].updateDeferringEstimate(features: features, reward: reward, arm: arm)
    }
}
