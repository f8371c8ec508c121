import BanditCore
import RealModule

/// LUCB (Kalyanakrishnan, Tewari, Auer & Stone 2012, "PAC Subset Selection in Stochastic
/// Multi-armed Bandits", ICML, LUCB1 with m = 1) and KL-LUCB (Kaufmann & Kalyanakrishnan 2013,
/// "Information Complexity in Bandit Subset Selection", COLT): fixed-confidence best-arm
/// identification with a stopping rule.
///
/// After one sample of every arm, each round t computes confidence bounds Lₐ ≤ μ̂ₐ ≤ Uₐ, the
/// empirical leader hₜ = argmax μ̂ₐ and its strongest challenger lₜ = argmax_{a ≠ hₜ} Uₐ, and
/// stops as soon as U(lₜ) − L(hₜ) < ε, recommending hₜ; otherwise it samples both hₜ and lₜ.
/// The policy is (ε, δ)-PAC: with probability ≥ 1 − δ the recommendation is ε-good.
///
/// Bounds (``ConfidenceBounds``), with uₐ the samples of arm a and n the number of arms:
/// - `hoeffding` (LUCB1, Kalyanakrishnan et al. 2012, §3 and Theorem 6):
///   μ̂ₐ ± √(ln(k₁ n t⁴/δ) / (2uₐ)), k₁ = 5/4 — rewards in [0, 1];
/// - `kullbackLeibler` (KL-LUCB, Kaufmann & Kalyanakrishnan 2013, §3 and Theorem 2):
///   Uₐ = sup{q ≥ μ̂ₐ : uₐ d(μ̂ₐ, q) ≤ β(t, δ)}, Lₐ = inf{q ≤ μ̂ₐ : uₐ d(μ̂ₐ, q) ≤ β(t, δ)} with the
///   exploration rate β(t, δ) = ln(k₁ n t^α / δ), δ-PAC for α > 1 and k₁ > 1 + 1/(α − 1);
///   their experiments use α = 1.1, k₁ = 405.5 (the defaults here).
///
/// The leader's ties go to the lowest index. Memory and work per round are O(n).
public struct LUCB: PureExplorationPolicy, Hashable, Codable {
    /// Which confidence bounds the stopping rule uses.
    public enum ConfidenceBounds: Sendable, Hashable, Codable {
        /// Hoeffding bounds for rewards in [0, 1], exploration constant k₁ (LUCB1: 5/4).
        case hoeffding(k1: Double)
        /// KL bounds of a symmetric one-parameter family (Bernoulli, or Gaussian with known
        /// variance), rate β(t, δ) = ln(k₁ n t^α/δ).
        case kullbackLeibler(KLDivergence, alpha: Double, k1: Double)
    }

    public let armCount: Int
    /// δ, the allowed error probability.
    public let confidence: Double
    /// ε ≥ 0, the tolerance: stop when the answer is ε-good with probability ≥ 1 − δ.
    public let tolerance: Double
    /// The confidence bounds of the stopping rule.
    public let bounds: ConfidenceBounds
    var statistics: ArmStatistics
    /// The round t (1 after the initial sample of every arm).
    public private(set) var round = 0
    /// The round's two arms to sample: the leader hₜ and the challenger lₜ.
    struct Pair: Hashable, Codable {
        var leader: Int
        var challenger: Int
    }
    var pair: Pair?
    var pairPosition = 0
    var pendingArm: Int?
    var leader = 0
    /// Whether the stopping rule U(lₜ) − L(hₜ) < ε has fired.
    public private(set) var isStopped = false
    public private(set) var sampleCount = 0

    /// LUCB1 with Hoeffding bounds.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming `armCount` (≥ 2),
    ///   `delta` (in (0, 1)), `epsilon` (≥ 0) or `k1` (> 0).
    public init(armCount: Int, confidence: Double, tolerance: Double = 0, k1: Double = 1.25) throws(BanditError) {
        guard k1.isFinite && k1 > 0 else { throw .invalidParameter(name: "k1", value: "\(k1)", reason: "must be > 0") }
        try self.init(armCount: armCount, confidence: confidence, tolerance: tolerance, bounds: .hoeffding(k1: k1))
    }

