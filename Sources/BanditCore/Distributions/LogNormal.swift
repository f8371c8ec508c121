import RealModule

/// LogNormal(μ, σ): rewards e^Y with Y ~ Normal(μ, σ²); right-skewed, with all moments finite
/// but growing like e^(k²σ²/2), so large σ behaves as a heavy tail at any practical horizon.
@frozen
public struct LogNormal: ContinuousRewardDistribution, Hashable, Codable {
    /// The mean μ of the underlying normal.
    public let mu: Double
    /// The standard deviation σ > 0 of the underlying normal.
    public let sigma: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless μ is finite, σ is
    ///   positive and finite and the mean e^(μ+σ²/2) is finite.
    public init(mu: Double, sigma: Double = 1) throws(BanditError) {
        guard mu.isFinite else {
            throw .invalidParameter(name: "lognormal.mu", value: "\(mu)", reason: "must be finite")
        }
        guard sigma.isFinite, sigma > 0 else {
            throw .invalidParameter(name: "lognormal.sigma", value: "\(sigma)", reason: "must be positive and finite")
        }
        guard Double.exp(mu + 0.5 * sigma * sigma).isFinite else {
            throw .invalidParameter(name: "lognormal.sigma", value: "\(sigma)", reason: "the mean e^(μ+σ²/2) overflows")
        }
        self.mu = mu
        self.sigma = sigma
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(mu: container.decode(Double.self, forKey: .mu), sigma: container.decode(Double.self, forKey: .sigma))
    }

    /// exp(μ + σZ), Z from the ziggurat: the definition, exact and one normal per draw.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        Double.exp(mu + sigma * generator.nextStandardNormal())
    }

    public var mean: Double { Double.exp(mu + 0.5 * sigma * sigma) }
    /// (e^(σ²) − 1)·e^(2μ+σ²), or `nil` where it overflows a `Double`.
    public var variance: Double? {
        let value = Double.expMinusOne(sigma * sigma) * Double.exp(2 * mu + sigma * sigma)
        return value.isFinite ? value : nil
    }
    public var support: ClosedRange<Double> { 0...Double.infinity }
    public var specification: Specification { Specification(name: "lognormal", labelled: ["mu": mu, "sigma": sigma]) }

    /// Φ((log x − μ)/σ).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.normalCDF((Double.log(x) - mu) / sigma)
    }

    /// The catalog entry: `lognormal(mu, sigma=1)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "lognormal", aliases: ["log-normal"],
        summary: "rewards e^Y with Y ~ Normal(μ, σ²); mean e^(μ+σ²/2)",
        parameters: [
            ParameterDescriptor("mu", "mean μ of log-reward"),
            ParameterDescriptor("sigma", default: "1", "standard deviation σ > 0 of log-reward"),
        ]
    ) { arguments throws(BanditError) in
        try LogNormal(mu: arguments.double("mu"), sigma: arguments.double("sigma"))
    }
}
