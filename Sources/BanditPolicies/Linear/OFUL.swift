import BanditCore
import LinearAlgebra
import RealModule

/// OFUL, "optimism in the face of uncertainty for linear bandits" (Abbasi-Yadkori, Pál &
/// Szepesvári 2011, "Improved Algorithms for Linear Stochastic Bandits", NeurIPS, Algorithm 1
/// with the confidence set of Theorem 2).
///
/// With V̄ₜ = λI + Σ xxᵀ and θ̂ₜ its ridge estimate, Theorem 2 gives, with probability ≥ 1 − δ
/// for all t, ‖θ̂ₜ − θ*‖_{V̄ₜ} ≤ √βₜ with
/// √βₜ = R·√(2 ln(det(V̄ₜ)^{1/2} det(λI)^{-1/2} / δ)) + √λ·S,
/// where R is the sub-Gaussian constant of the noise and S ≥ ‖θ*‖₂. Maximising xᵀθ over that
/// ellipsoid gives, for a finite arm set, the index x_aᵀθ̂ + √βₜ·‖x_a‖_{V̄ₜ⁻¹}; OFUL plays its
/// argmax. log det V̄ₜ comes from the Cholesky factor (2 Σ log Lᵢᵢ), so the radius is O(d).
/// Batched scoring and deferred θ̂ exactly as in ``LinUCB`` (its index with α = √βₜ).
public struct OFUL: ContextualPolicy, Hashable, Codable {
    public let armCount: Int
    public var dimension: Int { ridge.dimension }
    /// R, the noise's sub-Gaussian constant.
    public let noiseScale: Double
    /// S, a bound on ‖θ*‖₂.
    public let parameterBound: Double
    /// δ, the confidence level.
    public let confidence: Double
    /// The ridge statistics.
    public private(set) var ridge: RidgeRegression
    // Scratch of the last decision (encoded for the snapshot format, not compared).
    @DerivedState var workspace: Matrix
    @DerivedState var means: Vector
    @DerivedState var widths: Vector
    /// The fused scoring's packed triangle: not encoded, allocated by the first decision.
    @DerivedState var scoring: TriangularScoringScratch? = nil

    /// The encoded state (v1 snapshot format), as before ``scoring`` existed.
    enum CodingKeys: String, CodingKey {
        case armCount, noiseScale, parameterBound, confidence, ridge, workspace, means, widths
    }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1,
    ///   R ≥ 0, S ≥ 0, δ ∈ (0, 1) and λ > 0.
    public init(
        armCount: Int, dimension: Int, noiseScale: Double = 1, parameterBound: Double = 1, confidence: Double = 0.05,
        regularization: Double = 1
    ) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        try LinearPolicyValidation.nonNegative(noiseScale, name: "oful.R")
        try LinearPolicyValidation.nonNegative(parameterBound, name: "oful.S")
        try LinearPolicyValidation.probability(confidence, name: "oful.delta")
        ridge = try RidgeRegression(dimension: dimension, regularization: regularization)
        self.armCount = armCount
        self.noiseScale = noiseScale
        self.parameterBound = parameterBound
        self.confidence = confidence
        workspace = Matrix(rows: dimension, columns: armCount, repeating: 0)
        means = Vector(repeating: 0, count: armCount)
        widths = Vector(repeating: 0, count: armCount)
    }

    /// √βₜ of Theorem 2 for the current statistics.
    public var radius: Double {
        let logRatio = 0.5 * ridge.logDeterminant - 0.5 * Double(dimension) * Double.log(ridge.regularization)
        let inner = Swift.max(0, 2 * (logRatio - Double.log(confidence)))
        return noiseScale * inner.squareRoot() + ridge.regularization.squareRoot() * parameterBound
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validateQuickly(features: features)
        var packed = _scoring.wrappedValue.take() ?? TriangularScoringScratch(dimension: dimension)
        // LinUCB's index with α = √βₜ: the same fused (or BLAS) pass, means from the carried c.
        _ = ridge.optimisticScores(
            features: features.matrix, explorationScale: radius, workspace: &_workspace.wrappedValue,
            scratch: &packed, widths: &_widths.wrappedValue, into: &_means.wrappedValue)
        _scoring.wrappedValue = packed
        return means.withUnsafeBufferPointer(argmaxLowestIndex)
    }

    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        // Scoring reads c = L⁻¹b, never θ̂: its two solves wait until θ̂ is read.
        try ridge.updateDeferringEstimate(features: features, reward: reward, arm: arm)
    }

}
