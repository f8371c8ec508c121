/// A reward distribution with a density, whose cumulative distribution function is known.
///
/// The CDF is what goodness-of-fit tests check samplers against, and what quantile-based
/// policies (Bayes-UCB) and lower bounds build on; the implementations go through
/// ``SpecialFunctions`` so that they stay accurate in the tails.
public protocol ContinuousRewardDistribution: RewardDistribution {
    /// Pr(X ≤ x): 0 below the support, 1 above it, non-decreasing.
    func cdf(_ x: Double) -> Double
}
