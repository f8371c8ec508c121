/// A policy for pure exploration (best-arm identification): it samples arms only to learn, and
/// what counts is the arm it finally recommends (Bubeck, Munos & Stoltz 2009, "Pure Exploration
/// in Multi-armed Bandits Problems", ALT; Audibert, Bubeck & Munos 2010, COLT).
///
/// The interaction is: while not ``isStopped``, ``selectArm()``, observe a reward,
/// ``update(arm:reward:)``; then ``recommend()``.
/// - *Fixed budget* policies (Sequential Halving, Successive Rejects, uniform allocation) are
///   built for a budget T and stop after at most T samples; they are judged by the simple
///   regret μ* − μ(recommended) and by the probability that the recommendation is not ε-good.
/// - *Fixed confidence* policies (LUCB, KL-LUCB) are built for a risk δ and stop when their
///   stopping rule fires; their number of samples then is the sample complexity.
///
/// Updates are strictly sequential: each ``update(arm:reward:)`` answers the arm the last
/// ``selectArm()`` returned. As for ``BanditPolicy``, policies are value types that own all
/// their state, random generator included.
public protocol PureExplorationPolicy: Sendable {
    /// The number of arms n; arms are `0..<armCount`.
    var armCount: Int { get }

    /// The samples recorded so far.
    var sampleCount: Int { get }

    /// Whether the policy has finished: its budget is spent or its stopping rule fired. It then
    /// selects no more arms.
    var isStopped: Bool { get }

    /// The next arm to sample.
    /// - Precondition: `!isStopped`.
    mutating func selectArm() -> Int

    /// Records the reward of the arm the last ``selectArm()`` returned.
    /// - Throws: ``BanditError/unknownArm(arm:armCount:)``,
    ///   ``BanditError/nonFiniteReward(arm:value:)``, or
    ///   ``BanditError/invalidParameter(name:value:reason:)`` when `arm` is not the arm awaiting
    ///   a reward (or the policy has stopped); the policy is then unchanged.
    mutating func update(arm: Int, reward: Double) throws(BanditError)

    /// The arm recommended now: at the end of the budget or when stopped this is the policy's
    /// answer; earlier it is its current best guess.
    func recommend() -> Int
}

extension PureExplorationPolicy {
    /// The checks every `update(arm:reward:)` starts with: a known arm, a finite reward, and
    /// the arm the policy is waiting for (`expected`, or nil when it waits for none).
    @inlinable @inline(__always)
    public func validate(arm: Int, reward: Double, expected: Int?) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        guard reward.isFinite else { throw .nonFiniteReward(arm: arm, value: reward) }
        guard let expected else {
            throw .invalidParameter(name: "arm", value: "\(arm)", reason: "no sample is pending (the policy has stopped or selected no arm)")
        }
        guard arm == expected else {
            throw .invalidParameter(name: "arm", value: "\(arm)", reason: "the pending sample is for arm \(expected)")
        }
    }
}
