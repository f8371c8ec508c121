import BanditCore

/// Thompson sampling for Gaussian rewards with known noise variance (Agrawal & Goyal 2013,
/// "Further Optimal Regret Bounds for Thompson Sampling", AISTATS, Algorithm 2).
///
/// With prior N(μ₀, σ₀²) on each arm's mean and reward noise N(0, σ²), the posterior after nⱼ
/// rewards summing to Sⱼ is N(μ̃ⱼ, ṽⱼ) with precision 1/ṽⱼ = 1/σ₀² + nⱼ/σ² and
/// μ̃ⱼ = ṽⱼ (μ₀/σ₀² + Sⱼ/σ²). The defaults μ₀ = 0, σ₀ = σ = 1 give the paper's
/// N(Sⱼ/(nⱼ + 1), 1/(nⱼ + 1)). A decision draws one mean per arm and pulls the arg-max.
public struct GaussianThompsonSampling: BanditPolicy, Hashable, Codable {
    public let armCount: Int
    /// μ₀, the prior mean of every arm.
    public let priorMean: Double
    /// σ₀ > 0, the prior standard deviation.
    public let priorStandardDeviation: Double
    /// σ > 0, the assumed (known) reward noise standard deviation.
    public let noiseStandardDeviation: Double
    /// Posterior means μ̃ⱼ.
    public private(set) var posteriorMeans: [Double]
    /// Posterior standard deviations √ṽⱼ.
    public private(set) var posteriorStandardDeviations: [Double]
    /// Posterior precisions 1/ṽⱼ.
    var precisions: [Double]
    /// Precision-weighted means μ̃ⱼ/ṽⱼ, the natural parameter that updates by addition.
    var weightedMeans: [Double]
    /// The policy's own randomness.
    public private(set) var generator: Xoshiro256PlusPlus

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for `armCount < 1`,
    ///   a non-finite prior mean or a non-positive standard deviation.
    public init(
        armCount: Int, priorMean: Double = 0, priorStandardDeviation: Double = 1,
        noiseStandardDeviation: Double = 1, seed: UInt64
    ) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard priorMean.isFinite else {
            throw .invalidParameter(name: "gaussian-thompson.mu0", value: "\(priorMean)", reason: "must be finite")
        }
        for (name, value) in [("gaussian-thompson.sigma0", priorStandardDeviation), ("gaussian-thompson.sigma", noiseStandardDeviation)]
        where !(value.isFinite && value > 0) {
            throw .invalidParameter(name: name, value: "\(value)", reason: "must be finite and > 0")
        }
        // The precisions 1/σ² and 1/σ₀² must be finite too, or every update would fail later.
        for (name, value) in [("gaussian-thompson.sigma0", priorStandardDeviation), ("gaussian-thompson.sigma", noiseStandardDeviation)]
        where !(1 / (value * value)).isFinite {
            throw .invalidParameter(name: name, value: "\(value)", reason: "too small: its precision 1/σ² overflows")
        }
        self.armCount = armCount
        self.priorMean = priorMean
        self.priorStandardDeviation = priorStandardDeviation
        self.noiseStandardDeviation = noiseStandardDeviation
        let priorPrecision = 1 / (priorStandardDeviation * priorStandardDeviation)
        precisions = [Double](repeating: priorPrecision, count: armCount)
        weightedMeans = [Double](repeating: priorMean * priorPrecision, count: armCount)
        posteriorMeans = [Double](repeating: priorMean, count: armCount)
        posteriorStandardDeviations = [Double](repeating: priorStandardDeviation, count: armCount)
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    public mutating func selectArm() -> Int {
        let table = ZigguratNormalTable.shared
        var rng = generator
        defer { generator = rng }
        var best = 0
        var bestDraw = -Double.infinity
        for arm in 0..<armCount {
            let draw = posteriorMeans[arm] + posteriorStandardDeviations[arm] * rng.nextStandardNormalInRegisters(table: table)
            if draw > bestDraw {
                bestDraw = draw
                best = arm
            }
        }
        return best
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        let noisePrecision = 1 / (noiseStandardDeviation * noiseStandardDeviation)
        let weighted = weightedMeans[arm] + reward * noisePrecision
        guard weighted.isFinite else {
            throw .nonFiniteReward(arm: arm, value: reward)
        }
        precisions[arm] += noisePrecision
        weightedMeans[arm] = weighted
        posteriorMeans[arm] = weighted / precisions[arm]
        posteriorStandardDeviations[arm] = 1 / precisions[arm].squareRoot()
    }

    /// Forgets `arm`: its posterior returns to the prior N(μ₀, σ₀²).
    public mutating func resetArm(_ arm: Int) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        let priorPrecision = 1 / (priorStandardDeviation * priorStandardDeviation)
        precisions[arm] = priorPrecision
        weightedMeans[arm] = priorMean * priorPrecision
        posteriorMeans[arm] = priorMean
        posteriorStandardDeviations[arm] = priorStandardDeviation
    }
}
