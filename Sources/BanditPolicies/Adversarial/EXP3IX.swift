import BanditCore
import RealModule

/// Exp3-IX (Neu 2015, "Explore no more: Improved high-probability regret bounds for
/// non-stochastic bandits", NeurIPS, Algorithm 1): exponential weights on losses with the
/// *implicit exploration* (IX) estimator instead of explicit uniform mixing.
///
/// With learning rate η > 0, IX parameter γ ≥ 0 and weights w_{1,i} = 1, round t pulls arm i with
/// probability p_{t,i} = w_{t,i} / Σⱼ w_{t,j}, observes the loss ℓ_{t,I_t} = 1 − r_{t,I_t} ∈ [0, 1]
/// (this library's rewards are gains), and updates the pulled arm with the IX estimate
///
///     ℓ̃_{t,i} = ℓ_{t,i} / (p_{t,i} + γ),   w_{t+1,i} = w_{t,i} · exp(−η ℓ̃_{t,i}).
///
/// Theorem 1: with η = 2γ = √(2 ln K / (K T)) the regret is at most
/// 4√(K T ln K) + (√(2 K T / ln K) + 1) ln(2/δ) with probability at least 1 − δ, hence (integrating
/// the tail) at most 4√(K T ln K) + (√(2 K T / ln K) + 1)(1 + ln 2) in expectation —
/// ``defaultLearningRate(armCount:horizon:)``, with γ = η/2 by default.
///
/// Numerics: only ratios of weights matter, so the weights are rescaled by a power of two
/// (exactly) whenever their sum leaves [2⁻⁶⁴, 2⁶⁴]; one update divides a weight by at most
/// e^{η/γ}, so the sum never underflows. Weights far below the largest may underflow to 0: such
/// an arm (probability below 2⁻⁹⁰⁰) is then never pulled, and its propensity is reported as 0.
public struct EXP3IX: PropensityReportingPolicy, Hashable, Codable {
    public let armCount: Int
    /// η > 0.
    public let learningRate: Double
    /// γ ≥ 0, the implicit-exploration term added to the denominator of the loss estimate.
    public let implicitExploration: Double
    /// The weights, up to a common factor.
    public private(set) var weights: [Double]
    /// The policy's own randomness.
    public private(set) var generator: Xoshiro256PlusPlus

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `armCount ≥ 1`,
    ///   η is finite and > 0, and γ is finite and ≥ 0.
    public init(armCount: Int, learningRate: Double, implicitExploration: Double, seed: UInt64) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw .invalidParameter(name: "exp3-ix.eta", value: "\(learningRate)", reason: "must be finite and > 0")
        }
        guard implicitExploration.isFinite, implicitExploration >= 0 else {
            throw .invalidParameter(name: "exp3-ix.gamma", value: "\(implicitExploration)", reason: "must be finite and ≥ 0")
        }
        self.armCount = armCount
        self.learningRate = learningRate
        self.implicitExploration = implicitExploration
        weights = [Double](repeating: 1, count: armCount)
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    /// Exp3-IX with a given η and γ = η/2 (Neu 2015, Theorem 1).
    public init(armCount: Int, learningRate: Double, seed: UInt64) throws(BanditError) {
        try self.init(armCount: armCount, learningRate: learningRate, implicitExploration: learningRate / 2, seed: seed)
    }

    /// Exp3-IX with η = 2γ = √(2 ln K / (K T)) (Neu 2015, Theorem 1).
    public init(armCount: Int, horizon: Int, seed: UInt64) throws(BanditError) {
        try self.init(armCount: armCount, learningRate: Self.defaultLearningRate(armCount: armCount, horizon: horizon), seed: seed)
    }

    /// η = √(2 ln K / (K T)), Neu (2015), Theorem 1. For K = 1 the formula gives 0; every η is
    /// equivalent there, and 1 is returned.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `armCount ≥ 1` and
    ///   `horizon ≥ 1`.
    public static func defaultLearningRate(armCount: Int, horizon: Int) throws(BanditError) -> Double {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard horizon >= 1 else {
            throw .invalidParameter(name: "exp3-ix.horizon", value: "\(horizon)", reason: "must be ≥ 1")
        }
        guard armCount > 1 else { return 1 }
        let k = Double(armCount)
        return (2 * Double.log(k) / (k * Double(horizon))).squareRoot()
    }

    private var totalWeight: Double {
        weights.withUnsafeBufferPointer { buffer in
            var sum = 0.0
            for value in buffer { sum += value }
            return sum
        }
    }

    public mutating func selectArm() -> Int {
        weights.withUnsafeBufferPointer { generator.nextIndex(weightedBy: $0) }
    }

    /// - Throws: as ``BanditPolicy/validate(arm:reward:)``, or
    ///   ``BanditError/invalidParameter(name:value:reason:)`` for a reward outside [0, 1]; the
    ///   policy is then unchanged.
    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        guard reward >= 0 && reward <= 1 else {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "Exp3-IX needs rewards in [0, 1]")
        }
        let total = totalWeight
        let probability = weights[arm] / total
        let loss = 1 - reward
        let estimate = loss / (probability + implicitExploration)
        var weight = weights[arm]
        // With γ = 0 an arm of probability 0 cannot have been drawn; its estimate is ∞ or 0/0.
        if estimate.isFinite {
            weight *= Double.exp(-learningRate * estimate)
        } else if loss > 0 {
            weight = 0
        }
        // If the only arm left with positive weight underflowed, every weight would be 0; the
        // others are 0 in every representable ratio, so the distribution stays the point mass.
        if weight == 0 && weights[arm] == total { return }
        let old = weights[arm]
        weights[arm] = weight
        EXP3.rescale(&weights, total: total - old + weight)
    }

    /// p_{t,i} = w_{t,i} / Σⱼ w_{t,j}.
    public func propensity(of arm: Int) -> Double {
        guard arm >= 0 && arm < armCount else { return 0 }
        return weights[arm] / totalWeight
    }
}
