/// A distribution of rewards that an arm can have.
///
/// The protocol is all the simulator needs: conform a new type and pass it to an environment,
/// and it is simulated without any change to the simulator. ``DistributionCatalog`` maps names
/// such as `bernoulli(0.9)` to the built-in ones (and to user-registered ones).
public protocol RewardDistribution: Sendable, CustomStringConvertible {
    /// Draws one reward. Implementations must use only `generator` for randomness so that seeded
    /// runs are reproducible.
    func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double

    /// The expected reward (finite for every arm the simulator accepts).
    var mean: Double { get }

    /// The variance, or `nil` where it is infinite or undefined (e.g. Student-t with ν ≤ 2).
    var variance: Double? { get }

    /// The smallest closed interval that contains every possible reward (may be infinite).
    var support: ClosedRange<Double> { get }

    /// The specification that recreates this distribution, e.g. `bernoulli(p=0.9)`.
    var specification: Specification { get }
}

extension RewardDistribution {
    public var description: String { specification.description }
}

/// A type-erased reward distribution that keeps `Codable` specifications.
public struct AnyRewardDistribution: RewardDistribution {
    public let base: any RewardDistribution

    public init(_ base: any RewardDistribution) { self.base = base }

    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        base.sample(using: &generator)
    }
    public var mean: Double { base.mean }
    public var variance: Double? { base.variance }
    public var support: ClosedRange<Double> { base.support }
    public var specification: Specification { base.specification }
}
