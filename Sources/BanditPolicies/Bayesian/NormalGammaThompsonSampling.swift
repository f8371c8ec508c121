import BanditCore

/// Thompson sampling for Gaussian rewards whose mean *and* variance are unknown, with a
/// Normal–Gamma prior on each arm's (mean μ, precision λ = 1/σ²) (Thompson 1933; the conjugate
/// model of DeGroot 1970, §9.6, and Murphy 2007, "Conjugate Bayesian analysis of the Gaussian
/// distribution", §3; as a bandit algorithm, Honda & Takemura 2014, "Optimality of Thompson
/// sampling for Gaussian bandits depends on priors", AISTATS).
///
/// Prior: λ ~ Gamma(α₀, rate β₀), μ | λ ~ N(μ₀, 1/(κ₀ λ)). Each decision samples, for every arm,
/// the precision λ̃ ~ Gamma(αₙ, rate βₙ) and then the mean μ̃ ~ N(μₙ, 1/(κₙ λ̃)) from the
/// arm's posterior and pulls the arg-max of μ̃ (lowest index on ties). The posterior
/// (``NormalGammaPosterior``) is updated one reward at a time with the conjugate update
/// κₙ = κ₀ + n, μₙ = (κ₀μ₀ + n x̄)/κₙ, αₙ = α₀ + n/2,
/// βₙ = β₀ + S/2 + κ₀ n (x̄ − μ₀)²/(2κₙ), S = Σ(x − x̄)², in Welford form.
///
/// This is exactly VarTS for unknown variances (Saha & Kveton 2024, Algorithm 2) with the same
/// prior on every arm; ``VarianceAdaptiveThompsonSampling`` is the per-arm-prior form and shares
/// the posterior and the sampling loop, so both make the same decisions from the same seed.
///
/// Ambiguities, stated: the Gamma is in shape–rate form (E[λ] = α/β); the defaults
/// μ₀ = 0, κ₀ = 1, α₀ = 1, β₀ = 1 are a weak proper prior (prior mean of λ is 1, of the marginal
/// of μ a Student t with 2α₀ = 2 degrees of freedom). Honda & Takemura show that asymptotic
/// optimality needs an improper prior (κ₀ → 0 and a negative shape in their parameterisation),
/// which this type does not accept: every prior parameter must be finite and positive.
public struct NormalGammaThompsonSampling: BanditPolicy, Hashable, Codable {
    /// Per-arm posteriors.
    public private(set) var posterior: NormalGammaPosterior
    /// The policy's own randomness.
    public private(set) var generator: Xoshiro256PlusPlus

    public var armCount: Int { posterior.armCount }

    /// The same prior on every arm.
    /// - Parameters:
    ///   - priorMean: μ₀ (`normal-gamma-thompson.mu0`), finite.
    ///   - priorMeanPseudoCount: κ₀ (`kappa0`) > 0, the prior mean's weight in observations.
    ///   - priorPrecisionShape: α₀ (`alpha0`) > 0.
    ///   - priorPrecisionRate: β₀ (`beta0`) > 0.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for `armCount < 1` or an
    ///   invalid prior parameter, named `normal-gamma-thompson.<param>`.
    public init(
        armCount: Int, priorMean: Double = 0, priorMeanPseudoCount: Double = 1, priorPrecisionShape: Double = 1,
        priorPrecisionRate: Double = 1, seed: UInt64
    ) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        let prior = NormalGammaPrior(
            mean: priorMean, meanPseudoCount: priorMeanPseudoCount, precisionShape: priorPrecisionShape,
            precisionRate: priorPrecisionRate)
        try self.init(priors: [NormalGammaPrior](repeating: prior, count: armCount), seed: seed)
    }

    /// One prior per arm (an empty list is an error).
    public init(priors: [NormalGammaPrior], seed: UInt64) throws(BanditError) {
        posterior = try NormalGammaPosterior(priors: priors, owner: "normal-gamma-thompson")
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    public mutating func selectArm() -> Int {
        var rng = generator
        defer { generator = rng }
        return posterior.thompsonArm(table: .shared, using: &rng)
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        try posterior.record(arm: arm, reward: reward)
    }
}
