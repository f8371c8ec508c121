import BanditCore
import RealModule

/// Relative Minimum Empirical Divergence, RMED1 (Komiyama, Honda, Kashima & Nakagawa 2015,
/// "Regret Lower Bound and Optimal Algorithm in Dueling Bandit Problem", COLT, Algorithm 1
/// with the second-arm rule of Algorithm 2).
///
/// Initial phase: every pair i < j is drawn once (L = 1), in lexicographic order. Then the loop
/// of ``RMEDState`` (Oᵢ, Jᵢ, Î*, L_C, L_R, L_N): for each arm l of L_C, draw (l, m) with
/// m = Î* if Î* ∈ O_l or O_l = ∅, else m = argmin_{j≠l} μ̂_lj (ties at random). The paper's
/// f(K) = 0.3·K^1.01 is the default.
///
/// t counts every duel recorded. The loop bookkeeping advances on each ``update(first:second:firstWins:)``
/// in the main phase, whatever pair was reported, so drive the policy with the pairs it selects.
/// Self-duels (m = l = Î*, exploitation) leave the win counts unchanged.
public struct RMED1: DuelingPolicy, Hashable, Codable {
    var state: RMEDState

    public var armCount: Int { state.armCount }
    /// W.
    public var wins: DuelingWins { state.wins }
    /// f(K), added to ln t in the candidate test.
    public var offset: Double { state.offset }
    /// Jᵢ, kept up to date incrementally (a duel changes J of its two arms only).
    public var divergences: [Double] { state.divergences }
    /// L_C in loop order.
    var currentLoop: [Int] { state.currentLoop }

    /// The paper's f(K) = 0.3·K^1.01.
    public static func defaultOffset(armCount: Int) -> Double { RMEDState.defaultOffset(armCount: armCount) }

    /// - Parameter offset: f(K) ≥ 0; nil for the paper's 0.3·K^1.01.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1` or f(K)
    ///   is negative or not finite.
    public init(armCount: Int, offset: Double? = nil, seed: UInt64) throws(BanditError) {
        let offset = try RMEDState.validatedOffset(offset, armCount: armCount, name: "rmed1.f")
        state = RMEDState(armCount: armCount, offset: offset, seed: seed)
    }

    /// K(K−1)/2, the length of the initial phase.
    public var initialPhaseLength: Int { armCount * (armCount - 1) / 2 }

    public mutating func selectPair() -> (Int, Int) {
        if state.wins.duels < initialPhaseLength { return state.lexicographicPair(state.wins.duels) }
        let l = state.currentArm
        return (l, secondArm(for: l))
    }

    /// Algorithm 2 of the paper.
    mutating func secondArm(for l: Int) -> Int {
        let best = state.leader()
        if state.isOpponent(best, of: l) || !state.hasOpponent(l) { return best }
        return state.strongestOpponent(of: l)
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        let inMainPhase = state.wins.duels >= initialPhaseLength
        state.record(first: first, second: second, firstWins: firstWins)
        if inMainPhase { state.advanceLoop() }
    }
}
