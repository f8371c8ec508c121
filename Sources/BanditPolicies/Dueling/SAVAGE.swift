import BanditCore
import RealModule

/// SAVAGE, Sensitivity Analysis of VAriables for Generic Exploration, in its Condorcet form
/// (Urvoy, Clérot, Féraud & Naamane 2013, "Generic Exploration and K-armed Voting Bandits",
/// ICML, Algorithm 1 with the Condorcet independence test of §4.1).
///
/// The N = K(K−1)/2 pair preferences are the variables. A pair's Hoeffding interval after n
/// duels is μ̂ ± c(n), c(n) = √(ln(2NT/δ)/(2n)) (a union bound over N variables and T rounds).
/// An arm stays a Condorcet candidate while no arm beats it confidently (no j with
/// μ̂ᵢⱼ + c(nᵢⱼ) < ½); only pairs of two candidates can still decide the winner, so each round
/// duels the least-compared such pair (lowest indices on ties). With one candidate left, it is
/// duelled against itself for the rest of the run (explore-then-exploit, as in the
/// dueling-bandit experiments of Komiyama et al. 2015 and Zoghi et al. 2014, with δ = 1/T,
/// the default).
///
/// A duel changes only its own pair's interval, so each update tests that pair alone. The
/// last candidate is never removed (that could happen only on a failure of the bounds, or
/// with no Condorcet winner).
public struct SAVAGE: DuelingPolicy, Hashable, Codable {
    public var armCount: Int { wins.armCount }
    /// W.
    public private(set) var wins: DuelingWins
    /// T.
    public let horizon: Int
    /// δ, the failure probability.
    public let confidence: Double
    /// ln(2NT/δ)/2: c(n)² is this over n.
    let halfLogLevel: Double
    /// The Condorcet candidates and their number.
    public private(set) var candidates: [Bool]
    public private(set) var candidateCount: Int

    /// - Parameter delta: δ ∈ (0, 1); nil for 1/T.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for K < 1, T < 1 or δ
    ///   outside (0, 1).
    public init(armCount: Int, horizon: Int, delta: Double? = nil) throws(BanditError) {
        try validateArmCount(armCount)
        guard horizon >= 1 else {
            throw .invalidParameter(name: "savage.horizon", value: "\(horizon)", reason: "must be ≥ 1")
        }
        let delta = delta ?? 1 / Double(horizon)
        guard delta > 0, delta < 1 || (delta == 1 && horizon == 1) else {
            throw .invalidParameter(name: "savage.delta", value: "\(delta)", reason: "must lie in (0, 1)")
        }
        wins = DuelingWins(armCount: armCount)
        self.horizon = horizon
        confidence = delta
        let pairs = Double(armCount * (armCount - 1)) / 2
        halfLogLevel = Double.log(Swift.max(2 * pairs * Double(horizon) / delta, 1)) / 2
        candidates = [Bool](repeating: true, count: armCount)
        candidateCount = armCount
    }

    /// The remaining candidate once exploration ends; otherwise the lowest-indexed candidate.
    public var recommendation: Int { candidates.firstIndex(of: true)! }

    public mutating func selectPair() -> (Int, Int) {
        if candidateCount == 1 { let b = recommendation; return (b, b) }
        var best = (0, 0)
        var fewest = Double.infinity
        for i in 0..<armCount where candidates[i] {
            for j in (i + 1)..<armCount where candidates[j] {
                let n = wins.comparisons(i, j)
                if n < fewest { fewest = n; best = (i, j) }
            }
        }
        return best
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        wins.record(first: first, second: second, firstWins: firstWins)
        guard first != second else { return }
        let radius = (halfLogLevel / wins.comparisons(first, second)).squareRoot()
        let mean = wins.mean(first, second)
        if mean + radius < 0.5 { eliminate(first) }
        if 1 - mean + radius < 0.5 { eliminate(second) }
    }

    mutating func eliminate(_ arm: Int) {
        guard candidates[arm], candidateCount > 1 else { return }
        candidates[arm] = false
        candidateCount -= 1
    }
}
