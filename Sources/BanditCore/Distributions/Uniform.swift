/// Uniform(a, b): rewards spread evenly over [a, b].
@frozen
public struct Uniform: ContinuousRewardDistribution, Hashable, Codable {
    /// The lower end a.
    public let lower: Double
    /// The upper end b > a.
    public let upper: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless a < b are finite
    ///   and the width b − a is finite.
    public init(lower: Double = 0, upper: Double = 1) throws(BanditError) {
        guard lower.isFinite else {
            throw .invalidParameter(name: "uniform.lower", value: "\(lower)", reason: "must be finite")
        }
        guard upper.isFinite, upper > lower else {
            throw .invalidParameter(name: "uniform.upper", value: "\(upper)", reason: "must be finite and greater than lower (\(lower))")
        }
        guard (upper - lower).isFinite else {
            throw .invalidParameter(name: "uniform.upper", value: "\(upper)", reason: "the width upper − lower overflows")
        }
        self.lower = lower
        self.upper = upper
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            lower: container.decode(Double.self, forKey: .lower), upper: container.decode(Double.self, forKey: .upper))
    }

    /// Inversion, a + (b − a)·U with U ∈ [0, 1) of 53 random bits.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        lower + (upper - lower) * generator.nextUniform()
    }

    /// (a + b)/2, halved first so that it cannot overflow.
    public var mean: Double { 0.5 * lower + 0.5 * upper }
    public var variance: Double? {
        let width = upper - lower
        let value = width * width / 12
        return value.isFinite ? value : nil
    }
    public var support: ClosedRange<Double> { lower...upper }
    public var specification: Specification {
        Specification(name: "uniform", labelled: ["lower": lower, "upper": upper])
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= lower { return 0 }
        if x >= upper { return 1 }
        return (x - lower) / (upper - lower)
    }

    /// The catalog entry: `uniform(lower=0, upper=1)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "uniform", summary: "rewards spread evenly over [lower, upper]",
        parameters: [
            ParameterDescriptor("lower", default: "0", "lower end a"),
            ParameterDescriptor("upper", default: "1", "upper end b > a"),
        ]
    ) { arguments throws(BanditError) in
        try Uniform(lower: arguments.double("lower"), upper: arguments.double("upper"))
    }
}
