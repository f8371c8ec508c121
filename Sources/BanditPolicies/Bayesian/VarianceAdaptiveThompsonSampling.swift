import BanditCore

/// Variance-adaptive Thompson sampling, "VarTS" (Saha & Kveton, ICLR 2024, "Only Pay for What Is
/// Uncertain: Variance-Adaptive Thompson Sampling", arXiv 2303.09033), for Gaussian rewards whose
/// variances differ between arms, in its two variants.
///
/// **Unknown variances** (``Variant/unknownVariance``, the paper's Algorithm 2, VarTS proper):
/// arm i has a Normal–Gamma prior λᵢ ~ Gamma(α₀ᵢ, rate β₀ᵢ), μᵢ | λᵢ ~ N(μ₀ᵢ, 1/(κ₀ᵢ λᵢ)) on its
/// mean and precision. Each round samples λ̃ᵢ ~ Gamma(αₜᵢ, rate βₜᵢ), then
/// μ̃ᵢ ~ N(μₜᵢ, 1/(κₜᵢ λ̃ᵢ)), and pulls arg maxᵢ μ̃ᵢ. The posterior is the standard conjugate
/// update κₜ = κ₀ + n, μₜ = (κ₀μ₀ + n x̄)/κₜ, αₜ = α₀ + n/2,
/// βₜ = β₀ + S/2 + κ₀ n (x̄ − μ₀)²/(2κₜ) (``NormalGammaPosterior``). This *is* Normal–Gamma
/// Thompson sampling with per-arm priors: the variant shares ``NormalGammaPosterior`` and its
/// sampling loop with ``NormalGammaThompsonSampling``, and from the same priors and seed the two
/// make identical decisions (a test checks it). The paper's contribution is the prior-dependent
/// Bayes regret analysis, not a different sampler.
///
/// **Known variances** (``Variant/knownVariance``, the paper's Algorithm 1): arm i has known
/// noise variance σᵢ² and prior μᵢ ~ N(μ₀ᵢ, σ₀ᵢ²); after nᵢ rewards the posterior is
/// N(μ̂ᵢ, σ̂ᵢ²) with σ̂ᵢ⁻² = σ₀ᵢ⁻² + nᵢ σᵢ⁻² and μ̂ᵢ = σ̂ᵢ²(σ₀ᵢ⁻² μ₀ᵢ + σᵢ⁻² Σx), maintained one
/// reward at a time as μ̂' = μ̂ + (x − μ̂)·σᵢ⁻²/σ̂'⁻² (no running sum to overflow or cancel).
/// With one σ for all arms this is ``GaussianThompsonSampling``.
///
/// Ambiguities, stated: the parameterisation above (Gamma in shape–rate form, the conditional
/// prior of the mean scaled by 1/(κ λ)) is the standard Normal–Gamma one that the paper's model
/// uses; the paper's full text could not be consulted through this project's reference search
/// (only its abstract and reviews, which confirm "a joint Gaussian–Gamma posterior for mean
/// rewards and precision" and the two algorithms), so the equations are cited from the conjugate
/// analysis (Murphy 2007, §3; DeGroot 1970, §9.6) rather than by the paper's equation numbers. Defaults for
/// the catalog are μ₀ = 0, κ₀ = 1, α₀ = 1, β₀ = 1 (unknown) and μ₀ = 0, σ₀ = 1 (known).
public struct VarianceAdaptiveThompsonSampling: BanditPolicy, Hashable, Codable {
    /// Which of the paper's two settings the policy assumes.
    public enum Variant: String, Sendable, Hashable, Codable, CaseIterable {
        /// Algorithm 2: the per-arm variances are unknown (Normal–Gamma posterior).
        case unknownVariance = "unknown"
        /// Algorithm 1: the per-arm variances σᵢ² are known (Gaussian posterior on the mean).
        case knownVariance = "known"
    }

    public let armCount: Int
    /// The setting.
    public let variant: Variant
    /// Unknown variances: the per-arm Normal–Gamma posteriors (`nil` for known variances).
    public private(set) var normalGamma: NormalGammaPosterior?
    /// Known variances: σᵢ, the noise standard deviation of each arm (empty otherwise).
    public let noiseStandardDeviations: [Double]
    /// Known variances: μ₀ᵢ (empty otherwise).
    public let priorMeans: [Double]
    /// Known variances: σ₀ᵢ (empty otherwise).
    public let priorStandardDeviations: [Double]
    /// Known variances: per arm `[μ̂, σ̂, σ̂⁻², σᵢ⁻²]`, one contiguous record each.
    var gaussian: [Double]
    /// The policy's own randomness.
    public private(set) var generator: Xoshiro256PlusPlus

