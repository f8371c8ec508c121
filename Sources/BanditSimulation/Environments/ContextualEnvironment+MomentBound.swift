import BanditCore
import RealModule

extension ContextualEnvironment {
    /// sup |E[y | x]| over the contexts this environment can draw, when it is bounded: 1 for the
    /// logistic links (μ ∈ (0, 1)); ‖θ*‖₂ for the identity link with unit-norm contexts (sphere,
    /// positive-sphere) and a given θ* (Cauchy–Schwarz); otherwise `nil` (Gaussian or fixed
    /// Gaussian contexts, or θ* drawn per repetition, are unbounded).
    public var meanRewardBound: Double? {
        switch link {
        case .logistic, .logisticNoise: return 1
        case .identity:
            guard contexts == .sphere || contexts == .positiveSphere, case .given(let theta) = parameter else { return nil }
            return theta.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
    }

    /// The moment bounds of order p = 1 + ε the rewards satisfy, for configuring heavy-tailed
    /// policies (CRTM's raw u, CRMM's and MENU's centred v):
    /// - centred: the noise's E|η − Eη|^p (the environment centres the noise), from
    ///   ``HeavyTailMoments``; `nil` for the Bernoulli rewards of the logistic link, or a noise
    ///   law that does not report its moments or has none of order p;
    /// - raw: E|y|^p ≤ 2^{p−1}(M^p + E|η − Eη|^p) with M = ``meanRewardBound`` (convexity of
    ///   |·|^p), `nil` when either part is unknown.
    public func rewardMomentBounds(order p: Double) -> (raw: Double?, central: Double?) {
        guard link != .logistic, let central = noise.momentBounds(order: p).central, central.isFinite else { return (nil, nil) }
        guard let m = meanRewardBound else { return (nil, central) }
        let raw = Double.exp2(p - 1) * (Double.pow(m, p) + central)
        return (raw.isFinite ? raw : nil, central)
    }
}
