import BanditCore
import RealModule

/// ½-Tsallis-INF (Zimmert & Seldin 2021, "Tsallis-INF: An Optimal Algorithm for Stochastic and
/// Adversarial Bandits", JMLR 22(28); conference version AISTATS 2019): online mirror descent
/// (follow the regularised leader) with the α = ½ Tsallis entropy, optimal up to constants in
/// both the adversarial and the stochastic regime without knowing which one it faces.
///
/// Round t = 1, 2, … plays w_t = argmin_{w ∈ Δ} ⟨w, L̂_{t−1}⟩ + Ψ_t(w) with
/// Ψ_t(w) = −Σᵢ 4√wᵢ / η_t (the paper's Ψ_t differs by a term constant on the simplex), whose
/// solution is
///
///     w_{t,i} = 4 (η_t (L̂_{t−1,i} − x))⁻²,
///
/// with the normalisation constant x < minᵢ L̂_{t−1,i} chosen so that Σᵢ w_{t,i} = 1; x is found by
/// Newton's method (the paper's Algorithm 2): x ← x − (Σᵢ wᵢ − 1) / (η_t Σᵢ wᵢ^{3/2}). The pulled
/// arm's loss ℓ = 1 − r ∈ [0, 1] enters through one of the paper's two unbiased estimators
/// (``LossEstimator``): importance-weighted, ℓ̂_{t,i} = ℓ_{t,i} 1{I_t = i} / w_{t,i}, with
/// η_t = 2/√t; or reduced-variance (§3, eq. (6)), ℓ̂_{t,i} = (ℓ_{t,i} − B_{t,i}) 1{I_t = i} / w_{t,i}
/// + B_{t,i} with B_{t,i} = ½·1{w_{t,i} ≥ η_t²}, with η_t = 4/√t. With these learning rates
/// Theorem 1 bounds the pseudo-regret in every adversarial regime by 4√(KT) + 1, and the
/// stochastic regime gets O(Σ_{i: Δᵢ>0} ln T / Δᵢ).
///
/// Choices and numerics:
/// - Newton's method is started on the right of the root, where it converges monotonically
///   (Σᵢ wᵢ(x) is convex and increasing on x < min L̂): from the previous x when Σ wᵢ ≥ 1 there,
///   otherwise from one Newton step from it (which convexity puts right of the root), capped by
///   x = min L̂ − 2/η_t where the smallest term alone is 1. It stops when Σ wᵢ − 1 ≤ 10⁻¹³ or x
///   stops decreasing; the weights are then divided by their sum, so they are a probability
///   vector to rounding whatever the residual.
/// - L̂ and x are shifted after each update so that min L̂ = 0: only differences matter, and
///   they stay small numbers however long the run.
/// - t is the number of the round about to be played: rewards recorded so far plus one.
public struct TsallisINF: PropensityReportingPolicy, Hashable, Codable {
    /// How the pulled arm's loss becomes a loss estimate for every arm.
    public enum LossEstimator: String, Sendable, Hashable, Codable {
        /// ℓ̂ᵢ = ℓᵢ 1{I = i}/wᵢ; the paper's learning rate is η_t = 2/√t.
        case importanceWeighted
        /// ℓ̂ᵢ = (ℓᵢ − Bᵢ) 1{I = i}/wᵢ + Bᵢ, Bᵢ = ½·1{wᵢ ≥ η_t²}: smaller variance for arms
        /// played often; the paper's learning rate is η_t = 4/√t.
        case reducedVariance

        /// c in the paper's η_t = c/√t for this estimator (Theorem 1).
        public var defaultLearningRateScale: Double { self == .importanceWeighted ? 2 : 4 }
    }

    public let armCount: Int
    /// c in η_t = c/√t; ``LossEstimator/defaultLearningRateScale`` is the paper's choice.
    public let learningRateScale: Double
    /// The loss estimator.
    public let estimator: LossEstimator
    /// L̂ − min L̂: the cumulative loss estimates, shifted so the smallest is 0.
    public private(set) var cumulativeLosses: [Double]
    /// w_t, the distribution of the next selection.
    public private(set) var probabilities: [Double]
    /// x − min L̂, the normalisation constant for the current weights (negative).
    public private(set) var normalizer: Double
    /// Rewards recorded so far (t − 1 for the round about to be played).
    public private(set) var updateCount: Int
    /// The policy's own randomness.
    public private(set) var generator: Xoshiro256PlusPlus

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless `armCount ≥ 1` and
    ///   the learning-rate scale is finite and > 0.
    public init(
        armCount: Int, estimator: LossEstimator = .importanceWeighted, learningRateScale: Double? = nil, seed: UInt64
    ) throws(BanditError) {
        let learningRateScale = learningRateScale ?? estimator.defaultLearningRateScale
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard learningRateScale.isFinite, learningRateScale > 0 else {
            throw .invalidParameter(name: "tsallis-inf.scale", value: "\(learningRateScale)", reason: "must be finite and > 0")
        }
        self.armCount = armCount
        self.learningRateScale = learningRateScale
        self.estimator = estimator
        cumulativeLosses = [Double](repeating: 0, count: armCount)
        probabilities = [Double](repeating: 1 / Double(armCount), count: armCount)
        // Uniform weights: 4/(η₁ x)² = 1/K with η₁ = c.
        normalizer = -2 * Double(armCount).squareRoot() / learningRateScale
        updateCount = 0
        generator = Xoshiro256PlusPlus(seed: seed)
    }

