/// A policy for the K-armed dueling bandit: each round it picks two arms, observes only which
/// of the two won, and learns from that preference (Yue et al. 2012; survey: Bengs,
/// Busa-Fekete, El Mesaoudi-Paul & Hüllermeier, JMLR 22, 2021).
///
/// The interaction is: ``selectPair()``, the environment plays the duel, then
/// ``update(first:second:firstWins:)``. As for ``BanditPolicy``, policies are value types that
/// own all their state, random generator included.
public protocol DuelingPolicy: Sendable {
    /// The number of arms K; arms are `0..<armCount`.
    var armCount: Int { get }

    /// Chooses the next duel. The two arms may be equal: duelling an arm against itself is how
    /// a dueling policy exploits (it then pays no regret when the arm is the winner).
    mutating func selectPair() -> (Int, Int)

    /// Records that `first` beat `second` (`firstWins`) or lost to it.
    /// - Throws: ``BanditError/unknownArm(arm:armCount:)`` for an arm outside `0..<armCount`,
    ///   in which case the policy is unchanged.
    mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError)
}

extension DuelingPolicy {
    /// The check every `update(first:second:firstWins:)` starts with, so each policy rejects bad
    /// input the same way before touching its state.
    @inlinable @inline(__always)
    public func validate(first: Int, second: Int) throws(BanditError) {
        guard first >= 0 && first < armCount else { throw .unknownArm(arm: first, armCount: armCount) }
        guard second >= 0 && second < armCount else { throw .unknownArm(arm: second, armCount: armCount) }
    }
}
