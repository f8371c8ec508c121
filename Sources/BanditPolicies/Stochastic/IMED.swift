import BanditCore
import RealModule

/// IMED, Indexed Minimum Empirical Divergence (Honda & Takemura 2015, "Non-asymptotic analysis
/// of a new bandit algorithm for semi-bounded rewards", JMLR 16: the IMED index of its
/// algorithm definition).
///
/// Pull each arm once; then pull the arm minimising
/// Iⱼ = Nⱼ·D(μ̂ⱼ, μ̂*) + ln Nⱼ, with μ̂* = maxₖ μ̂ₖ,
/// where D is the divergence of the reward model. Honda & Takemura define D as the minimum
/// empirical divergence D_inf of their nonparametric model; for a one-parameter exponential
/// family (Bernoulli, Gaussian with known σ², as in their discussion of the model-based case)
/// D_inf reduces to the KL divergence d(μ̂ⱼ, μ̂*) of ``KLDivergence``, which is what this type
/// uses (Poisson and exponential are accepted likewise). Choices: a divergence of +∞ (e.g.
/// Bernoulli μ̂* = 1 and μ̂ⱼ < 1) is kept infinite, so such an arm waits until μ̂* drops below 1;
/// ties go to the lowest arm; rewards outside the family's support are rejected (`imed.reward`).
public struct IMED: BanditPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics
    /// The divergence of the reward model.
    public let divergence: KLDivergence

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1` or a
    ///   Gaussian variance is not finite and > 0.
    public init(armCount: Int, divergence: KLDivergence = .bernoulli) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        try KLUCB.validate(divergence, policy: "imed")
        statistics = ArmStatistics(armCount: armCount)
        self.divergence = divergence
    }

    /// The current IMED index of every arm (−∞ for an arm never pulled).
    public func indices() -> [Double] {
        let best = statistics.means.max()!
        return (0..<armCount).map { arm in
            let n = statistics.count(of: arm)
            return n == 0 ? -.infinity : n * divergence.divergence(statistics.mean(of: arm), best) + Double.log(n)
        }
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        let divergence = divergence
        let reciprocals = CountReciprocals.shared
        return statistics.withColumns { counts, means, _, _ in
            var leader = means[0]
            for arm in 1..<means.count where means[arm] > leader { leader = means[arm] }
            var best = 0
            var bestValue = Double.infinity
            for arm in 0..<means.count {
                let n = counts[arm]
                let logCount = reciprocals.logarithm(of: Int(n))
                // The leader's divergence is 0; skip the logarithms.
                let value = means[arm] == leader ? logCount : n * divergence.divergence(means[arm], leader) + logCount
                if value < bestValue || (arm == 0 && value == bestValue) {
                    bestValue = value
                    best = arm
                }
            }
            return best
        }
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        guard divergence.supports(reward: reward) else {
            throw .invalidParameter(
                name: "imed.reward", value: "\(reward)",
                reason: "rewards must be \(divergence.supportDescription) for the \(divergence.name) divergence")
        }
        statistics.record(arm: arm, reward: reward)
    }
}
