import BanditCore
import RealModule

/// Relative Confidence Sampling, RCS (Zoghi, Whiteson, de Rijke & Munos 2014, "Relative
/// Confidence Sampling for Efficient On-line Ranker Evaluation", WSDM, Algorithm 1).
///
/// Each round t (t = duels recorded so far + 1), with W the win counts:
/// 1. A simulated tournament: θᵢⱼ ~ Beta(Wᵢⱼ + 1, Wⱼᵢ + 1) for i < j, θⱼᵢ = 1 − θᵢⱼ, θᵢᵢ = ½.
///    The champion c is the Condorcet winner of θ (θ_cj > ½ for all j ≠ c) if there is one,
///    else the arm chosen as champion least often so far (lowest index on ties); the count of
///    the chosen champion grows by one.
/// 2. The challenger d = argmaxⱼ u_jc with RUCB's bounds u = W/(W + Wᵀ) + √(α ln t/(W + Wᵀ))
///    (x/0 := 1, uᵢᵢ = ½), ties at random and d ≠ c on a tie.
///
/// α > ½; the paper's experiments use α = 0.501 (the default). The tournament needs only the
/// events θᵢⱼ > ½, drawn as one uniform each (see ``BetaHalfTails``).
public struct RCS: DuelingPolicy, Hashable, Codable {
    public var armCount: Int { wins.armCount }
    /// W.
    public private(set) var wins: DuelingWins
    var tails: BetaHalfTails
    /// α.
    public let alpha: Double
    /// How often each arm was the champion.
    public private(set) var championCounts: [Int]
    var generator: Xoshiro256PlusPlus
    var sampledWins: [Int]
    var ties: [Int]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if K < 1 or α is not
    ///   finite or not > ½.
    public init(armCount: Int, alpha: Double = 0.501, seed: UInt64) throws(BanditError) {
        try validateArmCount(armCount)
        try validateConfidenceAlpha(alpha, name: "rcs.alpha", source: "Zoghi et al. 2014, WSDM")
        wins = DuelingWins(armCount: armCount)
        tails = BetaHalfTails(armCount: armCount)
        self.alpha = alpha
        championCounts = [Int](repeating: 0, count: armCount)
        generator = Xoshiro256PlusPlus(seed: seed)
        sampledWins = [Int](repeating: 0, count: armCount)
        ties = []
        ties.reserveCapacity(armCount)
    }

    public mutating func selectPair() -> (Int, Int) {
        let count = armCount
        for i in 0..<count { sampledWins[i] = 0 }
        for i in 0..<count {
            for j in (i + 1)..<count {
                if generator.nextUniform() >= tails.probabilityAtMostHalf(i, j) { sampledWins[i] += 1 } else { sampledWins[j] += 1 }
            }
        }
        var champion = -1
        for i in 0..<count where sampledWins[i] == count - 1 { champion = i }
        if champion < 0 {
            champion = 0
            for i in 1..<count where championCounts[i] < championCounts[champion] { champion = i }
        }
        championCounts[champion] += 1
        let scale = wins.confidenceScale(alpha: alpha)
        var best = -Double.infinity
        ties.removeAll(keepingCapacity: true)
        for j in 0..<count {
            let value = wins.upper(j, champion, scale: scale)
            if value > best { best = value; ties.removeAll(keepingCapacity: true); ties.append(j) }
            else if value == best { ties.append(j) }
        }
        if ties.count > 1, let own = ties.firstIndex(of: champion) { ties.remove(at: own) }
        return (champion, pickUniformly(ties, using: &generator))
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        wins.record(first: first, second: second, firstWins: firstWins)
        tails.refresh(first, second, wins: wins)
    }
}
