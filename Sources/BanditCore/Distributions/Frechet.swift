import RealModule

/// The Fréchet distribution with tail index α, scale s and location m:
/// Pr(X ≤ x) = exp(−((x − m)/s)^{−α}) for x > m.
///
/// The law of maxima of heavy-tailed samples (extreme-value type II): polynomial right tail
/// Pr(X > x) ~ ((x − m)/s)^{−α}, so moments of order p exist exactly for p < α — the mean for
/// α > 1, the variance for α > 2. E(X − m)^p = s^p·Γ(1 − p/α), hence the mean
/// m + s·Γ(1 − 1/α) and the variance s²(Γ(1 − 2/α) − Γ(1 − 1/α)²); `location` shifts an arm to
/// any mean without changing its tail.
@frozen
public struct Frechet: ContinuousRewardDistribution, Hashable, Codable {
    /// The tail index α > 1.
    public let shape: Double
    /// The scale s > 0.
    public let scale: Double
    /// The location m, the infimum of the support.
    public let location: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless α > 1 (finite
    ///   mean), s > 0, m finite and the mean finite.
    public init(shape: Double, scale: Double = 1, location: Double = 0) throws(BanditError) {
        guard shape.isFinite, shape > 1 else {
            throw .invalidParameter(
                name: "frechet.shape", value: "\(shape)", reason: "must be finite and greater than 1 (the mean is infinite for α ≤ 1)")
        }
        guard scale.isFinite, scale > 0 else {
            throw .invalidParameter(name: "frechet.scale", value: "\(scale)", reason: "must be positive and finite")
        }
        guard location.isFinite else {
            throw .invalidParameter(name: "frechet.location", value: "\(location)", reason: "must be finite")
        }
        guard (location + scale * Double.gamma(1 - 1 / shape)).isFinite else {
            throw .invalidParameter(name: "frechet.scale", value: "\(scale)", reason: "the mean overflows")
        }
        self.shape = shape
        self.scale = scale
        self.location = location
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            shape: container.decode(Double.self, forKey: .shape), scale: container.decode(Double.self, forKey: .scale),
            location: container.decode(Double.self, forKey: .location))
    }

    /// Inversion: X = m + s·E^{−1/α} with E = −ln U standard exponential, since
    /// Pr(m + sE^{−1/α} ≤ x) = Pr(E ≥ ((x − m)/s)^{−α}) = exp(−((x − m)/s)^{−α}).
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        location + scale * Double.exp(-Double.log(generator.nextStandardExponential()) / shape)
    }

    /// m + s·Γ(1 − 1/α).
    public var mean: Double { location + scale * Double.gamma(1 - 1 / shape) }
    /// s²(Γ(1 − 2/α) − Γ(1 − 1/α)²) for α > 2; `nil` (infinite) for α ≤ 2.
    public var variance: Double? {
        guard shape > 2 else { return nil }
        let g1 = Double.gamma(1 - 1 / shape)
        let value = scale * scale * (Double.gamma(1 - 2 / shape) - g1 * g1)
        return value.isFinite ? value : nil
    }
    public var support: ClosedRange<Double> { location...Double.infinity }
    public var specification: Specification {
        Specification(name: "frechet", labelled: ["shape": shape, "scale": scale, "location": location])
    }

    /// exp(−z^{−α}) with z = (x − m)/s, computed as exp(−exp(−α ln z)) so neither tail overflows.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= location { return 0 }
        if x == .infinity { return 1 }
        return Double.exp(-Double.exp(-shape * Double.log((x - location) / scale)))
    }

    /// The catalog entry: `frechet(shape, scale=1, location=0)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "frechet", aliases: ["fréchet"],
        summary: "heavy-tailed rewards (extreme-value type II): tail index α > 1, scale s, shift m; mean m + sΓ(1−1/α)",
        parameters: [
            ParameterDescriptor("shape", "tail index α > 1 (variance finite for α > 2)"),
            ParameterDescriptor("scale", default: "1", "scale s > 0"),
            ParameterDescriptor("location", default: "0", "shift m, the infimum of the rewards"),
        ]
    ) { arguments throws(BanditError) in
        try Frechet(shape: arguments.double("shape"), scale: arguments.double("scale"), location: arguments.double("location"))
    }
}
