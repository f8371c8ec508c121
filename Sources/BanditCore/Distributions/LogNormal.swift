import RealModule

/// LogNormal(μ, σ): rewards e^Y with Y ~ Normal(μ, σ²); right-skewed, with all moments finite
/// but growing like e^(k²σ²/2), so large σ behaves as a heavy tail at any practical horizon.
/// An optional `location` m shifts the rewards to m + e^Y, so an arm can have any mean without
/// changing its tail (written in the specification only when non-zero).
@frozen
public struct LogNormal: ContinuousRewardDistribution, Hashable, Codable {
    /// The mean μ of the underlying normal.
    public let mu: Double
    /// The standard deviation σ > 0 of the underlying normal.
    public let sigma: Double
    /// The shift m: rewards are m + e^Y (0 by default).
    public let location: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless μ is finite, σ is
    ///   positive and finite and the mean e^(μ+σ²/2) is finite.
    public init(mu: Double, sigma: Double = 1, location: Double = 0) throws(BanditError) {
        guard mu.isFinite else {
            throw .invalidParameter(name: "lognormal.mu", value: "\(mu)", reason: "must be finite")
        }
        guard sigma.isFinite, sigma > 0 else {
            throw .invalidParameter(name: "lognormal.sigma", value: "\(sigma)", reason: "must be positive and finite")
        }
        guard Double.exp(mu + 0.5 * sigma * sigma).isFinite else {
            throw .invalidParameter(name: "lognormal.sigma", value: "\(sigma)", reason: "the mean e^(μ+σ²/2) overflows")
        }
        guard location.isFinite, (location + Double.exp(mu + 0.5 * sigma * sigma)).isFinite else {
            throw .invalidParameter(name: "lognormal.location", value: "\(location)", reason: "must be finite, with a finite mean")
        }
        self.mu = mu
        self.sigma = sigma
        self.location = location
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            mu: container.decode(Double.self, forKey: .mu), sigma: container.decode(Double.self, forKey: .sigma),
            location: container.decodeIfPresent(Double.self, forKey: .location) ?? 0)
    }

    /// exp(μ + σZ), Z from the ziggurat: the definition, exact and one normal per draw.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        location + Double.exp(mu + sigma * generator.nextStandardNormal())
    }

    public var mean: Double { location + Double.exp(mu + 0.5 * sigma * sigma) }
    /// (e^(σ²) − 1)·e^(2μ+σ²), or `nil` where it overflows a `Double`.
    public var variance: Double? {
        let value = Double.expMinusOne(sigma * sigma) * Double.exp(2 * mu + sigma * sigma)
        return value.isFinite ? value : nil
    }
    public var support: ClosedRange<Double> { location...Double.infinity }
    public var specification: Specification {
        location == 0
            ? Specification(name: "lognormal", labelled: ["mu": mu, "sigma": sigma])
            : Specification(name: "lognormal", labelled: ["mu": mu, "sigma": sigma, "location": location])
    }

    /// Φ((log(x − m) − μ)/σ).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= location { return 0 }
        return SpecialFunctions.normalCDF((Double.log(x - location) - mu) / sigma)
    }

    /// The catalog entry: `lognormal(mu, sigma=1)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "lognormal", aliases: ["log-normal"],
        summary: "rewards m + e^Y with Y ~ Normal(μ, σ²); mean m + e^(μ+σ²/2)",
        parameters: [
            ParameterDescriptor("mu", "mean μ of log-reward"),
            ParameterDescriptor("sigma", default: "1", "standard deviation σ > 0 of log-reward"),
            ParameterDescriptor("location", default: "0", "shift m: rewards m + e^Y"),
        ]
    ) { arguments throws(BanditError) in
        try LogNormal(mu: arguments.double("mu"), sigma: arguments.double("sigma"), location: arguments.double("location"))
    }
}
