import RealModule

/// The Pareto distribution in its Lomax (Pareto type II) form with shape α, scale σ and a
/// location shift μ: Pr(X > x) = (1 + (x − μ)/σ)^(−α) for x ≥ μ.
///
/// The shift lets a heavy-tailed arm have any mean, μ + σ/(α − 1), without changing its tail;
/// the classical Pareto(x_m, α) is the case μ = σ = x_m. Tails are polynomial: moments of
/// order below α exist, so variance is finite only for α > 2 — the regime of Bubeck,
/// Cesa-Bianchi & Lugosi's (2013) heavy-tailed bandits.
@frozen
public struct Lomax: ContinuousRewardDistribution, Hashable, Codable {
    /// The tail index α > 1.
    public let shape: Double
    /// The scale σ > 0.
    public let scale: Double
    /// The location μ, the smallest possible reward.
    public let location: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless α > 1 (an arm needs
    ///   a finite mean), σ > 0, μ finite and the mean finite.
    public init(shape: Double, scale: Double = 1, location: Double = 0) throws(BanditError) {
        guard shape.isFinite, shape > 1 else {
            throw .invalidParameter(
                name: "pareto.shape", value: "\(shape)",
                reason: "must be finite and greater than 1 (the mean is infinite for α ≤ 1)")
        }
        guard scale.isFinite, scale > 0 else {
            throw .invalidParameter(name: "pareto.scale", value: "\(scale)", reason: "must be positive and finite")
        }
        guard location.isFinite else {
            throw .invalidParameter(name: "pareto.location", value: "\(location)", reason: "must be finite")
        }
        guard (location + scale / (shape - 1)).isFinite else {
            throw .invalidParameter(name: "pareto.scale", value: "\(scale)", reason: "the mean overflows")
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

    /// Inversion: with E = −log U standard exponential, μ + σ(U^(−1/α) − 1) = μ + σ·expm1(E/α).
    /// `expm1` keeps the small rewards (most of them, for large α) accurate.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        location + scale * Double.expMinusOne(generator.nextStandardExponential() / shape)
    }

    public var mean: Double { location + scale / (shape - 1) }
    /// σ²α/((α − 1)²(α − 2)) for α > 2; `nil` (infinite) for α ≤ 2.
    public var variance: Double? {
        guard shape > 2 else { return nil }
        let value = scale * scale * shape / ((shape - 1) * (shape - 1) * (shape - 2))
        return value.isFinite ? value : nil
    }
    public var support: ClosedRange<Double> { location...Double.infinity }
    public var specification: Specification {
        Specification(name: "pareto", labelled: ["shape": shape, "scale": scale, "location": location])
    }

    /// 1 − (1 + z)^(−α) with z = (x − μ)/σ, as −expm1(−α·log1p(z)) so both tails stay accurate.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= location { return 0 }
        return -Double.expMinusOne(-shape * Double.log(onePlus: (x - location) / scale))
    }

    /// The catalog entry: `pareto(shape, scale=1, location=0)`, also spelled `lomax`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "pareto", aliases: ["lomax"],
        summary: "heavy-tailed rewards (Lomax form): tail index α > 1, scale σ, shift μ; mean μ + σ/(α−1)",
        parameters: [
            ParameterDescriptor("shape", "tail index α > 1 (variance finite for α > 2)"),
            ParameterDescriptor("scale", default: "1", "scale σ > 0"),
            ParameterDescriptor("location", default: "0", "shift μ, the smallest reward"),
        ]
    ) { arguments throws(BanditError) in
        try Lomax(shape: arguments.double("shape"), scale: arguments.double("scale"), location: arguments.double("location"))
    }
}
