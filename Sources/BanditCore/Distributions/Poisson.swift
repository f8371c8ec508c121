/// Poisson(λ): counts 0, 1, 2, … with mean and variance λ.
@frozen
public struct Poisson: RewardDistribution, Hashable, Codable {
    /// The rate λ ≥ 0 (λ = 0 is the point mass at 0).
    public let rate: Double

    /// The largest accepted rate. Beyond it the log-density comparison of the PTRS sampler
    /// subtracts numbers near λ·log λ whose rounding error approaches 1, and the sampler
    /// would stop being exact.
    public static let maximumRate = 1e9

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless 0 ≤ λ ≤ ``maximumRate``.
    public init(rate: Double) throws(BanditError) {
        guard rate.isFinite, rate >= 0, rate <= Self.maximumRate else {
            throw .invalidParameter(name: "poisson.rate", value: "\(rate)", reason: "must lie in [0, 1e9]")
        }
        self.rate = rate
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(rate: container.decode(Double.self, forKey: .rate))
    }

    /// Knuth's multiplication of uniforms for λ < 10, Hörmann's (1993) transformed rejection
    /// PTRS above: exact for every λ at O(1) expected cost, `nextPoisson(_:)`.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        generator.nextPoisson(rate)
    }

    public var mean: Double { rate }
    public var variance: Double? { rate }
    public var support: ClosedRange<Double> { 0...Double.infinity }
    public var specification: Specification { Specification(name: "poisson", labelled: ["rate": rate]) }

    /// The catalog entry: `poisson(rate)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "poisson", summary: "counts with mean and variance λ",
        parameters: [ParameterDescriptor("rate", "rate λ, in [0, 1e9]")]
    ) { arguments throws(BanditError) in try Poisson(rate: arguments.double("rate")) }
}
