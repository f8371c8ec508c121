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
///
/// The algorithm is ``KLUCB`` with ``KLUCB/dividesByCount`` set; this type gives it its own name.
public struct KLUCBPlus: BanditPolicy, Hashable, Codable {
    /// The KL-UCB machinery, configured for the ln(t/Nⱼ) level.
    public private(set) var base: KLUCB

    public var armCount: Int { base.armCount }
    /// The per-arm estimates.
    public var statistics: ArmStatistics { base.statistics }
    /// The divergence d of the reward family.
    public var divergence: KLDivergence { base.divergence }
    /// c, the weight of ln ln t.
    public var logLogScale: Double { base.logLogScale }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1`, `c` is
    ///   negative or not finite, or a Gaussian variance is not finite and > 0.
    public init(armCount: Int, divergence: KLDivergence = .bernoulli, logLogScale: Double = 0) throws(BanditError) {
        base = try KLUCB(
            armCount: armCount, divergence: divergence, logLogScale: logLogScale, dividesByCount: true, policyName: "kl-ucb-plus")
    }

    /// The current index of every arm (+∞ for an arm never pulled).
    public func indices() -> [Double] { base.indices() }

    public mutating func selectArm() -> Int { base.selectArm() }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try base.update(arm: arm, reward: reward)
    }
}
