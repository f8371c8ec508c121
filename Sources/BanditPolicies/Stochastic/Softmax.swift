import BanditCore
import RealModule

/// Softmax (Boltzmann) exploration (Sutton & Barto 2018, "Reinforcement Learning: An
/// Introduction", 2nd ed., §2.8 and eq. (2.11); Cesa-Bianchi, Gentile, Lugosi & Neu 2017,
/// "Boltzmann Exploration Done Right", NeurIPS).
///
/// Pull arm j with probability
///
///     pⱼ = exp(x̄ⱼ / τ) / Σᵢ exp(x̄ᵢ / τ),
///
/// where x̄ⱼ is the empirical mean and τ > 0 the temperature: τ → 0 is greedy, τ → ∞ uniform.
/// With `decreasing`, round t = 1, 2, … uses the schedule τ_t = τ₀ / ln(t + 1).
///
/// Caveat: Cesa-Bianchi et al. (2017, §3) show that Boltzmann exploration is badly behaved with
/// the usual schedules: a constant temperature suffers linear regret on some instances, and a
/// monotone schedule such as τ₀/ln t gives logarithmic regret only when τ₀ is matched to the
/// (unknown) gaps — otherwise the regret can be polynomial in T. They propose Boltzmann–Gumbel
/// exploration instead. This policy is the classical heuristic, kept as a baseline.
///
/// Choices where the sources differ:
/// - Each arm is pulled once first, in index order (the empirical mean is undefined before);
///   Sutton & Barto instead start from estimates of 0.
/// - t is the number of the round about to be played: rewards recorded so far plus one.
/// - The exponentials are computed as exp((x̄ⱼ − max x̄) / τ), which cannot overflow; the largest
///   term is 1.
public struct Softmax: PropensityReportingPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics
    /// τ > 0, or τ₀ of the decreasing schedule.
    public let temperature: Double
    /// Whether τ_t = τ₀ / ln(t + 1).
    public let decreasing: Bool
    /// The policy's own randomness.
    public private(set) var generator: Xoshiro256PlusPlus

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `armCount ≥ 1` and
    ///   τ is finite and > 0.
    public init(armCount: Int, temperature: Double = 0.1, decreasing: Bool = false, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard temperature.isFinite, temperature > 0 else {
            throw .invalidParameter(name: "softmax.tau", value: "\(temperature)", reason: "must be finite and > 0")
        }
        statistics = ArmStatistics(armCount: armCount)
        self.temperature = temperature
        self.decreasing = decreasing
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    /// The temperature of the round about to be played.
    public var currentTemperature: Double {
        guard decreasing else { return temperature }
        let t = statistics.totalCount + 1
        return temperature / CountReciprocals.shared.logarithm(of: t + 1)
    }

    /// (max x̄, 1/τ, Σ exp((x̄ᵢ − max x̄)/τ)): what both sampling and propensities need.
    private func normalisation() -> (maximum: Double, inverseTemperature: Double, total: Double) {
        let inverseTemperature = 1 / currentTemperature
        return statistics.withColumns { _, means, _, _ in
            var maximum = -Double.infinity
            for mean in means where mean > maximum { maximum = mean }
            var total = 0.0
            for mean in means { total += Double.exp((mean - maximum) * inverseTemperature) }
            return (maximum, inverseTemperature, total)
        }
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        let (maximum, inverseTemperature, total) = normalisation()
        let target = generator.nextUniform() * total
        return statistics.withColumns { _, means, _, _ in
            var cumulative = 0.0
            var lastPositive = 0
            for arm in 0..<means.count {
                let weight = Double.exp((means[arm] - maximum) * inverseTemperature)
                if weight > 0 { lastPositive = arm }
                cumulative += weight
                if target < cumulative { return arm }
            }
            // Rounding can leave target ≥ the re-summed total by an ulp.
            return lastPositive
        }
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        statistics.record(arm: arm, reward: reward)
    }

    /// exp(x̄ⱼ/τ) / Σᵢ exp(x̄ᵢ/τ) (1 for the next unpulled arm while some remain).
    public func propensity(of arm: Int) -> Double {
        guard arm >= 0 && arm < armCount else { return 0 }
        if statistics.hasUnpulledArm, let first = statistics.firstUnpulledArm { return arm == first ? 1 : 0 }
        let (maximum, inverseTemperature, total) = normalisation()
        return Double.exp((statistics.mean(of: arm) - maximum) * inverseTemperature) / total
    }
}
