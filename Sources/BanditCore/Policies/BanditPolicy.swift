/// A policy for the stochastic (or adversarial) K-armed bandit with scalar rewards.
///
/// The interaction is: ``selectArm()``, observe a reward, ``update(arm:reward:)``. Policies are
/// value types that own all their state — random generator included — so copying one forks it
/// and encoding one snapshots it.
public protocol BanditPolicy: Sendable {
    /// The number of arms K; arms are `0..<armCount`.
    var armCount: Int { get }

    /// Chooses the arm to pull next. May consume the policy's own randomness.
    mutating func selectArm() -> Int

    /// Records the reward observed for `arm`.
    /// - Throws: ``BanditError/unknownArm(arm:armCount:)`` or
    ///   ``BanditError/nonFiniteReward(arm:value:)`` (or a policy-specific range error), in which
    ///   case the policy is unchanged.
    mutating func update(arm: Int, reward: Double) throws(BanditError)

    /// Forgets everything learnt about `arm`, as if it were a new arm (a new ad replacing an old
    /// one, as in Chapelle & Li 2011's dynamic experiment). Other arms are untouched.
    /// The default implementation throws: a policy opts in by implementing it.
    mutating func resetArm(_ arm: Int) throws(BanditError)
}

extension BanditPolicy {
    public mutating func resetArm(_ arm: Int) throws(BanditError) {
        throw .invalidParameter(name: "resetArm", value: "\(arm)", reason: "\(Self.self) does not support replacing an arm")
    }
}

extension BanditPolicy {
    /// The checks every `update(arm:reward:)` starts with, so each policy rejects bad input the
    /// same way before touching its state.
    @inlinable @inline(__always)
    public func validate(arm: Int, reward: Double) throws(BanditError) {
        // The error is built out of line, so the check stays small enough for the simulator's
        // specialised loop to inline the policy's whole update.
        if _slowPath(!(arm >= 0 && arm < armCount && reward.isFinite)) {
            try FeedbackRejection.reject(arm: arm, armCount: armCount, reward: reward)
        }
    }
}

/// The errors for feedback that ``BanditPolicy/validate(arm:reward:)`` refuses.
@usableFromInline
enum FeedbackRejection {
    @usableFromInline @inline(never)
    static func reject(arm: Int, armCount: Int, reward: Double) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        throw .nonFiniteReward(arm: arm, value: reward)
    }
}

/// A policy that can say with what probability it picks each arm in its current state — what
/// off-policy evaluation needs to log with each decision.
public protocol PropensityReportingPolicy: BanditPolicy {
    /// The probability that the next ``BanditPolicy/selectArm()`` returns `arm`.
    func propensity(of arm: Int) -> Double
}
