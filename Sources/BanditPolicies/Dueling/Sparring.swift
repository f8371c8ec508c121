import BanditCore

/// Sparring (Ailon, Karnin & Joachims 2014, "Reducing Dueling Bandits to Cardinal Bandits",
/// ICML, Algorithm 2): two K-armed bandit players, each choosing one arm of the duel; the
/// winner's player gets reward 1 and the loser's 0.
///
/// With two adversarial players (EXP3) the paper bounds the dueling regret by the players'
/// regrets; with two UCB players it is the heuristic that performs best in the paper's
/// experiments. A self-duel is decided by the environment's fair coin, as any other duel.
/// Any ``BanditPolicy`` can be a player: ``ucb(armCount:alpha:)`` and
/// ``exp3(armCount:horizon:seeds:)`` build the two of the paper.
public struct Sparring<Player: BanditPolicy>: DuelingPolicy {
    /// The player choosing the first arm, and the one choosing the second.
    public private(set) var left: Player
    public private(set) var right: Player

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless both players have
    ///   the same number of arms.
    public init(left: Player, right: Player) throws(BanditError) {
        guard left.armCount == right.armCount else {
            throw .invalidParameter(name: "sparring.right", value: "\(right.armCount) arms", reason: "both players must play the same \(left.armCount) arms")
        }
        self.left = left
        self.right = right
    }

    public var armCount: Int { left.armCount }

    public mutating func selectPair() -> (Int, Int) { (left.selectArm(), right.selectArm()) }

    /// - Throws: as ``DuelingPolicy/validate(first:second:)``; a player's own rejection leaves
    ///   both players unchanged (the left one is restored).
    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        let previous = left
        try left.update(arm: first, reward: firstWins ? 1 : 0)
        do { try right.update(arm: second, reward: firstWins ? 0 : 1) } catch {
            left = previous
            throw error
        }
    }
}

extension Sparring: Equatable where Player: Equatable {}
extension Sparring: Hashable where Player: Hashable {}
extension Sparring: Codable where Player: Codable {}

extension Sparring where Player == UCB1 {
    /// Two UCB players with index x̄ⱼ + √(α ln n / nⱼ) — UCB1 with its width scaled by √(α/2).
    /// The Sparring experiments of Ailon et al. (2014) and Komiyama et al. (2015) use α = 2.5
    /// (the default).
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for K < 1 or α not finite
    ///   and > 0.
    public static func ucb(armCount: Int, alpha: Double = 2.5) throws(BanditError) -> Sparring<UCB1> {
        guard alpha.isFinite, alpha > 0 else {
            throw .invalidParameter(name: "sparring.alpha", value: "\(alpha)", reason: "must be finite and > 0")
        }
        let player = try UCB1(armCount: armCount, explorationScale: (alpha / 2).squareRoot())
        return try Sparring(left: player, right: player)
    }
}

extension Sparring where Player == EXP3 {
    /// Two Exp3 players with γ from Corollary 3.2 of Auer et al. (2002) for horizon T, each
    /// with its own random stream — the adversarial players of Ailon et al.'s (2014) Theorem 2.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for K < 1 or T < 1.
    public static func exp3(armCount: Int, horizon: Int, seeds: (UInt64, UInt64)) throws(BanditError) -> Sparring<EXP3> {
        try Sparring(
            left: try EXP3(armCount: armCount, horizon: horizon, seed: seeds.0),
            right: try EXP3(armCount: armCount, horizon: horizon, seed: seeds.1))
    }
}

extension Sparring: DecodedStateValidating where Player: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("left", left)
        try check.validate("right", right)
        try check.require(left.armCount == right.armCount, "right", "\(right.armCount) arms, the left player has \(left.armCount)")
    }
}
