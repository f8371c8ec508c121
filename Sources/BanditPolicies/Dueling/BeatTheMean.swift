import BanditCore
import RealModule

/// Beat-the-Mean, online version (Yue & Joachims 2011, "Beat the Mean Bandit", ICML,
/// Algorithm 2 "BTM (online)").
///
/// A working set W starts with all arms; each arm b keeps nᵦ (its duels as challenger) and wᵦ
/// (their wins), so P̂ᵦ = wᵦ/nᵦ estimates the probability that b beats an arm drawn uniformly
/// from W — "the mean bandit". Each round:
/// 1. b = argmin_{b ∈ W} nᵦ (ties at random), b′ uniform on W \ {b} (the reference
///    implementations exclude b itself: a self-duel says nothing), duel (b, b′), update nᵦ, wᵦ;
/// 2. with n* = min_{b∈W} nᵦ and c = c_{δ,γ}(n*) = 3γ²√(ln(1/δ)/n*), if
///    min P̂ + c ≤ max P̂ − c, the arm with the smallest P̂ leaves W and every remaining arm
///    forgets its duels against it (nᵦ, wᵦ lose those counts).
///
/// When one arm remains it is duelled against itself for the rest of the run. δ = 1/(2TK)
/// (the online algorithm's choice for horizon T), γ ≥ 1 the relaxed-stochastic-transitivity
/// constant (the paper's experiments: 1.2, the default).
public struct BeatTheMean: DuelingPolicy, Hashable, Codable {
    public let armCount: Int
    /// γ.
    public let gamma: Double
    /// T, which sets δ = 1/(2TK).
    public let horizon: Int
    /// 3γ²√(ln(1/δ)): c(n) is this over √n.
    let radiusNumerator: Double
    /// Membership of W and its size.
    public private(set) var active: [Bool]
    public private(set) var activeCount: Int
    /// Duels of b as challenger against b′, and b's wins among them, row-major [b * K + b′].
    var challengerDuels: [Double]
    var challengerWins: [Double]
    /// nᵦ and wᵦ restricted to the current W.
    public private(set) var comparisons: [Double]
    public private(set) var winCounts: [Double]
    var generator: Xoshiro256PlusPlus
    var scratch: [Int]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for K < 1, γ < 1 or not
    ///   finite, or T < 1.
    public init(armCount: Int, horizon: Int, gamma: Double = 1.2, seed: UInt64) throws(BanditError) {
        try validateArmCount(armCount)
        guard gamma.isFinite, gamma >= 1 else {
            throw .invalidParameter(name: "btm.gamma", value: "\(gamma)", reason: "must be finite and ≥ 1 (Yue & Joachims 2011, γ ≥ 1)")
        }
        guard horizon >= 1 else {
            throw .invalidParameter(name: "btm.horizon", value: "\(horizon)", reason: "must be ≥ 1")
        }
        self.armCount = armCount
        self.gamma = gamma
        self.horizon = horizon
        radiusNumerator = 3 * gamma * gamma * Double.log(2 * Double(horizon) * Double(armCount)).squareRoot()
        active = [Bool](repeating: true, count: armCount)
        activeCount = armCount
        challengerDuels = [Double](repeating: 0, count: armCount * armCount)
        challengerWins = [Double](repeating: 0, count: armCount * armCount)
        comparisons = [Double](repeating: 0, count: armCount)
        winCounts = [Double](repeating: 0, count: armCount)
        generator = Xoshiro256PlusPlus(seed: seed)
        scratch = []
        scratch.reserveCapacity(armCount)
    }

    /// P̂ᵦ, ½ before b's first duel.
    func estimate(_ b: Int) -> Double { comparisons[b] > 0 ? winCounts[b] / comparisons[b] : 0.5 }

    /// The arm BTM would name the winner: the largest P̂ in W (lowest index on ties).
    public var recommendation: Int {
        var best = -1
        for b in 0..<armCount where active[b] && (best < 0 || estimate(b) > estimate(best)) { best = b }
        return best
    }

    public mutating func selectPair() -> (Int, Int) {
        if activeCount == 1 { let b = recommendation; return (b, b) }
        var fewest = Double.infinity
        scratch.removeAll(keepingCapacity: true)
        for b in 0..<armCount where active[b] {
            if comparisons[b] < fewest { fewest = comparisons[b]; scratch.removeAll(keepingCapacity: true); scratch.append(b) }
            else if comparisons[b] == fewest { scratch.append(b) }
        }
        let challenger = pickUniformly(scratch, using: &generator)
        // b′ uniform on W \ {b}: the k-th active arm other than b.
        var rank = generator.nextIndex(below: activeCount - 1)
        for other in 0..<armCount where active[other] && other != challenger {
            if rank == 0 { return (challenger, other) }
            rank -= 1
        }
        preconditionFailure("W has at least two arms")
    }

    public mutating func update(first: Int, second: Int, firstWins: Bool) throws(BanditError) {
        try validate(first: first, second: second)
        // Exploitation (|W| = 1) and duels outside W teach BTM nothing.
        guard activeCount > 1, first != second, active[first], active[second] else { return }
        let cell = first * armCount + second
        challengerDuels[cell] += 1
        comparisons[first] += 1
        if firstWins { challengerWins[cell] += 1; winCounts[first] += 1 }
        var fewest = Double.infinity, lowest = Double.infinity, highest = -Double.infinity
        var worst = -1
        for b in 0..<armCount where active[b] {
            fewest = Swift.min(fewest, comparisons[b])
            let value = estimate(b)
            if value < lowest { lowest = value; worst = b }
            highest = Swift.max(highest, value)
        }
        guard fewest > 0 else { return }
        let radius = radiusNumerator / fewest.squareRoot()
        guard lowest + radius <= highest - radius else { return }
        active[worst] = false
        activeCount -= 1
        for b in 0..<armCount where active[b] {
            comparisons[b] -= challengerDuels[b * armCount + worst]
            winCounts[b] -= challengerWins[b * armCount + worst]
        }
    }
}
