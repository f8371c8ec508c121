/// Beta(α, β): rewards in [0, 1] with density ∝ x^(α−1)(1−x)^(β−1).
@frozen
public struct Beta: ContinuousRewardDistribution, Hashable, Codable {
    /// The first shape α > 0.
    public let alpha: Double
    /// The second shape β > 0.
    public let beta: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless α and β are
    ///   positive and finite.
    public init(alpha: Double, beta: Double) throws(BanditError) {
        guard alpha.isFinite, alpha > 0 else {
            throw .invalidParameter(name: "beta.alpha", value: "\(alpha)", reason: "must be positive and finite")
        }
        guard beta.isFinite, beta > 0 else {
            throw .invalidParameter(name: "beta.beta", value: "\(beta)", reason: "must be positive and finite")
        }
        self.alpha = alpha
        self.beta = beta
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            alpha: container.decode(Double.self, forKey: .alpha), beta: container.decode(Double.self, forKey: .beta))
    }

    /// X/(X + Y) for independent X ~ Gamma(α), Y ~ Gamma(β) (Devroye 1986, "Non-Uniform
    /// Random Variate Generation", ch. IX), each by Marsaglia & Tsang (2000): one method for
    /// every (α, β), with no per-shape tuning, and in logarithms for shapes below 1.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        generator.nextBeta(alpha, beta)
    }

    public var mean: Double { alpha / (alpha + beta) }
    public var variance: Double? {
        // m(1 − m)/(α + β + 1) cannot overflow, unlike αβ/((α+β)²(α+β+1)).
        let m = alpha / (alpha + beta)
        return m * (beta / (alpha + beta)) / (alpha + beta + 1)
    }
    public var support: ClosedRange<Double> { 0...1 }
    public var specification: Specification { Specification(name: "beta", labelled: ["alpha": alpha, "beta": beta]) }

    /// The regularized incomplete beta function Iₓ(α, β), ``SpecialFunctions/regularizedIncompleteBeta(a:b:x:)``.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return SpecialFunctions.regularizedIncompleteBeta(a: alpha, b: beta, x: x)
    }

    /// The catalog entry: `beta(alpha, beta)`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "beta", summary: "rewards in [0, 1] with density ∝ x^(α−1)(1−x)^(β−1)",
        parameters: [
            ParameterDescriptor("alpha", "first shape α > 0"),
            ParameterDescriptor("beta", "second shape β > 0"),
        ]
    ) { arguments throws(BanditError) in
        try Beta(alpha: arguments.double("alpha"), beta: arguments.double("beta"))
    }
}
