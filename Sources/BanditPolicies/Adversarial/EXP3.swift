import BanditCore
import RealModule

/// Exp3 (Auer, Cesa-Bianchi, Freund & Schapire 2002, "The Nonstochastic Multiarmed Bandit
/// Problem", SIAM J. Comput. 32(1), Figure 1): exponential weights with uniform exploration,
/// for rewards in [0, 1] chosen by an adversary.
///
/// With γ ∈ (0, 1] and weights wᵢ(1) = 1, round t pulls arm i with probability
///
///     pᵢ(t) = (1 − γ) wᵢ(t) / Σⱼ wⱼ(t) + γ/K,
///
/// observes x_{i_t}(t) ∈ [0, 1], forms the importance-weighted estimate x̂ⱼ(t) = xⱼ(t)/pⱼ(t) for
/// the pulled arm (0 for the others), and updates wⱼ(t + 1) = wⱼ(t) · exp(γ x̂ⱼ(t) / K).
///
/// Corollary 3.2: for g ≥ G_max (the best arm's total reward; g = T always works),
/// γ = min{1, √(K ln K / ((e − 1) g))} gives an expected regret of at most
/// 2√(e − 1) √(g K ln K) ≤ 2.63 √(g K ln K) — ``defaultExplorationRate(armCount:horizon:)``.
///
/// Numerics: only ratios of weights matter, so the weights are rescaled by a power of two
/// (exactly, without rounding) whenever their sum leaves [2⁻⁶⁴, 2⁶⁴]. Each update multiplies one
/// weight by at most e (γ x̂/K ≤ 1 because pᵢ ≥ γ/K), so no weight can overflow however long the
/// run; weights far below the largest may underflow to 0, which changes pᵢ by less than 2⁻⁹⁰⁰.
/// An update uses pᵢ computed from the current weights, which is the probability of the
/// selection it answers when every selection is followed by its update.
public struct EXP3: PropensityReportingPolicy, Hashable, Codable {
    public let armCount: Int
    /// γ ∈ (0, 1], the share of uniform exploration.
    public let explorationRate: Double
    /// The weights wᵢ, up to a common factor.
    public private(set) var weights: [Double]
    /// The policy's own randomness.
    public private(set) var generator: Xoshiro256PlusPlus

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `armCount ≥ 1` and
    ///   0 < γ ≤ 1.
    public init(armCount: Int, explorationRate: Double, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard explorationRate > 0, explorationRate <= 1 else {
            throw .invalidParameter(name: "exp3.gamma", value: "\(explorationRate)", reason: "must lie in (0, 1]")
        }
        self.armCount = armCount
        self.explorationRate = explorationRate
        weights = [Double](repeating: 1, count: armCount)
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    /// Exp3 with γ from Corollary 3.2 for g = T.
    public init(armCount: Int, horizon: Int, seed: UInt64) throws(BanditError) {
        try self.init(
            armCount: armCount, explorationRate: Self.defaultExplorationRate(armCount: armCount, horizon: horizon), seed: seed)
    }

    /// γ = min{1, √(K ln K / ((e − 1) T))}: Corollary 3.2 with the bound g = T on G_max (rewards
    /// in [0, 1]). For K = 1 the formula gives 0, which is not allowed; every γ is equivalent
    /// there, and 1 is returned.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `armCount ≥ 1` and
    ///   `horizon ≥ 1`.
    public static func defaultExplorationRate(armCount: Int, horizon: Int) throws(BanditError) -> Double {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard horizon >= 1 else {
            throw .invalidParameter(name: "exp3.horizon", value: "\(horizon)", reason: "must be ≥ 1")
        }
        guard armCount > 1 else { return 1 }
        let k = Double(armCount)
        return min(1, (k * Double.log(k) / ((Double.exp(1) - 1) * Double(horizon))).squareRoot())
    }

    /// (1 − γ)/W and γ/K for the current total weight W: pᵢ = (1 − γ)/W · wᵢ + γ/K.
    @inline(__always)
    private func mixture() -> (scale: Double, uniform: Double, total: Double) {
        let total = weights.withUnsafeBufferPointer { buffer in
            var sum = 0.0
            for weight in buffer { sum += weight }
            return sum
        }
        return ((1 - explorationRate) / total, explorationRate / Double(armCount), total)
    }

    public mutating func selectArm() -> Int {
        let (scale, uniform, _) = mixture()
        let target = generator.nextUniform()
        return weights.withUnsafeBufferPointer { buffer in
            var cumulative = 0.0
            for arm in 0..<buffer.count {
                cumulative += scale * buffer[arm] + uniform
                if target < cumulative { return arm }
            }
            // The probabilities sum to 1 up to rounding; every arm has pᵢ ≥ γ/K > 0.
            return buffer.count - 1
        }
    }

    /// - Throws: as ``BanditPolicy/validate(arm:reward:)``, or
    ///   ``BanditError/invalidParameter(name:value:reason:)`` for a reward outside [0, 1]; the
    ///   policy is then unchanged.
    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        guard reward >= 0 && reward <= 1 else {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "Exp3 needs rewards in [0, 1]")
        }
        let (scale, uniform, total) = mixture()
        let probability = scale * weights[arm] + uniform
        let estimate = reward / probability
        let old = weights[arm]
        let new = old * Double.exp(explorationRate * estimate / Double(armCount))
        weights[arm] = new
        Self.rescale(&weights, total: total - old + new)
    }

    /// pᵢ(t) = (1 − γ) wᵢ / Σⱼ wⱼ + γ/K.
    public func propensity(of arm: Int) -> Double {
        guard arm >= 0 && arm < armCount else { return 0 }
        let (scale, uniform, _) = mixture()
        return scale * weights[arm] + uniform
    }

    /// Multiplies all weights by a power of two (exact) when their sum leaves [2⁻⁶⁴, 2⁶⁴], bringing
    /// it back to [1, 2). `estimate` is the caller's incrementally updated sum, which saves a
    /// pass per round; the rare rescaling recomputes the sum exactly, because the estimate can
    /// lose small weights to cancellation.
    @inline(__always)
    static func rescale(_ weights: inout [Double], total estimate: Double) {
        guard estimate > 0x1p64 || estimate < 0x1p-64 else { return }
        var total = 0.0
        for weight in weights { total += weight }
        guard total > 0x1p64 || total < 0x1p-64, total > 0 else { return }
        let factor = Double(sign: .plus, exponent: -total.exponent, significand: 1)
        weights.withUnsafeMutableBufferPointer { buffer in
            for arm in 0..<buffer.count { buffer[arm] *= factor }
        }
    }
}
