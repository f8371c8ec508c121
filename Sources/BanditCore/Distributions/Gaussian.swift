/// Gaussian(μ, σ): normally distributed rewards with mean μ and standard deviation σ.
@frozen
public struct Gaussian: ContinuousRewardDistribution, Hashable, Codable {
    /// The mean μ.
    public let mean: Double
    /// The standard deviation σ > 0.
    public let standardDeviation: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless μ is finite and
    ///   σ is positive and finite. (A zero σ is a ``Constant``.)
    public init(mean: Double, standardDeviation: Double = 1) throws(BanditError) {
        guard mean.isFinite else {
            throw .invalidParameter(name: "gaussian.mean", value: "\(mean)", reason: "must be finite")
        }
        guard standardDeviation.isFinite, standardDeviation > 0 else {
            throw .invalidParameter(name: "gaussian.sd", value: "\(standardDeviation)", reason: "must be positive and finite")
        }
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            mean: container.decode(Double.self, forKey: .mean),
            standardDeviation: container.decode(Double.self, forKey: .standardDeviation))
    }

    /// μ + σZ with Z from the ziggurat of Marsaglia & Tsang (2000), `nextStandardNormal()`.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        mean + standardDeviation * generator.nextStandardNormal()
    }

    public var variance: Double? {
        let value = standardDeviation * standardDeviation
        return value.isFinite ? value : nil
    }
    public var support: ClosedRange<Double> { -Double.infinity...Double.infinity }
    public var specification: Specification {
        Specification(name: "gaussian", labelled: ["mean": mean, "sd": standardDeviation])
    }

    /// Φ((x − μ)/σ) through the complementary error function.
    public func cdf(_ x: Double) -> Double { SpecialFunctions.normalCDF((x - mean) / standardDeviation) }

    /// The catalog entry: `gaussian(mean, sd=1)`, also spelled `normal`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "gaussian", aliases: ["normal"], summary: "normal rewards with mean μ and standard deviation σ",
        parameters: [
            ParameterDescriptor("mean", "mean μ"),
            ParameterDescriptor("sd", default: "1", "standard deviation σ > 0"),
        ]
    ) { arguments throws(BanditError) in
        try Gaussian(mean: arguments.double("mean"), standardDeviation: arguments.double("sd"))
    }
}
