import BanditCore
import RealModule

/// KL-UCB (Garivier & Cappé 2011, "The KL-UCB Algorithm for Bounded Stochastic Bandits and
/// Beyond", COLT, Algorithm 1; Cappé, Garivier, Maillard, Munos & Stoltz 2013, Annals of
/// Statistics 41(3), eq. (4) for other exponential families).
///
/// Pull each arm once; then pull the arm maximising
/// Uⱼ(t) = max{q ≥ μ̂ⱼ : Nⱼ(t)·d(μ̂ⱼ, q) ≤ ln t + c·ln ln t},
/// where t is the number of rewards recorded so far and d is the divergence of the assumed
/// reward family (``KLDivergence``: Bernoulli, Gaussian with known σ², Poisson, exponential).
/// Theorem 1 of Garivier & Cappé needs c = 3 for its finite-time bound; their experiments (§6)
/// use c = 0, the default here.
///
/// Choices where the paper leaves room: ln ln t is taken as max(0, ln ln t) so the level never
/// decreases in the first rounds (t < e); ties go to the lowest arm; rewards outside the
/// family's support (e.g. outside [0, 1] for Bernoulli) are rejected with
/// ``BanditError/invalidParameter(name:value:reason:)`` named `kl-ucb.reward`. Indices are
/// computed lazily (``KLIndexCache``): the decisions are those of the plain algorithm.
public struct KLUCB: BanditPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics
    /// The divergence d of the reward family.
    public var divergence: KLDivergence { cache.divergence }
    /// c, the weight of ln ln t in the exploration level (0 in the paper's experiments).
    public let logLogScale: Double
    /// Whether the level is ln(t/Nⱼ) + c·ln ln t (KL-UCB+, see ``KLUCBPlus``) instead of ln t + c·ln ln t.
    public let dividesByCount: Bool
    /// The catalog name used in error messages (`kl-ucb` or `kl-ucb-plus`).
    let policyName: String
    var cache: KLIndexCache

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1`, `c` is
    ///   negative or not finite, or a Gaussian variance is not finite and > 0.
    public init(armCount: Int, divergence: KLDivergence = .bernoulli, logLogScale: Double = 0) throws(BanditError) {
        try self.init(armCount: armCount, divergence: divergence, logLogScale: logLogScale, dividesByCount: false, policyName: "kl-ucb")
    }

    /// Shared by KL-UCB and KL-UCB+, which differ only in the exploration level.
    init(
        armCount: Int, divergence: KLDivergence, logLogScale: Double, dividesByCount: Bool, policyName: String
    ) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard logLogScale.isFinite, logLogScale >= 0 else {
            throw .invalidParameter(name: "\(policyName).c", value: "\(logLogScale)", reason: "must be finite and ≥ 0")
        }
        try Self.validate(divergence, policy: policyName)
        statistics = ArmStatistics(armCount: armCount)
        self.logLogScale = logLogScale
        self.dividesByCount = dividesByCount
        self.policyName = policyName
        cache = KLIndexCache(armCount: armCount, divergence: divergence)
    }

    /// Checks a divergence's parameter (the Gaussian σ), naming it `policy.sigma`.
    static func validate(_ divergence: KLDivergence, policy: String) throws(BanditError) {
        if case .gaussian(let variance) = divergence, !(variance.isFinite && variance > 0) {
            throw .invalidParameter(
                name: "\(policy).sigma", value: "\(variance.squareRoot())", reason: "the noise standard deviation must be finite and > 0")
        }
    }

    /// ln t + c·max(0, ln ln t).
    @inline(__always)
    static func explorationLevel(rounds t: Int, logLogScale c: Double) -> Double {
        let logT = CountReciprocals.shared.logarithm(of: t)
        return c > 0 && logT > 1 ? logT + c * Double.log(logT) : logT
    }

    /// The current index of every arm (+∞ for an arm never pulled) — for inspection and tests;
    /// ``selectArm()`` does not call it.
    public func indices() -> [Double] {
        let level = Self.explorationLevel(rounds: statistics.totalCount, logLogScale: logLogScale)
        return (0..<armCount).map { arm in
            let n = statistics.count(of: arm)
            guard n > 0 else { return .infinity }
            let armLevel = dividesByCount ? max(0, level - Double.log(n)) : level
            return divergence.upperConfidenceBound(mean: statistics.mean(of: arm), count: n, level: armLevel)
        }
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        let level = Self.explorationLevel(rounds: statistics.totalCount, logLogScale: logLogScale)
        return cache.argmax(statistics: statistics, exploration: level, subtractsLogCount: dividesByCount)
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        guard divergence.supports(reward: reward) else {
            throw .invalidParameter(
                name: "\(policyName).reward", value: "\(reward)",
                reason: "rewards must be \(divergence.supportDescription) for the \(divergence.name) divergence")
        }
        statistics.record(arm: arm, reward: reward)
        cache.invalidate(arm)
    }
}
