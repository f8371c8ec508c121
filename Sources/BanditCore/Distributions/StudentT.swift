/// Student's t with ν degrees of freedom, location μ and scale s: a symmetric heavy-tailed
/// reward, with a finite mean only for ν > 1 and a finite variance only for ν > 2.
@frozen
public struct StudentT: ContinuousRewardDistribution, Hashable, Codable {
    /// The degrees of freedom ν > 1.
    public let degreesOfFreedom: Double
    /// The location μ, which is the mean and the median.
    public let location: Double
    /// The scale s > 0.
    public let scale: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless ν > 1 (an arm needs
    ///   a finite mean; ν ≤ 1 is Cauchy-like), μ is finite and s is positive and finite.
    public init(degreesOfFreedom: Double, location: Double = 0, scale: Double = 1) throws(BanditError) {
        guard degreesOfFreedom.isFinite, degreesOfFreedom > 1 else {
            throw .invalidParameter(
                name: "student-t.df", value: "\(degreesOfFreedom)",
                reason: "must be finite and greater than 1 (the mean is undefined for ν ≤ 1)")
        }
        guard location.isFinite else {
            throw .invalidParameter(name: "student-t.location", value: "\(location)", reason: "must be finite")
        }
        guard scale.isFinite, scale > 0 else {
            throw .invalidParameter(name: "student-t.scale", value: "\(scale)", reason: "must be positive and finite")
        }
        self.degreesOfFreedom = degreesOfFreedom
        self.location = location
        self.scale = scale
    }

    /// Decodes and re-validates, so a corrupted file cannot produce an invalid distribution.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            degreesOfFreedom: container.decode(Double.self, forKey: .degreesOfFreedom),
            location: container.decode(Double.self, forKey: .location),
            scale: container.decode(Double.self, forKey: .scale))
    }

    /// μ + s·Z/√(V/ν) with Z standard normal and V = 2·Gamma(ν/2) ~ χ²(ν): the definition of
    /// the t distribution (Devroye 1986, "Non-Uniform Random Variate Generation", ch. IX),
    /// exact for every ν and built on two samplers the library already pins.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        let z = generator.nextStandardNormal()
        let chiSquare = 2 * generator.nextGamma(shape: 0.5 * degreesOfFreedom)
        return location + scale * z / (chiSquare / degreesOfFreedom).squareRoot()
    }

    public var mean: Double { location }
    /// s²ν/(ν − 2) for ν > 2; `nil` (infinite) for ν ≤ 2.
    public var variance: Double? {
        guard degreesOfFreedom > 2 else { return nil }
        let value = scale * scale * degreesOfFreedom / (degreesOfFreedom - 2)
        return value.isFinite ? value : nil
    }
    public var support: ClosedRange<Double> { -Double.infinity...Double.infinity }
    public var specification: Specification {
        Specification(name: "student-t", labelled: ["df": degreesOfFreedom, "location": location, "scale": scale])
    }

    /// For t = (x − μ)/s, Pr(T ≤ −|t|) = ½·I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz & Stegun 26.7.1);
    /// both ν/(ν+t²) and its complement t²/(ν+t²) are passed to the incomplete beta function so
    /// neither loses digits to a subtraction from 1.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x == .infinity { return 1 }
        if x == -.infinity { return 0 }
        let t = (x - location) / scale
        let nu = degreesOfFreedom
        let xBeta: Double
        let yBeta: Double
        if t * t <= nu {
            let ratio = t * t / nu
            xBeta = 1 / (1 + ratio)
            yBeta = ratio / (1 + ratio)
        } else {
            // Dividing by t² first keeps t² from overflowing in the far tails.
            let ratio = nu / t / t
            xBeta = ratio / (1 + ratio)
            yBeta = 1 / (1 + ratio)
        }
        let tail = 0.5 * SpecialFunctions.incompleteBetaRatios(a: 0.5 * nu, b: 0.5, x: xBeta, complement: yBeta).lower
        return t < 0 ? tail : 1 - tail
    }

    /// The catalog entry: `student-t(df, location=0, scale=1)`, also spelled `t`.
    public static let catalogEntry = DistributionCatalog.Entry(
        name: "student-t", aliases: ["t", "studentt"],
        summary: "heavy-tailed symmetric rewards: ν degrees of freedom (> 1), location μ (the mean), scale s",
        parameters: [
            ParameterDescriptor("df", "degrees of freedom ν > 1 (variance finite for ν > 2)"),
            ParameterDescriptor("location", default: "0", "location μ, the mean"),
            ParameterDescriptor("scale", default: "1", "scale s > 0"),
        ]
    ) { arguments throws(BanditError) in
        try StudentT(
            degreesOfFreedom: arguments.double("df"), location: arguments.double("location"),
            scale: arguments.double("scale"))
    }
}
