import BanditCore
import RealModule

/// KL-UCB+ (Garivier & Cappé 2011, "The KL-UCB Algorithm for Bounded Stochastic Bandits and
/// Beyond", COLT, §6, where it appears in the experiments; analysed by Kaufmann 2018, "On
/// Bayesian index policies for sequential resource allocation", Annals of Statistics 46(2)).
///
/// ``KLUCB`` with the exploration level divided by the arm's count inside the logarithm:
/// Uⱼ(t) = max{q ≥ μ̂ⱼ : Nⱼ(t)·d(μ̂ⱼ, q) ≤ ln(t/Nⱼ(t)) + c·ln ln t}.
/// Kaufmann's analysis carries the c·ln ln t term (c ≥ 0); the default c = 0 is the variant
/// Garivier & Cappé ran. Choices: the level is clipped at 0 (an arm with
/// ln Nⱼ ≥ ln t + c·ln ln t gets index μ̂ⱼ), ln ln t is max(0, ln ln t), ties go to the lowest arm, and
/// rewards outside the family's support are rejected (`kl-ucb-plus.reward`).
public struct KLUCBPlus: BanditPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics
    /// The divergence d of the reward family.
    public var divergence: KLDivergence { cache.divergence }
    /// c, the weight of ln ln t.
    public let logLogScale: Double
    var cache: KLIndexCache

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1`, `c` is
    ///   negative or not finite, or a Gaussian variance is not finite and > 0.
    public init(armCount: Int, divergence: KLDivergence = .bernoulli, logLogScale: Double = 0) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard logLogScale.isFinite, logLogScale >= 0 else {
            throw .invalidParameter(name: "kl-ucb-plus.c", value: "\(logLogScale)", reason: "must be finite and ≥ 0")
        }
        try KLUCB.validate(divergence, policy: "kl-ucb-plus")
        statistics = ArmStatistics(armCount: armCount)
        self.logLogScale = logLogScale
        cache = KLIndexCache(armCount: armCount, divergence: divergence)
    }

    /// The current index of every arm (+∞ for an arm never pulled).
    public func indices() -> [Double] {
        let level = KLUCB.explorationLevel(rounds: statistics.totalCount, logLogScale: logLogScale)
        return (0..<armCount).map { arm in
            let n = statistics.count(of: arm)
            return n == 0
                ? .infinity
                : divergence.upperConfidenceBound(
                    mean: statistics.mean(of: arm), count: n, level: max(0, level - Double.log(n)))
        }
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        let level = KLUCB.explorationLevel(rounds: statistics.totalCount, logLogScale: logLogScale)
        return cache.argmax(statistics: statistics, exploration: level, subtractsLogCount: true)
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        guard divergence.supports(reward: reward) else {
            throw .invalidParameter(
                name: "kl-ucb-plus.reward", value: "\(reward)",
                reason: "rewards must be \(divergence.supportDescription) for the \(divergence.name) divergence")
        }
        statistics.record(arm: arm, reward: reward)
        cache.invalidate(arm)
    }
}
