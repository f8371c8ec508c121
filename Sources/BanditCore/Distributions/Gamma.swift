/// Gamma(k, θ): non-negative rewards with shape k and scale θ (mean kθ).
@frozen
public struct Gamma: ContinuousRewardDistribution, Hashable, Codable {
    /// The shape k > 0.
    public let shape: Double
    /// The scale θ > 0.
    public let scale: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless k and θ are
    ///   positive and finite and the mean kθ is finite.
    public init(shape: Double, scale: Double = 1) throws(BanditError) {
        guard shape.isFinite, shape > 0 else {
            throw .invalidParameter(name: "gamma.shape", value: "\(shape)", reason: "must be positive and finite")
        }
        guard scale.isFinite, scale > 0 else {
            throw .invalidParameter(name: "gamma.scale", value: "\(scale)", reason: "must be positive and finite")
        }
        guard (shape * scale).isFinite else {
            throw .invalidParameter(name: "gamma.scale", value: "\(scale)", reason: "the mean shape·scale overflows")
        }
        self.shape = shape
        self.scale = scale
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            shape: container.decode(Double.self, forKey: .shape), scale: container.decode(Double.self, forKey: .scale))
    }

    /// θ·G with G ~ Gamma(k, 1) by Marsaglia & Tsang (2000, ACM TOMS 26(3)), boosted for k < 1.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        scale * generator.nextGamma(shape: shape)
    }

    public var mean: Double { shape * scale }
    public var variance: Double? {
        let value = shape * scale * scale
        return value.isFinite ? value : nil
    }
    public var support: ClosedRange<Double> { 0...Double.infinity }
    public var specification: Specification { Specification(name: "gamma", labelled: ["shape": shape, "scale": scale]) }

    /// P(k, x/θ), ``SpecialFunctions/regularizedGammaP(_:_:)``.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.regularizedGammaP(shape, x / scale)
    }

    /// The catalog entry: `gamma(shape, scale=1)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "gamma", summary: "non-negative rewards with shape k and scale θ (mean kθ)",
        parameters: [
            ParameterDescriptor("shape", "shape k > 0"),
            ParameterDescriptor("scale", default: "1", "scale θ > 0"),
        ]
    ) { arguments throws(BanditError) in
        try Gamma(shape: arguments.double("shape"), scale: arguments.double("scale"))
    }
}
