/// Constant(c): every reward equals c. A deterministic arm, for sanity checks of policies
/// and as the zero-variance limit of the other families.
@frozen
public struct Constant: RewardDistribution, Hashable, Codable {
    /// The reward c.
    public let value: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless c is finite.
    public init(value: Double) throws(BanditError) {
        guard value.isFinite else {
            throw .invalidParameter(name: "constant.value", value: "\(value)", reason: "must be finite")
        }
        self.value = value
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(value: container.decode(Double.self, forKey: .value))
    }

    /// Returns c without drawing: rewards come from a fresh counter-based generator per
    /// (round, arm), so consuming nothing changes no other arm's draws.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double { value }

    public var mean: Double { value }
    public var variance: Double? { 0 }
    public var support: ClosedRange<Double> { value...value }
    public var specification: Specification { Specification(name: "constant", labelled: ["value": value]) }

    /// The catalog entry: `constant(value)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "constant", aliases: ["dirac"], summary: "every reward equals the value",
        parameters: [ParameterDescriptor("value", "the reward")]
    ) { arguments throws(BanditError) in try Constant(value: arguments.double("value")) }
}