    /// LUCB with the given bounds.
    public init(armCount: Int, confidence: Double, tolerance: Double, bounds: ConfidenceBounds) throws(BanditError) {
        guard armCount >= 2 else { throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "best-arm identification needs ≥ 2 arms") }
        guard confidence > 0 && confidence < 1 else {
            throw .invalidParameter(name: "delta", value: "\(confidence)", reason: "must lie in (0, 1)")
        }
        guard tolerance.isFinite && tolerance >= 0 else {
            throw .invalidParameter(name: "epsilon", value: "\(tolerance)", reason: "must be finite and ≥ 0")
        }
        self.armCount = armCount
        self.confidence = confidence
        self.tolerance = tolerance
        self.bounds = bounds
        statistics = ArmStatistics(armCount: armCount)
    }

    public mutating func selectArm() -> Int {
        precondition(!isStopped, "LUCB: the stopping rule has fired")
        let arm: Int
        if let pair {
            arm = pairPosition == 0 ? pair.leader : pair.challenger
        } else {
            arm = sampleCount  // the initial sample of every arm, in order
        }
        pendingArm = arm
        return arm
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward, expected: pendingArm)
        if case .kullbackLeibler(let divergence, _, _) = bounds, !divergence.supports(reward: reward) {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "must be \(divergence.supportDescription) for \(divergence.name) KL bounds")
        }
        if case .hoeffding = bounds, !(0...1).contains(reward) {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "LUCB1's Hoeffding bounds need rewards in [0, 1]")
        }
        statistics.record(arm: arm, reward: reward)
        pendingArm = nil
        sampleCount += 1
        if let current = pair {
            if pairPosition == 0 && current.challenger != current.leader {
                pairPosition = 1
                return
            }
            nextRound()
        } else if sampleCount == armCount {
            nextRound()
        }
    }

    public func recommend() -> Int { sampleCount >= armCount ? leader : statistics.greedyArm }

    /// The confidence interval [Lₐ, Uₐ] of an arm at round t.
    public func confidenceInterval(arm: Int, round t: Int) -> (lower: Double, upper: Double) {
        let count = statistics.count(of: arm)
        let mean = statistics.mean(of: arm)
        let n = Double(armCount)
        switch bounds {
        case .hoeffding(let k1):
            let width = (Double.log(k1 * n * Double.pow(Double(t), 4) / confidence) / (2 * count)).squareRoot()
            return (mean - width, mean + width)
        case .kullbackLeibler(let divergence, let alpha, let k1):
            let rate = Self.explorationRate(armCount: armCount, round: t, confidence: confidence, alpha: alpha, k1: k1)
            let upper = divergence.upperConfidenceBound(mean: mean, count: count, level: rate)
            let lower: Double
            switch divergence {
            case .bernoulli: lower = 1 - divergence.upperConfidenceBound(mean: 1 - mean, count: count, level: rate)
            default: lower = 2 * mean - upper  // the Gaussian divergence is symmetric about the mean
            }
            return (lower, upper)
        }
    }

    /// β(t, δ) = ln(k₁ n t^α / δ) (Kaufmann & Kalyanakrishnan 2013, Theorem 2).
    public static func explorationRate(armCount n: Int, round t: Int, confidence: Double, alpha: Double, k1: Double) -> Double {
        Double.log(k1 * Double(n) / confidence) + alpha * Double.log(Double(t))
    }

    /// Starts round t + 1: leader, challenger, stopping rule.
    mutating func nextRound() {
        round += 1
        pairPosition = 0
        var best = 0
        for arm in 1..<armCount where statistics.mean(of: arm) > statistics.mean(of: best) { best = arm }
        leader = best
        var challenger = -1
        var challengerUpper = -Double.infinity
        for arm in 0..<armCount where arm != best {
            let upper = confidenceInterval(arm: arm, round: round).upper
            if challenger < 0 || upper > challengerUpper {
                challenger = arm
                challengerUpper = upper
            }
        }
        if challengerUpper - confidenceInterval(arm: best, round: round).lower < tolerance {
            isStopped = true
            pair = nil
            return
        }
        pair = Pair(leader: best, challenger: challenger)
    }
}
