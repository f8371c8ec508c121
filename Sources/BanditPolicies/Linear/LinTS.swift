import BanditCore
import LinearAlgebra
import RealModule

/// Linear Thompson sampling (Agrawal & Goyal 2013, "Thompson Sampling for Contextual Bandits
/// with Linear Payoffs", ICML, Algorithm 1).
///
/// Each round draw μ̃ ~ N(μ̂, v²B⁻¹) with B = λI + Σ xxᵀ and μ̂ = B⁻¹f, then play
/// argmax_a x_aᵀμ̃. The paper's scale (§2.2) is v = R·√((24/ε)·d·ln(1/δ)) for R-sub-Gaussian
/// noise, ε ∈ (0, 1) and δ ∈ (0, 1); `scale` multiplies it (scale = 1 is the paper; the paper's
/// own experiments and most practice use a much smaller v).
///
/// The draw goes through the Cholesky factor B = LLᵀ: μ̃ = μ̂ + v·L⁻ᵀz with z ~ N(0, I_d),
/// since Cov(L⁻ᵀz) = (LLᵀ)⁻¹ = B⁻¹ — deterministic across BLAS builds (no eigen/SVD). With the
/// ridge's carried c = L⁻¹f (``RidgeRegression/whitenedResponse``), μ̂ = L⁻ᵀc, so the whole
/// draw is ONE triangular solve, μ̃ = L⁻ᵀ(c + v·z), and the update needs none (μ̂ itself is
/// solved only when read). Scoring is one `dgemv` on the d × K features: O(d² + K·d) per
/// decision.
public struct LinTS: ContextualPolicy, Hashable, Codable {
    public let armCount: Int
    public var dimension: Int { ridge.dimension }
    /// v, the posterior scale actually used.
    public private(set) var posteriorScale: Double
    /// The ridge statistics.
    public private(set) var ridge: RidgeRegression
    /// The policy's own randomness.
    public private(set) var generator: Xoshiro256PlusPlus
    // Scratch of the last decision (encoded for the snapshot format, not compared): the draw
    // goes through the carried c, whose last bits depend on when the factor was last
    // refactorised or decoded, so they are not state.
    @DerivedState var draw: Vector
    @DerivedState var sample: Vector
    @DerivedState var means: Vector

    /// v = scale·R·√((24/ε)·d·ln(1/δ)) (Agrawal & Goyal 2013, §2.2).
    public static func paperScale(dimension: Int, noiseScale: Double, epsilon: Double, confidence: Double) -> Double {
        noiseScale * (24 / epsilon * Double(dimension) * Double.log(1 / confidence)).squareRoot()
    }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1,
    ///   R ≥ 0, ε, δ ∈ (0, 1), scale ≥ 0 and λ > 0.
    public init(
        armCount: Int, dimension: Int, noiseScale: Double = 1, epsilon: Double = 0.5, confidence: Double = 0.05,
        scale: Double = 1, regularization: Double = 1, seed: UInt64
    ) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        try LinearPolicyValidation.nonNegative(noiseScale, name: "lints.R")
        try LinearPolicyValidation.probability(epsilon, name: "lints.epsilon")
        try LinearPolicyValidation.probability(confidence, name: "lints.delta")
        try LinearPolicyValidation.nonNegative(scale, name: "lints.scale")
        ridge = try RidgeRegression(dimension: dimension, regularization: regularization)
        self.armCount = armCount
        posteriorScale = scale * LinTS.paperScale(dimension: dimension, noiseScale: noiseScale, epsilon: epsilon, confidence: confidence)
        guard posteriorScale.isFinite else {
            throw .invalidParameter(name: "lints.scale", value: "\(scale)", reason: "the posterior scale v overflows")
        }
        generator = Xoshiro256PlusPlus(seed: seed)
        draw = Vector(repeating: 0, count: dimension)
        sample = Vector(repeating: 0, count: dimension)
        means = Vector(repeating: 0, count: armCount)
    }

    /// A LinTS with the posterior scale v given directly (e.g. v = R, the Bayesian posterior of
    /// Gaussian noise with standard deviation R).
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1,
    ///   v ≥ 0 and λ > 0.
    public init(armCount: Int, dimension: Int, posteriorScale: Double, regularization: Double = 1, seed: UInt64) throws(BanditError) {
        try self.init(armCount: armCount, dimension: dimension, scale: 0, regularization: regularization, seed: seed)
        try LinearPolicyValidation.nonNegative(posteriorScale, name: "lints.v")
        self.posteriorScale = posteriorScale
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validateQuickly(features: features)
        let table = ZigguratNormalTable.shared
        let v = posteriorScale
        _draw.wrappedValue.withUnsafeMutableBufferPointer { z in
            for i in z.indices { z[i] = generator.nextStandardNormal(table: table) }
        }
        // sample ← c + v·z, then L⁻ᵀ(c + v·z) = μ̂ + v·L⁻ᵀz.
        var overflow = 0.0
        ridge.whitenedResponse.withUnsafeBufferPointer { c in
            _draw.wrappedValue.withUnsafeBufferPointer { z in
                _sample.wrappedValue.withUnsafeMutableBufferPointer { s in
                    for i in s.indices {
                        s[i] = c[i] + v * z[i]
                        overflow += s[i] - s[i]
                    }
                }
            }
        }
        do {
            if overflow == 0 {
                try ridge.factor.solveLowerTransposed(overwriting: &_sample.wrappedValue)
            } else {
                // v·z overflowed (an astronomically large scale): μ̂ + v·L⁻ᵀz in IEEE
                // arithmetic, infinities and all, as the two-step draw always gave.
                try ridge.factor.solveLowerTransposed(overwriting: &_draw.wrappedValue)
                ridge.estimate.withUnsafeBufferPointer { theta in
                    _draw.wrappedValue.withUnsafeBufferPointer { z in
                        _sample.wrappedValue.withUnsafeMutableBufferPointer { s in
                            for i in s.indices { s[i] = theta[i] + v * z[i] }
                        }
                    }
                }
            }
        } catch {
            preconditionFailure("LinTS: normal draws and the carried c are finite: \(error)")
        }
        ridge.means(features: features.matrix, theta: sample, into: &_means.wrappedValue)
        return means.withUnsafeBufferPointer(argmaxLowestIndex)
    }

    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        // The draw reads c = L⁻¹f, never μ̂: its two solves wait until μ̂ is read.
        try ridge.updateDeferringEstimate(features: features, reward: reward, arm: arm)
    }
}
