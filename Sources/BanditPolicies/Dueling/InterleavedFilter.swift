import BanditCore
import RealModule

/// Interleaved Filter 2, IF2 (Yue, Broder, Kleinberg & Joachims 2012, "The K-armed Dueling
/// Bandits Problem", J. Comput. Syst. Sci. 78(5), Algorithm 1 with the pruning of IF2).
///
/// A candidate b̂ (drawn uniformly at first) plays round robins against every arm of W
/// (the other arms still in play), one duel each, in ascending order. After each round robin,
/// with P̂_{b̂,b} the fraction of duels b̂ won against b and ĉ = √(4 ln(1/δ)/n) for n duels,
/// δ = 1/(TK²):
/// 1. every b with P̂_{b̂,b} − ĉ > ½ (confidently beaten) leaves W;
/// 2. if some b′ ∈ W has P̂_{b̂,b′} + ĉ < ½ (the first such in index order), the IF2 pruning
///    removes from W every b with P̂_{b̂,b} > ½, then b′ becomes the candidate, leaves W, and
///    the estimates restart (the new candidate has met none of W).
///
/// When W is empty, b̂ is duelled against itself for the rest of the run.
public struct InterleavedFilter: DuelingPolicy, Hashable, Codable {
    public let armCount: Int
    /// T, which sets δ = 1/(TK²).
    public let horizon: Int
    /// √(4 ln(1/δ)): ĉ is this over √n.
    let radiusNumerator: Double
    /// b̂.
    public private(set) var candidate: Int
    /// Membership of W (never containing b̂).
    public private(set) var challengers: [Bool]
    /// Wins of b̂ against b and duels between them since b̂ became the candidate.
    var candidateWins: [Double]
    var candidateDuels: [Double]
    /// The next arm of the current round robin (its index; `armCount` once the pass is done).
    var nextChallenger: Int

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for K < 1 or T < 1.
    public init(armCount: Int, horizon: Int, seed: UInt64) throws(BanditError) {
        try validateArmCount(armCount)
        guard horizon >= 1 else {
            throw .invalidParameter(name: "if.horizon", value: "\(horizon)", reason: "must be ≥ 1")
        }
        self.armCount = armCount
        self.horizon = horizon
        radiusNumerator = (4 * Double.log(Double(horizon) * Double(armCount * armCount))).squareRoot()
        var generator = Xoshiro256PlusPlus(seed: seed)
        candidate = generator.nextIndex(below: armCount)
        challengers = [Bool](repeating: true, count: armCount)
        challengers[candidate] = false
        candidateWins = [Double](repeating: 0, count: armCount)
        candidateDuels = [Double](repeating: 0, count: armCount)
        nextChallenger = 0
        nextChallenger = firstChallenger(from: 0)
    }

    /// The first arm of W at or after `start`, or `armCount`.
    func firstChallenger(from start: Int) -> Int {
        var b = start
        while b < armCount && !challengers[b] { b += 1 }
        return b
    }

    public mutating func selectPair() -> (Int, Int) {
        nextChallenger < armCount ? (candidate, nextChallenger) : (candidate, candidate)
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        guard nextChallenger < armCount, first == candidate, second == nextChallenger else { return }
        candidateDuels[second] += 1
        if firstWins { candidateWins[second] += 1 }
        nextChallenger = firstChallenger(from: nextChallenger + 1)
        if nextChallenger == armCount { endRoundRobin() }
    }

    /// The eliminations after a full round robin.
    mutating func endRoundRobin() {
        func estimate(_ b: Int) -> Double { candidateWins[b] / candidateDuels[b] }
        func radius(_ b: Int) -> Double { radiusNumerator / candidateDuels[b].squareRoot() }
        for b in 0..<armCount where challengers[b] && estimate(b) - radius(b) > 0.5 { challengers[b] = false }
        if let better = (0..<armCount).first(where: { challengers[$0] && estimate($0) + radius($0) < 0.5 }) {
            for b in 0..<armCount where challengers[b] && estimate(b) > 0.5 { challengers[b] = false }
            challengers[better] = false
            candidate = better
            for b in 0..<armCount { candidateWins[b] = 0; candidateDuels[b] = 0 }
        }
        nextChallenger = firstChallenger(from: 0)
    }
}