    /// η_t = c/√t for the round about to be played.
    public var currentLearningRate: Double {
        learningRateScale * CountReciprocals.shared.reciprocals(of: Double(updateCount + 1)).inverseRoot
    }

    private var totalProbability: Double {
        probabilities.withUnsafeBufferPointer { buffer in
            var sum = 0.0
            for value in buffer { sum += value }
            return sum
        }
    }

    public mutating func selectArm() -> Int {
        probabilities.withUnsafeBufferPointer { generator.nextIndex(weightedBy: $0) }
    }

    /// - Throws: as ``BanditPolicy/validate(arm:reward:)``, or
    ///   ``BanditError/invalidParameter(name:value:reason:)`` for a reward outside [0, 1]; the
    ///   policy is then unchanged.
    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        guard reward >= 0 && reward <= 1 else {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "Tsallis-INF needs rewards in [0, 1]")
        }
        let probability = propensity(of: arm)
        let loss = 1 - reward
        switch estimator {
        case .importanceWeighted:
            if loss > 0 && probability > 0 { cumulativeLosses[arm] += loss / probability }
        case .reducedVariance:
            // B_{t,i} is decided by the weights the round was played with, against η_t².
            let eta = currentLearningRate
            let threshold = eta * eta
            let scale = 1 / totalProbability
            for i in 0..<armCount {
                let weight = probabilities[i] * scale
                let baseline = weight >= threshold ? 0.5 : 0
                cumulativeLosses[i] += i == arm ? (loss - baseline) / weight + baseline : baseline
            }
        }
        updateCount += 1
        let eta = currentLearningRate
        var x = normalizer
        cumulativeLosses.withUnsafeMutableBufferPointer { losses in
            var minimum = Double.infinity
            for value in losses where value < minimum { minimum = value }
            if minimum != 0 {
                for i in 0..<losses.count { losses[i] -= minimum }
                x -= minimum
            }
            x = Self.solveNormalizer(losses: UnsafeBufferPointer(losses), eta: eta, start: x)
        }
        normalizer = x
        let inverseEta = 1 / eta
        cumulativeLosses.withUnsafeBufferPointer { losses in
            probabilities.withUnsafeMutableBufferPointer { weights in
                var sum = 0.0
                for i in 0..<losses.count {
                    let root = 2 * inverseEta / (losses[i] - x)
                    weights[i] = root * root
                    sum += weights[i]
                }
                let scale = 1 / sum
                for i in 0..<weights.count { weights[i] *= scale }
            }
        }
    }

    /// w_{t,i} / Σⱼ w_{t,j}.
    public func propensity(of arm: Int) -> Double {
        guard arm >= 0 && arm < armCount else { return 0 }
        return probabilities[arm] / totalProbability
    }

    /// (Σᵢ wᵢ(x), d/dx Σᵢ wᵢ(x) = η Σᵢ wᵢ^{3/2}) with wᵢ = (2/(η(Lᵢ − x)))².
    @inline(__always)
    private static func evaluate(losses: UnsafeBufferPointer<Double>, eta: Double, x: Double) -> (sum: Double, slope: Double) {
        let twoOverEta = 2 / eta
        var sum = 0.0
        var cubes = 0.0
        for loss in losses {
            let root = twoOverEta / (loss - x)
            let square = root * root
            sum += square
            cubes += square * root
        }
        return (sum, eta * cubes)
    }

    /// The x < 0 = min L with Σᵢ 4(η(Lᵢ − x))⁻² = 1, by Newton's method from the right.
    static func solveNormalizer(losses: UnsafeBufferPointer<Double>, eta: Double, start: Double) -> Double {
        // At x = −2/η the smallest loss (0) alone contributes 1, so the root lies at or left of it.
        let rightEnd = -2 / eta
        var x = start < rightEnd ? start : rightEnd
        if x < rightEnd {
            let (sum, slope) = evaluate(losses: losses, eta: eta, x: x)
            if sum < 1 {
                // Left of the root: by convexity one Newton step lands right of it (or past the
                // pole, which the cap by the right end undoes).
                let step = x - (sum - 1) / slope
                x = step < rightEnd ? step : rightEnd
            }
        }
        for _ in 0..<100 {
            let (sum, slope) = evaluate(losses: losses, eta: eta, x: x)
            guard sum - 1 > 1e-13 else { break }
            let next = x - (sum - 1) / slope
            guard next < x else { break }
            x = next
        }
        return x
    }
}
