/// Bernoulli(p): reward 1 with probability p, else 0.
@frozen
public struct Bernoulli: RewardDistribution, Hashable, Codable {
    /// The success probability p ∈ [0, 1].
    public let probability: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless 0 ≤ p ≤ 1.
    public init(probability: Double) throws(BanditError) {
        guard probability.isFinite, (0...1).contains(probability) else {
            throw .invalidParameter(name: "bernoulli.p", value: "\(probability)", reason: "must lie in [0, 1]")
        }
        self.probability = probability
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(probability: container.decode(Double.self, forKey: .probability))
    }

    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        generator.nextUniform() < probability ? 1 : 0
    }

    public var mean: Double { probability }
    public var variance: Double? { probability * (1 - probability) }
    public var support: ClosedRange<Double> { 0...1 }
    public var specification: Specification { Specification(name: "bernoulli", labelled: ["p": probability]) }

    /// The catalog entry: `bernoulli(p)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "bernoulli", summary: "reward 1 with probability p, else 0",
        parameters: [ParameterDescriptor("p", "success probability, in [0, 1]")]
    ) { arguments throws(BanditError) in try Bernoulli(probability: arguments.double("p")) }
}
