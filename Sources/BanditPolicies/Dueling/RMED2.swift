import BanditCore
import RealModule

/// RMED2 and RMED2FH (Komiyama, Honda, Kashima & Nakagawa 2015, "Regret Lower Bound and Optimal
/// Algorithm in Dueling Bandit Problem", COLT, Algorithms 3 and 4): RMED1's loop (see
/// ``RMEDState``) with a second arm chosen to reach the regret lower bound of Theorem 2.
///
/// RMED1 compares a losing arm l with the leader Î*; the lower bound says l is best refuted by
/// the arm b*(l) = argmin_{j : μₗⱼ < ½} (Δₗ + Δⱼ)/d(μₗⱼ, ½), which may not be the winner (on the
/// Cyclic instance it is the arm that beats l 0.9 to 0.1). RMED2 estimates it:
///
///     b̂(l) = argmin_{j : μ̂ₗⱼ < ½} max(μ̂_{Î*,l} + μ̂_{Î*,j} − 1, 0.01) / d(μ̂ₗⱼ, ½)
///
/// (Î* itself when no j qualifies; the floor 0.01 keeps an estimated zero gap from winning
/// outright, as in the authors' code, github.com/jkomiyama/duelingbanditlib), and draws (l, m):
/// 1. m = Î* if Î* ∈ O_l and N_{l,Î*} ≤ N_{l,b̂(l)} / ln ln t — enough duels against the leader
///    to keep Î* identified;
/// 2. else m = b̂(l) if b̂(l) ∈ O_l; else RMED1's rule (Î* if Î* ∈ O_l or O_l = ∅, else the arm
///    beating l the most).
///
/// Exploration: every pair is kept at Nᵢⱼ ≥ α ln ln t (the first pair short of it, in
/// lexicographic order, is drawn; such rounds do not advance the loop), after an initial phase
/// drawing each pair once. The paper's α = 3 is the default. ln ln t is taken as 0 for t ≤ e,
/// so the ratio test of rule 1 then holds.
///
/// RMED2FH (`horizon` given): the exploration level is α ln ln T, and b̂(l) is computed once, at
/// the first round after exploration, and kept fixed — the variant the paper's Theorem 4 proves
/// asymptotically optimal.
public struct RMED2: DuelingPolicy, Hashable, Codable {
    var state: RMEDState
    /// α, the exploration level α ln ln t.
    public let alpha: Double
    /// T for RMED2FH, nil for RMED2.
    public let horizon: Int?
    /// RMED2FH's fixed b̂(l), empty until computed.
    public private(set) var fixedComparisonArms: [Int] = []

    public var armCount: Int { state.armCount }
    /// W.
    public var wins: DuelingWins { state.wins }
    /// f(K).
    public var offset: Double { state.offset }
    /// Jᵢ.
    public var divergences: [Double] { state.divergences }

    /// - Parameters:
    ///   - alpha: α > 0 in the exploration level α ln ln t (the paper: 3).
    ///   - offset: f(K) ≥ 0; nil for the paper's 0.3·K^1.01.
    ///   - horizon: T ≥ 1 for RMED2FH; nil for RMED2.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming the bad parameter.
    public init(armCount: Int, alpha: Double = 3, offset: Double? = nil, horizon: Int? = nil, seed: UInt64) throws(BanditError) {
        let name = horizon == nil ? "rmed2" : "rmed2fh"
        let offset = try RMEDState.validatedOffset(offset, armCount: armCount, name: "\(name).f")
        guard alpha.isFinite, alpha > 0 else {
            throw .invalidParameter(name: "\(name).alpha", value: "\(alpha)", reason: "must be finite and > 0")
        }
        if let horizon, horizon < 1 {
            throw .invalidParameter(name: "\(name).horizon", value: "\(horizon)", reason: "must be ≥ 1")
        }
        state = RMEDState(armCount: armCount, offset: offset, seed: seed)
        self.alpha = alpha
        self.horizon = horizon
    }

    /// ln ln x, or 0 where that is not positive (x ≤ e).
    static func logLog(_ x: Double) -> Double { x > Double.exp(1) ? Double.log(Double.log(x)) : 0 }

    /// The exploration pair of the coming round, if one is due: the first pair (lexicographic)
    /// never compared, then the first with Nᵢⱼ < α ln ln t (α ln ln T for RMED2FH).
    func explorationPair() -> (Int, Int)? {
        let k = armCount
        let initial = k * (k - 1) / 2
        if state.wins.duels < initial { return state.lexicographicPair(state.wins.duels) }
        let level = alpha * Self.logLog(Double(horizon ?? (state.wins.duels + 1)))
        guard level > 1 else { return nil }
        for i in 0..<k {
            for j in (i + 1)..<k where state.wins.comparisons(i, j) < level { return (i, j) }
        }
        return nil
    }

    public mutating func selectPair() -> (Int, Int) {
        if let pair = explorationPair() { return pair }
        let l = state.currentArm
        let best = state.leader()
        let comparison: Int
        if horizon != nil {
            if fixedComparisonArms.isEmpty { fixedComparisonArms = (0..<armCount).map { estimatedComparisonArm(for: $0, leader: best) } }
            comparison = fixedComparisonArms[l]
        } else {
            comparison = estimatedComparisonArm(for: l, leader: best)
        }
        let leaderIsOpponent = state.isOpponent(best, of: l)
        let logLogT = Self.logLog(Double(state.wins.duels + 1))
        if leaderIsOpponent && state.wins.comparisons(l, best) * logLogT <= state.wins.comparisons(l, comparison) {
            return (l, best)
        }
        if state.isOpponent(comparison, of: l) { return (l, comparison) }
        if leaderIsOpponent || !state.hasOpponent(l) { return (l, best) }
        return (l, state.strongestOpponent(of: l))
    }

    /// b̂(l) for the leader Î*.
    func estimatedComparisonArm(for l: Int, leader: Int) -> Int {
        let k = armCount
        var best = leader
        var smallest = Double.infinity
        for j in 0..<k where state.wins.wins(of: l, over: j) < state.wins.wins(of: j, over: l) {
            let gaps = Swift.max(state.wins.mean(leader, l) + state.wins.mean(leader, j) - 1, 0.01)
            let value = gaps / state.pairDivergences[l * k + j]
            if value < smallest { smallest = value; best = j }
        }
        return best
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        let exploring = explorationPair() != nil
        state.record(first: first, second: second, firstWins: firstWins)
        if !exploring { state.advanceLoop() }
    }
}
