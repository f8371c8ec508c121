import BanditCore
import Foundation

/// One arm of a bandits-with-knapsacks instance: the joint distribution of its reward in
/// [0, 1] and its consumption vector in [−1, 1]^d (negative entries replenish).
///
/// Models (`mean`s are the parameters written in a scenario):
/// - `bernoulli` — reward ~ Bernoulli(r); consumption of resource j is sign(cⱼ)·Bernoulli(|cⱼ|);
/// - `beta` — reward ~ Beta with mean r and concentration κ (α = rκ, β = (1 − r)κ); consumption
///   sign(cⱼ)·Beta with mean |cⱼ| (a point mass for a mean of 0 or 1);
/// - `gaussian` — N(r, σ²) clipped to [0, 1], consumption N(cⱼ, σ²) clipped to [−1, 1] (the
///   means of the clipped values are what the LP benchmark uses, ``expectedReward``);
/// - `table` — a finite joint distribution: rows (probability, reward, c₁, …, c_d).
///
/// With `shared`, the components of a Bernoulli or Gaussian arm are driven by one common
/// uniform or normal draw (comonotone: maximally positively correlated); otherwise they are
/// independent. A table expresses any other dependence.
public struct KnapsackArm: Sendable, Hashable {
    /// The distribution family.
    public enum Model: Sendable, Hashable {
        case bernoulli(shared: Bool)
        case beta(concentration: Double)
        case gaussian(standardDeviation: Double, shared: Bool)
        /// Cumulative probabilities and the outcome rows (reward, c₁, …, c_d).
        case table(cumulative: [Double], outcomes: [[Double]])
    }

    public let model: Model
    /// The reward parameter r (the location before clipping for Gaussian arms).
    public let reward: Double
    /// The consumption parameters cⱼ.
    public let consumption: [Double]
    /// E[reward].
    public let expectedReward: Double
    /// E[consumption], per resource.
    public let expectedConsumption: [Double]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming the parameter.
    public init(model: Model, reward: Double, consumption: [Double]) throws(BanditError) {
        func require(_ ok: Bool, _ name: String, _ value: Double, _ reason: String) throws(BanditError) {
            if !ok { throw .invalidParameter(name: name, value: "\(value)", reason: reason) }
        }
        switch model {
        case .bernoulli, .beta:
            try require(reward >= 0 && reward <= 1, "reward", reward, "must lie in [0, 1]")
            for (j, c) in consumption.enumerated() { try require(c >= -1 && c <= 1, "consumption[\(j)]", c, "must lie in [−1, 1]") }
            if case .beta(let kappa) = model { try require(kappa.isFinite && kappa > 0, "concentration", kappa, "must be finite and > 0") }
            expectedReward = reward
            expectedConsumption = consumption
        case .gaussian(let sd, _):
            try require(sd.isFinite && sd > 0, "sd", sd, "must be finite and > 0")
            try require(reward.isFinite, "reward", reward, "must be finite")
            for (j, c) in consumption.enumerated() { try require(c.isFinite, "consumption[\(j)]", c, "must be finite") }
            expectedReward = Self.clippedNormalMean(reward, sd, 0, 1)
            expectedConsumption = consumption.map { Self.clippedNormalMean($0, sd, -1, 1) }
        case .table(let cumulative, let outcomes):
            try require(!outcomes.isEmpty && cumulative.count == outcomes.count, "outcomes", 0, "needs at least one row")
            var meanReward = 0.0
            var meanConsumption = [Double](repeating: 0, count: outcomes[0].count - 1)
            var previous = 0.0
            for (i, row) in outcomes.enumerated() {
                let probability = cumulative[i] - previous
                previous = cumulative[i]
                try require(row.count == meanConsumption.count + 1, "outcomes[\(i)]", Double(row.count), "every row needs the same length")
                try require(row[0] >= 0 && row[0] <= 1, "outcomes[\(i)].reward", row[0], "must lie in [0, 1]")
                meanReward += probability * row[0]
                for j in meanConsumption.indices {
                    try require(row[j + 1] >= -1 && row[j + 1] <= 1, "outcomes[\(i)].consumption[\(j)]", row[j + 1], "must lie in [−1, 1]")
                    meanConsumption[j] += probability * row[j + 1]
                }
            }
            expectedReward = meanReward
            expectedConsumption = meanConsumption
        }
        self.model = model
        self.reward = reward
        self.consumption = consumption
    }

