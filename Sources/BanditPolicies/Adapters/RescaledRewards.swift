import BanditCore

/// How rewards on a user's scale are mapped onto the range a policy's model assumes.
///
/// A reward r becomes x = (r − `lower`) / `amplitude`, the convention of SMPyBandits' `lower` and
/// `amplitude`. When ``clipsToTarget`` is set, x is then clamped to ``target``; otherwise an x
/// outside ``target`` is rejected.
///
/// Clamping is what lets a policy built for bounded rewards (Beta–Bernoulli Thompson sampling,
/// Bernoulli KL-UCB, EXP3 …) run on unbounded arms such as Gaussians: it then learns the means of
/// the clamped rewards. For a location family (Gaussians of equal σ, say) the mean of
/// clamp((X − ℓ)/a) is strictly increasing in X's location, so the best arm stays the best and the
/// policy's guarantees for rewards in `target` apply to the transformed problem — with gaps that
/// shrink as more of the arms' mass is clamped, which is the price of a wrong range.
public struct RewardRescaling: Sendable, Hashable, Codable {
    /// ℓ, the reward mapped to the target's lower end.
    public let lower: Double
    /// a > 0, the reward span mapped onto a unit of the target.
    public let amplitude: Double
    /// The range the policy's model assumes, e.g. [0, 1].
    public let target: ClosedRange<Double>
    /// Whether rescaled rewards outside ``target`` are clamped into it (else rejected).
    public let clipsToTarget: Bool

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` when ℓ is not finite or a is
    ///   not finite and positive.
    public init(lower: Double = 0, amplitude: Double = 1, target: ClosedRange<Double> = 0...1, clipsToTarget: Bool = false) throws(BanditError) {
        guard lower.isFinite else { throw .invalidParameter(name: "lower", value: "\(lower)", reason: "must be finite") }
        guard amplitude.isFinite, amplitude > 0 else {
            throw .invalidParameter(name: "amplitude", value: "\(amplitude)", reason: "must be finite and > 0")
        }
        self.lower = lower
        self.amplitude = amplitude
        self.target = target
        self.clipsToTarget = clipsToTarget
    }

    /// Whether the mapping changes nothing: ℓ = 0, a = 1 and no clamping.
    public var isIdentity: Bool { lower == 0 && amplitude == 1 && !clipsToTarget }

    /// The rewards that map into ``target`` without clamping: [ℓ + a·min, ℓ + a·max].
    public var acceptedRange: ClosedRange<Double> {
        (lower + amplitude * target.lowerBound)...(lower + amplitude * target.upperBound)
    }

    /// x = (r − ℓ)/a, clamped when ``clipsToTarget``; nil when it falls outside ``target``
    /// unclamped.
    @inlinable
    public func rescale(_ reward: Double) -> Double? {
        let x = (reward - lower) / amplitude
        if clipsToTarget { return Swift.min(Swift.max(x, target.lowerBound), target.upperBound) }
        return target.contains(x) ? x : nil
    }
}

/// A policy whose rewards pass through a ``RewardRescaling`` before it sees them.
///
/// Decisions, propensities and arm resets are the base policy's; only ``update(arm:reward:)``
/// differs. Bad input is checked against the reward as given, so errors name the value the
/// caller passed, and the base policy is unchanged when one is thrown.
public struct RescaledRewards<Base: BanditPolicy>: BanditPolicy {
    /// The wrapped policy, in its own reward scale.
    public var base: Base { wrapped }
    @usableFromInline var wrapped: Base
    /// The mapping applied to every reward.
    public let rescaling: RewardRescaling

    public init(_ base: Base, rescaling: RewardRescaling) {
        self.wrapped = base
        self.rescaling = rescaling
    }

    public var armCount: Int { base.armCount }

    @inlinable
    public mutating func selectArm() -> Int { wrapped.selectArm() }

    /// - Throws: ``BanditError/unknownArm(arm:armCount:)``, ``BanditError/nonFiniteReward(arm:value:)``,
    ///   or ``BanditError/invalidParameter(name:value:reason:)`` for a reward outside
    ///   ``RewardRescaling/acceptedRange`` when not clamping; the base policy's own errors.
    @inlinable
    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        guard let rescaled = rescaling.rescale(reward) else {
            let range = rescaling.acceptedRange
            throw .invalidParameter(
                name: "reward", value: "\(reward)",
                reason: "outside [\(range.lowerBound), \(range.upperBound)], the range lower=\(rescaling.lower), amplitude=\(rescaling.amplitude) maps onto the policy's [\(rescaling.target.lowerBound), \(rescaling.target.upperBound)]; widen it or clip")
        }
        try wrapped.update(arm: arm, reward: rescaled)
    }

    public mutating func resetArm(_ arm: Int) throws(BanditError) { try wrapped.resetArm(arm) }
}

extension RescaledRewards: PropensityReportingPolicy where Base: PropensityReportingPolicy {
    public func propensity(of arm: Int) -> Double { base.propensity(of: arm) }
}
