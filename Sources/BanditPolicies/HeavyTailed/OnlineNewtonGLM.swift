import BanditCore
import LinearAlgebra

/// The one-pass estimator shared by ``CRTM`` and ``CRMM``: an online Newton step on the
/// generalised-linear loss ℓ(θ) = m(xᵀθ) − y·xᵀθ (m' = μ), whose gradient is (μ(xᵀθ) − y)·x.
///
/// Xue, Wang, Wan, Yi & Zhang (2023, NeurIPS) make both algorithms one-pass ("supports online
/// learning", processing only the current round's reward) instead of refitting a maximum-
/// likelihood estimate; the update used here for that is the online Newton step of OL2M (Zhang,
/// Yang, Jin, Xiao & Zhou 2016, ICML "Online Stochastic Linear Optimization under One-bit
/// Feedback") and of Hazan, Agarwal & Kale (2007) — the paper's exact step could not be checked
/// here (only its abstract is in the reference library). With κ ≤ μ' the curvature lower bound,
///
///     V_{t+1} = V_t + κ·xₜxₜᵀ,    θ_{t+1} = θₜ − V_{t+1}⁻¹·(μ(xₜᵀθₜ) − ỹₜ)·xₜ,
///
/// from V₁ = λI, θ₁ = 0, where ỹₜ is the robustified reward (truncated for CRTM, the median of
/// an epoch for CRMM). The projection onto {‖θ‖ ≤ S} of OL2M is omitted: it only serves the
/// analysis' worst case.
///
/// For the identity link and κ = 1 this is exactly ridge regression on the ỹₜ:
/// V_{t+1}θ_{t+1} = V_{t+1}θₜ − xₜxₜᵀθₜ + ỹₜxₜ = Vₜθₜ + ỹₜxₜ (tested against
/// ``RidgeRegression``). V lives in a ``RidgeRegression`` (fed √κ·x), so it keeps that type's
/// exactly symmetric Gram matrix, O(d²) Cholesky rank-one updates and periodic refactorisation;
/// the step V_{t+1}⁻¹x comes from the current factor by Sherman–Morrison (one more O(d²) pair of
/// triangular solves). Nothing allocates per update.
public struct OnlineNewtonGLM: Sendable, Hashable, Codable {
    /// The link μ.
    public let link: GLMLink
    /// κ > 0, the curvature lower bound (1 for the identity link).
    public let curvature: Double
    /// V = λI + κ Σ xxᵀ (its response vector is unused and stays 0).
    public private(set) var design: RidgeRegression
    /// θₜ.
    public private(set) var estimate: Vector
    var scaled: Vector
    var direction: Vector

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless d ≥ 1, λ > 0 and κ > 0 finite.
    public init(dimension: Int, regularization: Double, link: GLMLink, curvature: Double) throws(BanditError) {
        try LinearPolicyValidation.positive(curvature, name: "kappa")
        design = try RidgeRegression(dimension: dimension, regularization: regularization)
        self.link = link
        self.curvature = curvature
        estimate = Vector(repeating: 0, count: dimension)
        scaled = Vector(repeating: 0, count: dimension)
        direction = Vector(repeating: 0, count: dimension)
    }

    /// d.
    public var dimension: Int { design.dimension }
    /// λ.
    public var regularization: Double { design.regularization }
    /// Updates so far.
    public var count: Int { design.count }

    /// ‖x‖_{V⁻¹}.
    public func width(_ x: [Double]) throws(BanditError) -> Double {
        try design.squaredWidth(Vector(x)).squareRoot()
    }

    /// ln det V − d ln λ ≥ 0 (the information gain in the self-normalised radii).
    public var logDeterminantRatio: Double {
        Swift.max(0, design.logDeterminant - Double(dimension) * Double.log(regularization))
    }

    /// One online Newton step with target ỹ. All-or-nothing.
    /// - Throws: what ``RidgeRegression/validate(features:reward:arm:)`` throws, and
    ///   ``BanditError/numerical(operation:reason:)`` if the step would leave θ non-finite (only
    ///   for targets near the largest Double); the estimator is then unchanged.
    public mutating func update(features x: [Double], target y: Double, arm: Int = 0) throws(BanditError) {
        guard y.isFinite else { throw .nonFiniteReward(arm: arm, value: y) }
        let root = curvature.squareRoot()
        let d = dimension
        var predictor = 0.0
        scaled.withUnsafeMutableBufferPointer { s in
            estimate.withUnsafeBufferPointer { theta in
                for i in 0..<Swift.min(d, x.count) {
                    s[i] = root * x[i]
                    predictor += x[i] * theta[i]
                }
            }
        }
        guard x.count == d else { throw .dimensionMismatch(name: "features", expected: d, actual: x.count) }
        try design.validate(features: scaled, reward: 0, arm: arm)
        let gradientScale = link.mean(predictor) - y
        // V_{t+1}⁻¹x = V_t⁻¹x / (1 + κ·xᵀV_t⁻¹x) (Sherman–Morrison): the step is computed from the
        // current factor, so nothing is committed before it is known to be finite.
        direction.withUnsafeMutableBufferPointer { v in
            for i in 0..<d { v[i] = x[i] }
        }
        do { try design.factor.solve(overwriting: &direction) } catch {
            throw .numerical(operation: "OnlineNewtonGLM.update", reason: error.description)
        }
        var quadratic = 0.0
        direction.withUnsafeBufferPointer { v in
            for i in 0..<d { quadratic += x[i] * v[i] }
        }
        let stepScale = gradientScale / (1 + curvature * quadratic)
        var finite = stepScale.isFinite
        direction.withUnsafeBufferPointer { v in
            estimate.withUnsafeBufferPointer { theta in
                for i in 0..<d where !(theta[i] - stepScale * v[i]).isFinite { finite = false }
            }
        }
        guard finite else {
            throw .numerical(operation: "OnlineNewtonGLM.update", reason: "the step for target \(y) overflows θ")
        }
        try design.update(features: scaled, reward: 0, arm: arm)
        direction.withUnsafeBufferPointer { v in
            estimate.withUnsafeMutableBufferPointer { theta in
                for i in 0..<d { theta[i] -= stepScale * v[i] }
            }
        }
    }

    /// The arm maximising x_aᵀθ + radius·‖x_a‖_{V⁻¹} (μ is increasing, so this is also the
    /// optimistic mean's argmax).
    func optimisticArm(features: Matrix, radius: Double, workspace: inout Matrix, means: inout Vector, widths: inout Vector) -> Int {
        design.optimisticArm(features: features, theta: estimate, radius: radius, workspace: &workspace, means: &means, widths: &widths)
    }
}

extension RidgeRegression {
    /// The arm maximising x_aᵀθ + radius·‖x_a‖_{A⁻¹}, ties to the lowest index: one `dgemv` for
    /// the means and one `dtrsm` for the widths, as in ``LinUCB``. No allocation.
    func optimisticArm(
        features: Matrix, theta: Vector, radius: Double, workspace: inout Matrix, means: inout Vector, widths: inout Vector
    ) -> Int {
        self.means(features: features, theta: theta, into: &means)
        self.widths(features: features, workspace: &workspace, into: &widths)
        widths.withUnsafeBufferPointer { w in
            means.withUnsafeMutableBufferPointer { m in
                for a in m.indices { m[a] += radius * w[a] }
            }
        }
        return means.withUnsafeBufferPointer(argmaxLowestIndex)
    }
}
