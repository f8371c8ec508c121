import BanditCore

/// For each ordered pair (i, j), Fᵢⱼ(½) = Pr(θᵢⱼ ≤ ½) for the posterior θᵢⱼ ~ Beta(Wᵢⱼ + 1, Wⱼᵢ + 1)
/// that RCS and D-TS sample (Zoghi et al. 2014 WSDM; Wu & Liu 2016).
///
/// Those algorithms mostly ask whether a sampled θᵢⱼ exceeds ½. That event is a Bernoulli
/// draw u ≥ Fᵢⱼ(½) for one uniform u, and when its value is needed, θᵢⱼ = Fᵢⱼ⁻¹(u) is the same
/// draw by inverse-transform sampling — the same distribution as sampling θ and comparing, at
/// one uniform per pair instead of two gamma variates. Fᵢⱼ(½) = I_½(Wᵢⱼ + 1, Wⱼᵢ + 1) changes
/// only for the duelled pair, so a duel costs one incomplete-beta evaluation and a self-duel
/// none. The events are exact up to the accuracy of I_½ (relative error below 10⁻¹², see
/// ``SpecialFunctions/regularizedIncompleteBeta(a:b:x:)``): an event's probability is off by at
/// most that much, as a gamma-ratio Beta sampler is off by its own rounding.
public struct BetaHalfTails: Sendable, Hashable, Codable {
    public let armCount: Int
    /// Fᵢⱼ(½) row-major; ½ for Beta(1, 1) and on the diagonal.
    public private(set) var belowHalf: [Double]

    public init(armCount: Int) {
        self.armCount = armCount
        belowHalf = [Double](repeating: 0.5, count: armCount * armCount)
    }

    /// Fᵢⱼ(½).
    @inlinable @inline(__always)
    public func probabilityAtMostHalf(_ i: Int, _ j: Int) -> Double { belowHalf[i * armCount + j] }

    /// Recomputes the pair (i, j) from the win counts after a duel between them.
    public mutating func refresh(_ i: Int, _ j: Int, wins: DuelingWins) {
        guard i != j else { return }
        let a = wins.wins(of: i, over: j) + 1, b = wins.wins(of: j, over: i) + 1
        // Both tails computed directly where each is small, so Fⱼᵢ(½) = 1 − Fᵢⱼ(½) keeps its
        // relative accuracy too.
        let (lower, upper) = SpecialFunctions.incompleteBetaRatios(a: a, b: b, x: 0.5, complement: 0.5)
        belowHalf[i * armCount + j] = lower
        belowHalf[j * armCount + i] = upper
    }

    /// θᵢⱼ = Fᵢⱼ⁻¹(u) for a uniform u: the sampled preference, by inverse transform.
    public func quantile(_ i: Int, _ j: Int, uniform u: Double, wins: DuelingWins) -> Double {
        SpecialFunctions.betaQuantile(u, a: wins.wins(of: i, over: j) + 1, b: wins.wins(of: j, over: i) + 1)
    }
}
