import RealModule

/// Exponential(λ): non-negative rewards with rate λ (mean 1/λ).
@frozen
public struct Exponential: ContinuousRewardDistribution, Hashable, Codable {
    /// The rate λ > 0.
    public let rate: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless λ is positive and
    ///   finite and the mean 1/λ is finite.
    public init(rate: Double = 1) throws(BanditError) {
        guard rate.isFinite, rate > 0, (1 / rate).isFinite else {
            throw .invalidParameter(name: "exponential.rate", value: "\(rate)", reason: "must be positive and finite, with 1/rate finite")
        }
        self.rate = rate
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(rate: container.decode(Double.self, forKey: .rate))
    }

    /// Inversion, −log(U)/λ: one uniform per draw and exact in distribution (Devroye 1986,
    /// "Non-Uniform Random Variate Generation", ch. II).
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        generator.nextStandardExponential() / rate
    }

    public var mean: Double { 1 / rate }
    public var variance: Double? {
        let value = 1 / (rate * rate)
        return value.isFinite ? value : nil
    }
    public var support: ClosedRange<Double> { 0...Double.infinity }
    public var specification: Specification { Specification(name: "exponential", labelled: ["rate": rate]) }

    /// 1 − e^(−λx), as −expm1(−λx) so small x keep their relative accuracy.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return -Double.expMinusOne(-rate * x)
    }

    /// The catalog entry: `exponential(rate=1)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "exponential", summary: "non-negative rewards with rate λ (mean 1/λ)",
        parameters: [ParameterDescriptor("rate", default: "1", "rate λ > 0")]
    ) { arguments throws(BanditError) in try Exponential(rate: arguments.double("rate")) }
}
