import BanditCore
import RealModule

/// Per-arm empirical means of reward and consumption with the confidence radius of
/// bandits with knapsacks,
///
///     rad(ν, N) = √(γ·ν/N) + γ/N,
///
/// (Kleinberg, Slivkins & Upfal 2008; Badanidiyuru, Kleinberg & Slivkins, J. ACM 2018,
/// with γ = C_rad = Θ(log(K·d·T))), which is tighter than Hoeffding's for means ν near 0 —
/// the regime of small consumption rates. Upper bounds on rewards are clipped to [0, 1];
/// lower bounds on consumption to [0, 1] until a negative (replenishing) consumption has been
/// seen for that arm and resource, to [−1, 1] after.
///
/// Counts and sums live in contiguous arrays (consumption row-major, arm by arm).
public struct KnapsackEstimates: Sendable, Hashable, Codable {
    public let armCount: Int
    public let resourceCount: Int
    /// γ in rad(ν, N).
    public let radiusScale: Double
    /// Nₐ, pulls of each arm.
    public private(set) var counts: [Int]
    /// Σ rewards of each arm.
    public private(set) var rewardSums: [Double]
    /// Σ consumption of arm a on resource j at `a * resourceCount + j`.
    public private(set) var consumptionSums: [Double]
    /// Whether arm a has ever replenished resource j (same layout).
    public private(set) var replenishes: [Bool]

    /// - Precondition: `armCount ≥ 1`, `resourceCount ≥ 1`, `radiusScale ≥ 0` (checked by the
    ///   policies that own an instance).
    public init(armCount: Int, resourceCount: Int, radiusScale: Double) {
        precondition(armCount >= 1 && resourceCount >= 1 && radiusScale >= 0)
        self.armCount = armCount
        self.resourceCount = resourceCount
        self.radiusScale = radiusScale
        counts = [Int](repeating: 0, count: armCount)
        rewardSums = [Double](repeating: 0, count: armCount)
        consumptionSums = [Double](repeating: 0, count: armCount * resourceCount)
        replenishes = [Bool](repeating: false, count: armCount * resourceCount)
    }

    /// C_rad = ln(K·d·T), the default γ (the Θ(log(dTK)) of BKS 2018 with constant 1).
    public static func defaultRadiusScale(armCount: Int, resourceCount: Int, horizon: Int) -> Double {
        Double.log(Double(max(armCount, 1)) * Double(max(resourceCount, 1)) * Double(max(horizon, 2)))
    }

    /// Adds one validated observation.
    public mutating func record(arm: Int, reward: Double, consumption: [Double]) {
        counts[arm] += 1
        rewardSums[arm] += reward
        let base = arm * resourceCount
        for j in 0..<resourceCount {
            consumptionSums[base + j] += consumption[j]
            if consumption[j] < 0 { replenishes[base + j] = true }
        }
    }

    /// rad(ν, N); +∞ for an arm never pulled.
    @inlinable
    public func radius(mean: Double, count: Int) -> Double {
        guard count > 0 else { return .infinity }
        let n = Double(count)
        return (radiusScale * Swift.abs(mean) / n).squareRoot() + radiusScale / n
    }

    /// min(1, r̂ₐ + rad(r̂ₐ, Nₐ)).
    @inlinable
    public func rewardUpperBound(arm: Int) -> Double {
        let count = counts[arm]
        guard count > 0 else { return 1 }
        let mean = rewardSums[arm] / Double(count)
        return Swift.min(1, mean + radius(mean: mean, count: count))
    }

    /// max(floor, ĉₐⱼ − rad(ĉₐⱼ, Nₐ)) with floor 0, or −1 once arm a has replenished j.
    @inlinable
    public func consumptionLowerBound(arm: Int, resource: Int) -> Double {
        let index = arm * resourceCount + resource
        let floor: Double = replenishes[index] ? -1 : 0
        let count = counts[arm]
        guard count > 0 else { return floor }
        let mean = consumptionSums[index] / Double(count)
        return Swift.max(floor, mean - radius(mean: mean, count: count))
    }
}