    /// A table arm from rows (probability, reward, c₁, …, c_d).
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for a negative
    ///   probability, probabilities not summing to 1 (within 10⁻⁹), or values out of range.
    public static func table(_ rows: [[Double]]) throws(BanditError) -> KnapsackArm {
        guard !rows.isEmpty else { throw .invalidParameter(name: "outcomes", value: "[]", reason: "needs at least one row") }
        var cumulative: [Double] = []
        var total = 0.0
        for (i, row) in rows.enumerated() {
            guard row.count >= 2 else {
                throw .invalidParameter(name: "outcomes[\(i)]", value: "\(row)", reason: "a row is (probability, reward, consumption…)")
            }
            guard row[0] >= 0 && row[0] <= 1 else {
                throw .invalidParameter(name: "outcomes[\(i)].probability", value: "\(row[0])", reason: "must lie in [0, 1]")
            }
            total += row[0]
            cumulative.append(total)
        }
        guard abs(total - 1) <= 1e-9 else {
            throw .invalidParameter(name: "outcomes", value: "\(total)", reason: "probabilities must sum to 1")
        }
        cumulative[cumulative.count - 1] = 1  // the last row absorbs rounding
        return try KnapsackArm(
            model: .table(cumulative: cumulative, outcomes: rows.map { Array($0.dropFirst()) }),
            reward: 0, consumption: [Double](repeating: 0, count: rows[0].count - 2))
    }

    /// The number of resources this arm describes.
    public var resourceCount: Int { expectedConsumption.count }

    /// Draws one outcome: returns the reward and writes the consumption into `consumption`.
    @inlinable
    public func sample<G: RandomNumberGenerator>(consumption output: inout [Double], using generator: inout G) -> Double {
        switch model {
        case .bernoulli(let shared):
            let common = generator.nextUniform()
            let reward: Double = common < self.reward ? 1 : 0
            for j in output.indices {
                let u = shared ? common : generator.nextUniform()
                let c = consumption[j]
                output[j] = u < Swift.abs(c) ? (c < 0 ? -1 : 1) : 0
            }
            return reward
        case .beta(let kappa):
            let reward = Self.beta(mean: self.reward, concentration: kappa, using: &generator)
            for j in output.indices {
                let c = consumption[j]
                let magnitude = Self.beta(mean: Swift.abs(c), concentration: kappa, using: &generator)
                output[j] = c < 0 ? -magnitude : magnitude
            }
            return reward
        case .gaussian(let sd, let shared):
            let common = generator.nextStandardNormal()
            let reward = Swift.min(1, Swift.max(0, self.reward + sd * common))
            for j in output.indices {
                let z = shared ? common : generator.nextStandardNormal()
                output[j] = Swift.min(1, Swift.max(-1, consumption[j] + sd * z))
            }
            return reward
        case .table(let cumulative, let outcomes):
            let u = generator.nextUniform()
            var row = cumulative.count - 1
            for i in cumulative.indices where u < cumulative[i] {
                row = i
                break
            }
            let outcome = outcomes[row]
            for j in output.indices { output[j] = outcome[j + 1] }
            return outcome[0]
        }
    }

    @inlinable
    static func beta<G: RandomNumberGenerator>(mean: Double, concentration: Double, using generator: inout G) -> Double {
        if mean <= 0 { return 0 }
        if mean >= 1 { return 1 }
        return generator.nextBeta(mean * concentration, (1 - mean) * concentration)
    }

    /// E[min(b, max(a, X))] for X ~ N(μ, σ²):
    /// a·Φ(α) + b·(1 − Φ(β)) + μ·(Φ(β) − Φ(α)) + σ·(φ(α) − φ(β)), α = (a − μ)/σ, β = (b − μ)/σ.
    public static func clippedNormalMean(_ mean: Double, _ sd: Double, _ lower: Double, _ upper: Double) -> Double {
        let alpha = (lower - mean) / sd
        let beta = (upper - mean) / sd
        func density(_ z: Double) -> Double { Foundation.exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
        let below = SpecialFunctions.normalCDF(alpha)
        let above = SpecialFunctions.normalSurvival(beta)
        return lower * below + upper * above + mean * (1 - below - above) + sd * (density(alpha) - density(beta))
    }
}
