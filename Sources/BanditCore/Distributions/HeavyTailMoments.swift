import RealModule

/// A reward distribution that can state the moment bounds heavy-tailed bandit policies are
/// configured with: for an order p = 1 + ε, a u with E|X|^p ≤ u (the raw moment of Bubeck,
/// Cesa-Bianchi & Lugosi 2013, Lemma 1, and of CRTM) and a v with E|X − E X|^p ≤ v (the
/// centred moment of median of means and Catoni's estimator, Lemmas 2–3, and of MENU/CRMM).
///
/// Values are exact where a closed form exists and otherwise the documented upper bound;
/// `nil` means the moment is infinite (p at or beyond the tail index). Bounds used:
/// - |a + b|^p ≤ 2^{p−1}(|a|^p + |b|^p) for p ≥ 1 (convexity), to move between raw and centred;
/// - for Y ≥ 0 with mean m, E|Y − m|^p ≤ E[max(Y, m)^p] ≤ E Y^p + m^p.
public protocol HeavyTailMoments: RewardDistribution {
    /// An upper bound on E|X|^p (exact where stated), or `nil` if the moment is infinite.
    /// - Precondition: p ≥ 1.
    func rawMomentBound(order p: Double) -> Double?
    /// An upper bound on E|X − E X|^p (exact where stated), or `nil` if the moment is infinite.
    /// - Precondition: p ≥ 1.
    func centralMomentBound(order p: Double) -> Double?
}

/// Helpers shared by the conformances.
enum MomentBounds {
    /// 2^{p−1}(a + |shift|^p): the convexity bound for E|Y + shift|^p given E|Y|^p ≤ a.
    static func shifted(_ a: Double, by shift: Double, order p: Double) -> Double {
        Double.exp2(p - 1) * (a + Double.pow(abs(shift), p))
    }

    /// The bounds of a non-negative Y = X − location with E Y^p = `yMoment` and mean `yMean`.
    static func nonNegative(yMoment: Double?, yMean: Double, location: Double, order p: Double) -> (raw: Double?, central: Double?) {
        guard let yMoment, yMoment.isFinite else { return (nil, nil) }
        let raw = location == 0 ? yMoment : shifted(yMoment, by: location, order: p)
        return (raw, yMoment + Double.pow(yMean, p))
    }
}

extension StudentT: HeavyTailMoments {
    /// Centred, exact for p < ν: E|X − μ|^p = s^p ν^{p/2} Γ((p+1)/2) Γ((ν−p)/2) / (√π Γ(ν/2)).
    public func centralMomentBound(order p: Double) -> Double? {
        precondition(p >= 1, "moment order below 1")
        guard p < degreesOfFreedom else { return nil }
        let nu = degreesOfFreedom
        let logValue = p * Double.log(scale) + 0.5 * p * Double.log(nu) + Double.logGamma((p + 1) / 2)
            + Double.logGamma((nu - p) / 2) - 0.5 * Double.log(Double.pi) - Double.logGamma(nu / 2)
        let value = Double.exp(logValue)
        return value.isFinite ? value : nil
    }
    /// Raw: the centred moment itself when μ = 0, else the convexity bound.
    public func rawMomentBound(order p: Double) -> Double? {
        guard let central = centralMomentBound(order: p) else { return nil }
        return location == 0 ? central : MomentBounds.shifted(central, by: location, order: p)
    }
}

extension Lomax: HeavyTailMoments {
    /// E Y^p = σ^p Γ(p+1) Γ(α−p) / Γ(α) for Y = X − μ and p < α (exact), shifted by μ.
    func locationFreeMoment(_ p: Double) -> Double? {
        guard p < shape else { return nil }
        let value = Double.exp(p * Double.log(scale) + Double.logGamma(p + 1) + Double.logGamma(shape - p) - Double.logGamma(shape))
        return value.isFinite ? value : nil
    }
    public func rawMomentBound(order p: Double) -> Double? {
        precondition(p >= 1, "moment order below 1")
        return MomentBounds.nonNegative(yMoment: locationFreeMoment(p), yMean: scale / (shape - 1), location: location, order: p).raw
    }
    public func centralMomentBound(order p: Double) -> Double? {
        precondition(p >= 1, "moment order below 1")
        return MomentBounds.nonNegative(yMoment: locationFreeMoment(p), yMean: scale / (shape - 1), location: location, order: p).central
    }
}

extension Frechet: HeavyTailMoments {
    /// E(X − m)^p = s^p Γ(1 − p/α) for p < α (exact), shifted by m.
    func locationFreeMoment(_ p: Double) -> Double? {
        guard p < shape else { return nil }
        let value = Double.exp(p * Double.log(scale) + Double.logGamma(1 - p / shape))
        return value.isFinite ? value : nil
    }
    public func rawMomentBound(order p: Double) -> Double? {
        precondition(p >= 1, "moment order below 1")
        return MomentBounds.nonNegative(yMoment: locationFreeMoment(p), yMean: mean - location, location: location, order: p).raw
    }
    public func centralMomentBound(order p: Double) -> Double? {
        precondition(p >= 1, "moment order below 1")
        return MomentBounds.nonNegative(yMoment: locationFreeMoment(p), yMean: mean - location, location: location, order: p).central
    }
}

extension LogNormal: HeavyTailMoments {
    /// E(X − m)^p = exp(pμ + p²σ²/2) (exact; X − m > 0), shifted by m.
    public func rawMomentBound(order p: Double) -> Double? {
        precondition(p >= 1, "moment order below 1")
        let value = Double.exp(p * mu + 0.5 * p * p * sigma * sigma)
        guard value.isFinite else { return nil }
        return MomentBounds.nonNegative(yMoment: value, yMean: mean - location, location: location, order: p).raw
    }
    /// E|X − E X|^p ≤ E(X − m)^p + (E X − m)^p (X − m ≥ 0).
    public func centralMomentBound(order p: Double) -> Double? {
        precondition(p >= 1, "moment order below 1")
        let value = Double.exp(p * mu + 0.5 * p * p * sigma * sigma)
        guard value.isFinite else { return nil }
        let bound = MomentBounds.nonNegative(yMoment: value, yMean: mean - location, location: location, order: p).central
        return bound.flatMap { $0.isFinite ? $0 : nil }
    }
}

extension Gaussian: HeavyTailMoments {
    /// E|X − μ|^p = σ^p 2^{p/2} Γ((p+1)/2)/√π (exact).
    public func centralMomentBound(order p: Double) -> Double? {
        precondition(p >= 1, "moment order below 1")
        return Double.exp(p * Double.log(standardDeviation) + 0.5 * p * Double.log(2) + Double.logGamma((p + 1) / 2) - 0.5 * Double.log(Double.pi))
    }
    public func rawMomentBound(order p: Double) -> Double? {
        guard let central = centralMomentBound(order: p) else { return nil }
        return mean == 0 ? central : MomentBounds.shifted(central, by: mean, order: p)
    }
}

extension AnyRewardDistribution {
    /// The base's bounds when it conforms to ``HeavyTailMoments``, else `nil` for both.
    public func momentBounds(order p: Double) -> (raw: Double?, central: Double?) {
        guard let base = base as? any HeavyTailMoments else { return (nil, nil) }
        return (base.rawMomentBound(order: p), base.centralMomentBound(order: p))
    }
}
