import BanditCore

/// The inverse link μ of a generalised linear reward model E[y | x] = μ(xᵀθ*), as used by the
/// heavy-tailed generalised linear bandits (Xue, Wang, Wan, Yi & Zhang 2023, "Efficient
/// Algorithms for Generalized Linear Bandits with Heavy-tailed Rewards", NeurIPS).
public enum GLMLink: String, Sendable, Hashable, Codable, CaseIterable {
    /// μ(z) = z: the linear bandit.
    case identity
    /// μ(z) = 1/(1 + e^{−z}).
    case logistic

    /// μ(z), without overflow for any finite z.
    @inlinable
    public func mean(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .logistic: return UCBGLM.logistic(z)
        }
    }

    /// A lower bound κ on μ'(z) over |z| ≤ `predictorBound` (the curvature the online Newton step
    /// needs; the usual κ of GLM bandits, Filippi et al. 2010): 1 for the identity link, μ(b)(1 − μ(b)) for the
    /// logistic link, whose derivative is smallest at the ends of the interval.
    public func curvatureLowerBound(predictorBound b: Double) -> Double {
        switch self {
        case .identity: return 1
        case .logistic:
            let p = UCBGLM.logistic(abs(b))
            return p * (1 - p)
        }
    }

    /// Parses `identity` or `logistic`.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming `field`.
    public init(parsing text: String, field: String) throws(BanditError) {
        guard let link = GLMLink(rawValue: text.lowercased()) else {
            throw .invalidParameter(name: field, value: text, reason: "expected identity or logistic")
        }
        self = link
    }
}
