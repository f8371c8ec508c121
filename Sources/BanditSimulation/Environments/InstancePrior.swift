import BanditCore
import RealModule

/// A prior over K-armed instances: each repetition (and each replaced arm) draws fresh arms.
///
/// Averaging regret over instances drawn from a prior gives the *Bayes* regret that Bayesian
/// algorithms such as VarTS (Saha & Kveton 2024) are analysed under, and the Bernoulli-with-
/// Beta-means instances of Chapelle & Li (2011, Table 1).
public struct InstancePrior: Sendable, Hashable, CustomStringConvertible {
    /// The arms' reward family.
    public enum RewardKind: String, Sendable, Hashable {
        /// Bernoulli(μ) with μ drawn from `means` (which must have support in [0, 1]).
        case bernoulli
        /// Gaussian(μ, σ) with μ from `means` and σ from `standardDeviations`, or σ = 1/√λ with
        /// precision λ from `precisions` (the Normal–Gamma model of VarTS).
        case gaussian
        /// Beta(μc, (1 − μ)c) rewards on [0, 1] with μ from `means` and concentration c: the
        /// Beta-reward variant of the VarTS experiments (variance μ(1 − μ)/(c + 1)).
        case beta
    }

    /// K.
    public var armCount: Int
    /// The reward family of every arm.
    public var kind: RewardKind
    /// The distribution of each arm's mean.
    public var means: any RewardDistribution
    /// The distribution of each Gaussian arm's standard deviation, if given directly.
    public var standardDeviations: (any RewardDistribution)?
    /// The distribution of each Gaussian arm's precision 1/σ², if given instead.
    public var precisions: (any RewardDistribution)?
    /// The concentration c of Beta-reward arms.
    public var concentration: Double?

    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` for an impossible combination.
    public init(
        armCount: Int, kind: RewardKind, means: any RewardDistribution,
        standardDeviations: (any RewardDistribution)? = nil, precisions: (any RewardDistribution)? = nil,
        concentration: Double? = nil
    ) throws(BanditError) {
        guard armCount >= 1 else { throw .invalidScenario(field: "prior.arms", reason: "needs at least one arm") }
        guard kind == .beta || concentration == nil else {
            throw .invalidScenario(field: "prior.concentration", reason: "only Beta-reward arms take a concentration")
        }
        switch kind {
        case .beta:
            guard means.support.lowerBound >= 0, means.support.upperBound <= 1 else {
                throw .invalidScenario(field: "prior.mean", reason: "Beta-reward means need a distribution on [0, 1], e.g. beta(1, 1)")
            }
            guard let concentration, concentration.isFinite, concentration > 0 else {
                throw .invalidScenario(field: "prior.concentration", reason: "Beta-reward arms need a concentration c > 0")
            }
            guard standardDeviations == nil, precisions == nil else {
                throw .invalidScenario(field: "prior", reason: "Beta-reward arms take no sd or precision")
            }
        case .bernoulli:
            guard means.support.lowerBound >= 0, means.support.upperBound <= 1 else {
                throw .invalidScenario(field: "prior.mean", reason: "Bernoulli means need a distribution on [0, 1], e.g. beta(4, 4)")
            }
            guard standardDeviations == nil, precisions == nil else {
                throw .invalidScenario(field: "prior", reason: "Bernoulli arms take no sd or precision")
            }
        case .gaussian:
            guard (standardDeviations == nil) != (precisions == nil) else {
                throw .invalidScenario(field: "prior", reason: "Gaussian arms need exactly one of sd or precision")
            }
            for (field, distribution) in [("prior.sd", standardDeviations), ("prior.precision", precisions)] {
                if let distribution, distribution.support.lowerBound < 0 {
                    throw .invalidScenario(field: field, reason: "must be a distribution on positive values, e.g. gamma(2, 1)")
                }
            }
        }
        self.armCount = armCount
        self.kind = kind
        self.means = means
        self.standardDeviations = standardDeviations
        self.precisions = precisions
        self.concentration = concentration
    }

    /// Draws one arm. Degenerate draws (σ = 0 or ∞ from a precision of ∞ or 0) are redrawn,
    /// which conditions the prior on valid arms.
    public func drawArm<G: RandomNumberGenerator>(using generator: inout G) -> AnyRewardDistribution {
        while true {
            let mean = means.sample(using: &generator)
            switch kind {
            case .bernoulli:
                if let arm = try? Bernoulli(probability: min(max(mean, 0), 1)) { return AnyRewardDistribution(arm) }
            case .beta:
                let c = concentration!
                if mean > 0, mean < 1, let arm = try? Beta(alpha: mean * c, beta: (1 - mean) * c) { return AnyRewardDistribution(arm) }
            case .gaussian:
                let sd: Double
                if let standardDeviations { sd = standardDeviations.sample(using: &generator) } else {
                    sd = 1 / precisions!.sample(using: &generator).squareRoot()
                }
                if let arm = try? Gaussian(mean: mean, standardDeviation: sd) { return AnyRewardDistribution(arm) }
            }
        }
    }

    public var description: String {
        var text = "prior(arms=\(armCount), reward=\(kind.rawValue), mean=\(means)"
        if let standardDeviations { text += ", sd=\(standardDeviations)" }
        if let precisions { text += ", precision=\(precisions)" }
        if let concentration { text += ", concentration=\(Specification.format(concentration))" }
        return text + ")"
    }

    public static func == (lhs: InstancePrior, rhs: InstancePrior) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