    /// VarTS for unknown variances (Algorithm 2) with one Normal–Gamma prior per arm.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for an empty list or an
    ///   invalid prior, named `varts.mu0`, `varts.kappa0`, `varts.alpha0` or `varts.beta0`.
    public init(unknownVariancePriors priors: [NormalGammaPrior], seed: UInt64) throws(BanditError) {
        normalGamma = try NormalGammaPosterior(priors: priors, owner: "varts")
        armCount = priors.count
        variant = .unknownVariance
        noiseStandardDeviations = []
        priorMeans = []
        priorStandardDeviations = []
        gaussian = []
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    /// VarTS for known variances (Algorithm 1): arm i has noise standard deviation
    /// `noiseStandardDeviations[i]` and prior N(`priorMeans[i]`, `priorStandardDeviations[i]`²).
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for no arms, a non-finite
    ///   prior mean (`varts.mu0`), a standard deviation that is not finite and > 0 or whose
    ///   square or inverse square overflows (`varts.sigma`, `varts.sigma0`); ``BanditError/dimensionMismatch(name:expected:actual:)``
    ///   if the lists differ in length.
    public init(
        knownNoiseStandardDeviations noiseStandardDeviations: [Double], priorMeans: [Double]? = nil,
        priorStandardDeviations: [Double]? = nil, seed: UInt64
    ) throws(BanditError) {
        let count = noiseStandardDeviations.count
        guard count >= 1 else {
            throw .invalidParameter(name: "varts.sigma", value: "[]", reason: "needs one standard deviation per arm, at least one arm")
        }
        let means = priorMeans ?? [Double](repeating: 0, count: count)
        let priorDeviations = priorStandardDeviations ?? [Double](repeating: 1, count: count)
        guard means.count == count else { throw .dimensionMismatch(name: "varts.mu0", expected: count, actual: means.count) }
        guard priorDeviations.count == count else {
            throw .dimensionMismatch(name: "varts.sigma0", expected: count, actual: priorDeviations.count)
        }
        for mean in means where !mean.isFinite {
            throw .invalidParameter(name: "varts.mu0", value: "\(mean)", reason: "must be finite")
        }
        for (name, values) in [("varts.sigma", noiseStandardDeviations), ("varts.sigma0", priorDeviations)] {
            // The posterior works with precisions 1/σ², so σ² and 1/σ² must both be finite too.
            for value in values where !(value.isFinite && value > 0 && (value * value).isFinite && (1 / (value * value)).isFinite) {
                throw .invalidParameter(name: name, value: "\(value)", reason: "must be finite and > 0, with σ² and 1/σ² finite")
            }
        }
        armCount = count
        variant = .knownVariance
        normalGamma = nil
        self.noiseStandardDeviations = noiseStandardDeviations
        self.priorMeans = means
        self.priorStandardDeviations = priorDeviations
        var records = [Double]()
        records.reserveCapacity(4 * count)
        for arm in 0..<count {
            let sigma0 = priorDeviations[arm]
            let sigma = noiseStandardDeviations[arm]
            records += [means[arm], sigma0, 1 / (sigma0 * sigma0), 1 / (sigma * sigma)]
        }
        gaussian = records
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    /// Known variances: the posterior mean μ̂ᵢ of each arm's mean (empty for unknown variances).
    public var posteriorMeans: [Double] { stride(from: 0, to: gaussian.count, by: 4).map { gaussian[$0] } }
    /// Known variances: the posterior standard deviation σ̂ᵢ (empty for unknown variances).
    public var posteriorStandardDeviations: [Double] { stride(from: 1, to: gaussian.count, by: 4).map { gaussian[$0] } }

    public mutating func selectArm() -> Int {
        let table = ZigguratNormalTable.shared
        var rng = generator
        defer { generator = rng }
        if let normalGamma {
            return normalGamma.thompsonArm(table: table, using: &rng)
        }
        return gaussian.withUnsafeBufferPointer { records in
            var best = 0
            var bestDraw = -Double.infinity
            var base = 0
            for arm in 0..<armCount {
                let draw = records[base] + records[base + 1] * rng.nextStandardNormalInRegisters(table: table)
                if draw > bestDraw {
                    bestDraw = draw
                    best = arm
                }
                base += 4
            }
            return best
        }
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        if normalGamma != nil {
            try normalGamma!.record(arm: arm, reward: reward)
            return
        }
        let base = 4 * arm
        let noisePrecision = gaussian[base + 3]
        let precision = gaussian[base + 2] + noisePrecision
        let mean = gaussian[base] + (reward - gaussian[base]) * (noisePrecision / precision)
        guard mean.isFinite else { throw .nonFiniteReward(arm: arm, value: reward) }
        gaussian[base] = mean
        gaussian[base + 1] = 1 / precision.squareRoot()
        gaussian[base + 2] = precision
    }
}
