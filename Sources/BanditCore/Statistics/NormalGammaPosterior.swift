import RealModule

/// A Normal–Gamma prior on one arm's Gaussian reward mean μ and precision λ = 1/σ²:
/// λ ~ Gamma(α₀, rate β₀) and μ | λ ~ N(μ₀, 1/(κ₀ λ)) (DeGroot 1970, "Optimal Statistical
/// Decisions", §9.6; Murphy 2007, "Conjugate Bayesian analysis of the Gaussian distribution", §3).
///
/// The Gamma is parameterised by shape and *rate*, so E[λ] = α₀/β₀ and, for α₀ > 1,
/// E[σ²] = β₀/(α₀ − 1). κ₀ counts how many pseudo-observations the prior mean is worth.
public struct NormalGammaPrior: Sendable, Hashable, Codable {
    /// μ₀, the prior mean.
    public var mean: Double
    /// κ₀ > 0, the prior's weight on μ₀ in pseudo-observations.
    public var meanPseudoCount: Double
    /// α₀ > 0, the Gamma shape of the precision prior.
    public var precisionShape: Double
    /// β₀ > 0, the Gamma rate of the precision prior.
    public var precisionRate: Double

    public init(mean: Double = 0, meanPseudoCount: Double = 1, precisionShape: Double = 1, precisionRate: Double = 1) {
        self.mean = mean
        self.meanPseudoCount = meanPseudoCount
        self.precisionShape = precisionShape
        self.precisionRate = precisionRate
    }

    /// Checks every parameter, naming it `owner.mu0`, `owner.kappa0`, `owner.alpha0` or
    /// `owner.beta0` in the error.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for a non-finite μ₀, a
    ///   κ₀, α₀ or β₀ that is not finite and > 0, or a β₀/κ₀ that overflows.
    public func validate(owner: String) throws(BanditError) {
        guard mean.isFinite else {
            throw .invalidParameter(name: "\(owner).mu0", value: "\(mean)", reason: "must be finite")
        }
        for (name, value) in [("kappa0", meanPseudoCount), ("alpha0", precisionShape), ("beta0", precisionRate)]
        where !(value.isFinite && value > 0) {
            throw .invalidParameter(name: "\(owner).\(name)", value: "\(value)", reason: "must be finite and > 0")
        }
        // The sampler scales by √(β/κ).
        guard (precisionRate / meanPseudoCount).isFinite else {
            throw .invalidParameter(name: "\(owner).beta0", value: "\(precisionRate)", reason: "β₀/κ₀ overflows")
        }
    }
}

/// Per-arm Normal–Gamma posteriors over (mean, precision) of Gaussian rewards — the one
/// statistics type of Normal–Gamma Thompson sampling and of VarTS (Saha & Kveton 2024).
///
/// After n rewards with mean x̄ and S = Σ(x − x̄)², the conjugate posterior is
/// Normal–Gamma(μₙ, κₙ, αₙ, βₙ) with (Murphy 2007, §3, the Normal–Gamma posterior; DeGroot 1970, §9.6)
///
///     κₙ = κ₀ + n,   μₙ = (κ₀μ₀ + n x̄)/κₙ,   αₙ = α₀ + n/2,
///     βₙ = β₀ + S/2 + κ₀ n (x̄ − μ₀)² / (2κₙ).
///
/// It is maintained one reward at a time, the same update with n = 1 applied to the current
/// posterior (the posterior is the prior of the next reward):
///
///     δ = x − μ,  κ' = κ + 1,  μ' = μ + δ/κ',  α' = α + ½,  β' = β + ½ δ (x − μ'),
///
/// since κδ²/(2κ') = ½ δ (x − μ'). This is Welford's (1962) recurrence with the prior as
/// κ₀ pseudo-observations at μ₀: every increment of β is a product of two numbers of the same
/// sign, so β never decreases and no large sums cancel (a Σx² − n x̄² form would).
///
/// Storage is one contiguous array, one 8-word record per arm, laid out for the Thompson
/// sampling loop, which reads only the last five words of each record:
/// `[n, κ, α, β, μ, √(β/κ), d, c]` with d = α − ⅓ and c = 1/√(9d), the Marsaglia–Tsang
/// constants of the Gamma(α) draw, recomputed only when the arm is updated.
public struct NormalGammaPosterior: Sendable, Hashable, Codable {
    /// Words per arm in ``storage``.
    @usableFromInline static let stride = 8
    /// The per-arm records, `stride` words each.
    @usableFromInline var storage: [Double]
    /// The prior of each arm.
    public let priors: [NormalGammaPrior]
    /// K.
    public var armCount: Int { priors.count }

    /// Posteriors equal to `priors`, one arm each.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for an empty prior list
    ///   (named `owner.armCount`) or an invalid prior (see ``NormalGammaPrior/validate(owner:)``).
    public init(priors: [NormalGammaPrior], owner: String) throws(BanditError) {
        guard !priors.isEmpty else {
            throw .invalidParameter(name: "\(owner).armCount", value: "0", reason: "needs at least one arm")
        }
        for prior in priors { try prior.validate(owner: owner) }
        self.priors = priors
        storage = [Double](repeating: 0, count: Self.stride * priors.count)
        for (arm, prior) in priors.enumerated() {
            write(arm: arm, count: 0, kappa: prior.meanPseudoCount, mean: prior.mean,
                  shape: prior.precisionShape, rate: prior.precisionRate)
        }
    }

