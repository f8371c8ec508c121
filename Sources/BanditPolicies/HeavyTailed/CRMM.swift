import BanditCore
import LinearAlgebra
import RealModule

/// CRMM, confidence region with mean of medians (Xue, Wang, Wan, Yi & Zhang 2023, "Efficient
/// Algorithms for Generalized Linear Bandits with Heavy-tailed Rewards", NeurIPS, Algorithm 2):
/// a generalised linear bandit E[y | x] = μ(xᵀθ*) with *symmetric* noise whose moment of order
/// 1 + ε is bounded, E[|η|^{1+ε}] ≤ v.
///
/// Epoch n: choose xₙ = argmax_a x_aᵀθₙ + γₙ‖x_a‖_{Vₙ⁻¹}, play it r times, and feed the median
/// of its r rewards — one number, one estimator — to an online Newton step
/// (``OnlineNewtonGLM``); the estimate is thus a (Newton-weighted) mean of medians. With
/// symmetric noise the median of y is μ(xᵀθ*) exactly, and it is light-tailed: it exceeds
/// μ + x only if at least r/2 of the r draws do, so with p = Pr(|η| > x) ≤ v/x^{1+ε} (Markov),
/// Pr(|median − μ| > x) ≤ 2·C(r, ⌈r/2⌉)·p^{r/2} ≤ 2·(4p)^{r/2}, which is 2^{1−r/2} at
/// x = (8v)^{1/(1+ε)}
/// (a union over the subsets of r/2 draws). The default r = ⌈2 log₂(2T/δ)⌉ (O(log T),
/// as the paper requires) makes every epoch's median lie within R = (8v)^{1/(1+ε)} with
/// probability ≥ 1 − δ, so the medians are R-bounded noise and the radius is the
/// self-normalised one of Abbasi-Yadkori, Pál & Szepesvári (2011, Theorem 2) on V = λI + κΣxxᵀ:
///
///     γₙ = α·(R/√κ)·√(ln(det Vₙ / λ^d) + 2 ln(1/δ)) + √λ·S.
///
/// This derivation and its constants are ours (the paper's text is not in the reference
/// library, only its abstract); α (default 1) scales the data-dependent term.
///
/// An epoch needs the same feature vector r times (see ``EpochPlay``): an epoch whose vector
/// disappears from the round's arms ends early and its median (of fewer rewards) is used.
/// Cost: the scoring once per epoch start, O(K·d²); an O(d²) update and an O(r log r) median
/// once per epoch.
public struct CRMM: ContextualPolicy, Hashable, Codable {
    public let armCount: Int
    public var dimension: Int { model.dimension }
    /// ε ∈ (0, 1].
    public let epsilon: Double
    /// v > 0 with E[|η|^{1+ε}] ≤ v (the noise's moment).
    public let momentBound: Double
    /// δ ∈ (0, 1).
    public let confidence: Double
    /// S ≥ ‖θ*‖₂.
    public let parameterBound: Double
    /// α ≥ 0.
    public let radiusScale: Double
    /// The online Newton estimator on the epochs' medians.
    public private(set) var model: OnlineNewtonGLM
    var epoch: EpochPlay
    var workspace: Matrix
    var means: Vector
    var widths: Vector

    /// r = ⌈2 log₂(2T/δ)⌉, the default epoch length.
    public static func defaultEpochLength(horizon: Int, confidence: Double) -> Int {
        Int((2 * Double.log2(2 * Double(Swift.max(horizon, 1)) / confidence)).rounded(.up))
    }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1, r ≥ 1,
    ///   ε ∈ (0, 1], v > 0, δ ∈ (0, 1), S ≥ 0, α ≥ 0, λ > 0, κ > 0 (all finite).
    public init(
        armCount: Int, dimension: Int, epochLength: Int, link: GLMLink = .identity, epsilon: Double = 1,
        momentBound: Double = 1, confidence: Double = 0.01, parameterBound: Double = 1, radiusScale: Double = 1,
        regularization: Double = 1, curvature: Double? = nil
    ) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        guard epochLength >= 1 && epochLength <= 1 << 20 else {
            throw .invalidParameter(name: "crmm.r", value: "\(epochLength)", reason: "must be in 1...1048576")
        }
        try TruncatedMean.validate(epsilon: epsilon, momentBound: momentBound)
        try LinearPolicyValidation.probability(confidence, name: "crmm.delta")
        try LinearPolicyValidation.nonNegative(parameterBound, name: "crmm.s")
        try LinearPolicyValidation.nonNegative(radiusScale, name: "crmm.alpha")
        let kappa = curvature ?? link.curvatureLowerBound(predictorBound: parameterBound)
        model = try OnlineNewtonGLM(dimension: dimension, regularization: regularization, link: link, curvature: kappa)
        self.armCount = armCount
        self.epsilon = epsilon
        self.momentBound = momentBound
        self.confidence = confidence
        self.parameterBound = parameterBound
        self.radiusScale = radiusScale
        epoch = EpochPlay(length: epochLength, dimension: dimension)
        workspace = Matrix(rows: dimension, columns: armCount, repeating: 0)
        means = Vector(repeating: 0, count: armCount)
        widths = Vector(repeating: 0, count: armCount)
    }

    /// r.
    public var epochLength: Int { epoch.length }
    /// Epochs completed (updates of the estimator).
    public var epochCount: Int { model.count }

    /// R = (8v)^{1/(1+ε)}, the bound on an epoch's median deviation.
    public var medianDeviationBound: Double { Double.exp(Double.log(8 * momentBound) / (1 + epsilon)) }

    /// γₙ for the current statistics.
    public var radius: Double {
        let information = model.logDeterminantRatio + 2 * Double.log(1 / confidence)
        return radiusScale * medianDeviationBound / model.curvature.squareRoot() * information.squareRoot()
            + model.regularization.squareRoot() * parameterBound
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validate(features: features)
        if let arm = epoch.continuingArm(in: features) { return arm }
        return model.optimisticArm(features: features.matrix, radius: radius, workspace: &workspace, means: &means, widths: &widths)
    }

    /// Adds the reward to the epoch of `features`; a completed epoch (or one cut short by a new
    /// vector) updates the estimator with its median.
    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        if !epoch.accepts(features) {
            try model.update(features: epoch.features, target: epoch.median(), arm: arm)
            epoch.clear()
        }
        if epoch.rewards.count + 1 == epoch.length {
            let target = epoch.median(including: reward)
            try model.update(features: features, target: target, arm: arm)
            epoch.clear()
        } else {
            epoch.append(arm: arm, features: features, reward: reward)
        }
    }
}