    private enum CodingKeys: String, CodingKey { case storage, priors }

    /// Decodes a snapshot, rejecting one whose records do not match its priors (a corrupted or
    /// hand-edited snapshot must not be read out of bounds later).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let priors = try container.decode([NormalGammaPrior].self, forKey: .priors)
        let storage = try container.decode([Double].self, forKey: .storage)
        guard !priors.isEmpty, storage.count == Self.stride * priors.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .storage, in: container, debugDescription: "expected \(Self.stride) words per arm")
        }
        self.priors = priors
        self.storage = storage
    }

    /// n, the rewards recorded for `arm`.
    @inlinable public func count(of arm: Int) -> Double { storage[Self.stride * arm] }
    /// κₙ.
    @inlinable public func meanPseudoCount(of arm: Int) -> Double { storage[Self.stride * arm + 1] }
    /// αₙ, the Gamma shape of the precision posterior.
    @inlinable public func precisionShape(of arm: Int) -> Double { storage[Self.stride * arm + 2] }
    /// βₙ, the Gamma rate of the precision posterior.
    @inlinable public func precisionRate(of arm: Int) -> Double { storage[Self.stride * arm + 3] }
    /// μₙ, the posterior mean of the arm's mean (its marginal is a Student t centred there).
    @inlinable public func mean(of arm: Int) -> Double { storage[Self.stride * arm + 4] }

    /// The posterior of one arm as a prior (the parameters a Normal–Gamma of the same data has).
    public func posterior(of arm: Int) -> NormalGammaPrior {
        NormalGammaPrior(mean: mean(of: arm), meanPseudoCount: meanPseudoCount(of: arm),
                         precisionShape: precisionShape(of: arm), precisionRate: precisionRate(of: arm))
    }

    private mutating func write(arm: Int, count: Double, kappa: Double, mean: Double, shape: Double, rate: Double) {
        let base = Self.stride * arm
        let d = shape - 1.0 / 3.0
        storage.withUnsafeMutableBufferPointer { record in
            record[base] = count
            record[base + 1] = kappa
            record[base + 2] = shape
            record[base + 3] = rate
            record[base + 4] = mean
            record[base + 5] = (rate / kappa).squareRoot()
            // Shapes below 1 are drawn by the boost in `nextGamma(shape:)`; d and c are unused.
            record[base + 6] = d
            record[base + 7] = shape >= 1 ? 1 / (9 * d).squareRoot() : 0
        }
    }

    /// Adds one reward to `arm`'s posterior (the update in the type's description).
    /// - Precondition: `arm` is in range and `reward` finite (the policy validated both).
    /// - Throws: ``BanditError/nonFiniteReward(arm:value:)`` if the reward is so large that the
    ///   posterior would overflow; the posterior is then unchanged.
    public mutating func record(arm: Int, reward: Double) throws(BanditError) {
        precondition(arm >= 0 && arm < armCount, "arm out of range")
        let base = Self.stride * arm
        let kappa = storage[base + 1] + 1
        let mean = storage[base + 4]
        let delta = reward - mean
        let newMean = mean + delta / kappa
        let rate = storage[base + 3] + 0.5 * delta * (reward - newMean)
        guard newMean.isFinite && rate.isFinite else { throw .nonFiniteReward(arm: arm, value: reward) }
        write(arm: arm, count: storage[base] + 1, kappa: kappa, mean: newMean, shape: storage[base + 2] + 0.5, rate: rate)
    }

    /// One Thompson-sampling decision: for every arm draw λ ~ Gamma(αₙ, rate βₙ), then
    /// μ ~ N(μₙ, 1/(κₙ λ)), and return the arm with the largest μ (lowest index on ties; a NaN
    /// draw never wins).
    ///
    /// With G ~ Gamma(αₙ, 1), λ = G/βₙ and μ = μₙ + Z·√(βₙ/κₙ)/√G for Z ~ N(0, 1): one Gamma
    /// draw (Marsaglia–Tsang with the cached constants), one normal draw, one square root and one
    /// division per arm. The Gamma draw comes first, as the precision is sampled first.
    ///
    /// It takes the library's generator, drawn through the register-resident samplers (see
    /// `Xoshiro256PlusPlus+RegisterResident.swift`), so its state stays in registers.
    @inlinable @inline(__always)
    public func thompsonArm(table: ZigguratNormalTable, using rng: inout Xoshiro256PlusPlus) -> Int {
        storage.withUnsafeBufferPointer { records in
            var best = 0
            var bestDraw = -Double.infinity
            var base = 0
            for arm in 0..<priors.count {
                let shape = records[base + 2]
                let gamma = shape >= 1
                    ? rng.nextMarsagliaTsangGammaInRegisters(d: records[base + 6], c: records[base + 7], table: table)
                    : rng.nextGammaByValue(shape: shape)
                let z = rng.nextStandardNormalInRegisters(table: table)
                let draw = records[base + 4] + z * records[base + 5] / gamma.squareRoot()
                if draw > bestDraw {
                    bestDraw = draw
                    best = arm
                }
                base += Self.stride
            }
            return best
        }
    }
}
