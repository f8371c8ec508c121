import BanditCore
import RealModule

/// Robust UCB (Bubeck, Cesa-Bianchi & Lugosi 2013, "Bandits with heavy tail", IEEE Trans. Inf.
/// Theory 59(11), Algorithm 1 / Proposition 1) for rewards with a finite moment of order 1 + ε.
///
/// Given an estimator μ̂(s, δ) of an arm's mean from s samples such that, with probability at
/// least 1 − δ, μ̂ ≤ μ + v^{1/(1+ε)}·(c·ln(1/δ)/s)^{ε/(1+ε)}, round t pulls the arm maximising
///
///     B_{i,s,t} = μ̂_{i,s,t⁻²} + (the estimator's deviation bound at s samples and δ = t⁻²),
///
/// with t the current round (1-based: the number of rewards recorded so far plus one).
/// Proposition 1 bounds the regret by Σ_{i: Δᵢ>0} (2c·(v/Δᵢ)^{1/ε}·ln n + 5Δᵢ). The three
/// estimators and their constants:
/// - ``Estimator/truncatedMean``: Lemma 1, E|X|^{1+ε} ≤ u (raw moment), c = 4^{(1+ε)/ε}, i.e.
///   the width 4u^{1/(1+ε)}(ln(t²)/s)^{ε/(1+ε)};
/// - ``Estimator/medianOfMeans``: Lemma 2, E|X − μ|^{1+ε} ≤ u (centred), the bound
///   (12u)^{1/(1+ε)}(16 ln(e^{1/8} t²)/s)^{ε/(1+ε)};
/// - ``Estimator/catoni``: Lemma 3, ε = 1 only, Var X ≤ u, width 2√(u ln(t²)/s), valid for
///   s ≥ 4 ln(t²) = 8 ln t — below that the index is +∞ (the arm is pulled), as the lemma gives
///   no bound.
///
/// An arm's index is also +∞ before its estimator is defined (one sample for the truncated
/// mean, two for median of means). Ties go to the lowest arm index; the policy is
/// deterministic. Cost per step: K estimator queries — O(1) amortised for median of means (see
/// ``MedianOfMeans``), O(sᵢ) for the truncated mean and Catoni's estimator, whose every sample
/// depends on δ = t⁻².
///
/// ``ConfidenceSchedule/doubling`` makes those two cheap: δ = τ⁻² with τ the smallest power of
/// two ≥ t, fixed for the rounds 2^{k−1} < t ≤ 2^k. The lemmas hold for any δ, and τ⁻² ≤ t⁻², so
/// each bound still fails with probability at most t⁻² and Proposition 1's proof goes through
/// with ln(τ²) ≤ ln(4t²) in place of ln(t²): the regret bound's leading term grows by at most
/// the factor ln(4t²)/ln(t²) (→ 1). What is amortised: the truncated mean's estimate at an
/// unchanged δ absorbs a new sample in O(1), so each arm is re-read in full once per doubling
/// epoch — O(Σᵢ sᵢ) ≤ O(2t) over an epoch, O(1) per step amortised; Catoni's root depends on
/// all samples, but it is cached per (δ, sample count), so within an epoch only the pulled arm
/// is re-solved, O(sᵢ) per step instead of K such solves.
public struct RobustUCB: PropensityReportingPolicy, Hashable, Codable {
    /// The mean estimator.
    public enum Estimator: String, Sendable, Hashable, Codable, CaseIterable {
        case truncatedMean = "truncated"
        case medianOfMeans = "median-of-means"
        case catoni = "catoni"
    }

    /// When δ changes (see the type's documentation).
    public enum ConfidenceSchedule: String, Sendable, Hashable, Codable, CaseIterable {
        /// δ = t⁻² every round (Algorithm 1).
        case everyRound = "per-round"
        /// δ = τ⁻², τ the smallest power of two ≥ t.
        case doubling
    }

    public let armCount: Int
    public let estimator: Estimator
    /// When δ changes.
    public let schedule: ConfidenceSchedule
    /// ε ∈ (0, 1] (must be 1 for Catoni).
    public let epsilon: Double
    /// u > 0, the moment bound (see ``Estimator``).
    public let momentBound: Double
    /// Rewards recorded.
    public private(set) var totalCount = 0

    var truncated: [TruncatedMean] = []
    var medians: [MedianOfMeans] = []
    var catonis: [CatoniEstimator] = []
    /// Median of means only: per arm (k, n, estimate) of the last query, so that a round costs
    /// one estimator call (the pulled arm's) unless k changed. Not part of the value.
    private var momCache: [Double] = []

    private enum CodingKeys: String, CodingKey {
        case armCount, estimator, epsilon, momentBound, totalCount, truncated, medians, catonis, schedule
    }

    /// Equal when parameters and recorded rewards are: caches are not part of the value.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.armCount == rhs.armCount && lhs.estimator == rhs.estimator && lhs.epsilon == rhs.epsilon
            && lhs.momentBound == rhs.momentBound && lhs.totalCount == rhs.totalCount && lhs.truncated == rhs.truncated
            && lhs.medians == rhs.medians && lhs.catonis == rhs.catonis && lhs.schedule == rhs.schedule
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(armCount)
        hasher.combine(estimator)
        hasher.combine(totalCount)
        hasher.combine(truncated)
        hasher.combine(medians)
        hasher.combine(catonis)
    }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1`, ε ∉ (0, 1],
    ///   u is not positive and finite, or ε ≠ 1 with Catoni's estimator.
    public init(
        armCount: Int, estimator: Estimator = .medianOfMeans, epsilon: Double = 1, momentBound: Double = 1,
        schedule: ConfidenceSchedule = .everyRound
    ) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        try TruncatedMean.validate(epsilon: epsilon, momentBound: momentBound)
        switch estimator {
        case .truncatedMean:
            truncated = try [TruncatedMean](repeating: TruncatedMean(epsilon: epsilon, momentBound: momentBound), count: armCount)
        case .medianOfMeans:
            medians = try [MedianOfMeans](repeating: MedianOfMeans(epsilon: epsilon, momentBound: momentBound), count: armCount)
            momCache = [Double](repeating: -1, count: 3 * armCount)
        case .catoni:
            guard epsilon == 1 else {
                throw .invalidParameter(name: "epsilon", value: "\(epsilon)", reason: "Catoni's estimator (Lemma 3) needs a finite variance: ε = 1")
            }
            catonis = try [CatoniEstimator](repeating: CatoniEstimator(varianceBound: momentBound), count: armCount)
        }
        self.armCount = armCount
        self.estimator = estimator
        self.epsilon = epsilon
        self.momentBound = momentBound
        self.schedule = schedule
    }

    /// The round whose δ = 1/round² the indices use: t, or the smallest power of two ≥ t.
    var confidenceRound: Double {
        let t = totalCount + 1
        switch schedule {
        case .everyRound: return Double(t)
        case .doubling: return Double(1 << (Int.bitWidth - (t - 1).leadingZeroBitCount))
        }
    }

    /// The pulls of `arm`.
    public func count(of arm: Int) -> Int {
        switch estimator {
        case .truncatedMean: truncated[arm].count
        case .medianOfMeans: medians[arm].count
        case .catoni: catonis[arm].count
        }
    }

    /// The index B_{i,s,t} of every arm at the current round (+∞ where undefined).
    public mutating func indices() -> [Double] {
        let t = confidenceRound
        let logInverseDelta = 2 * Double.log(t)
        let delta = 1 / (t * t)
        return (0..<armCount).map { index(of: $0, delta: delta, logInverseDelta: logInverseDelta) }
    }

    @inline(__always)
    private mutating func index(of arm: Int, delta: Double, logInverseDelta L: Double) -> Double {
        switch estimator {
        case .truncatedMean:
            let s = truncated[arm].count
            guard s >= 1 else { return .infinity }
            return truncated[arm].estimate(delta: delta) + truncated[arm].deviationBound(sampleCount: s, delta: delta)
        case .medianOfMeans:
            let s = medians[arm].count
            guard s >= 2 else { return .infinity }
            let width: Double
            if epsilon == 1 {
                // (12u)^{1/2}(16(1/8 + L)/s)^{1/2} = √(192u(1/8 + L))·(1/√s).
                width = (192 * momentBound * (0.125 + L)).squareRoot() * CountReciprocals.shared.reciprocals(of: Double(s)).inverseRoot
            } else {
                width = MedianOfMeans.deviationBound(sampleCount: s, delta: delta, epsilon: epsilon, momentBound: momentBound)
            }
            return medianOfMeansEstimate(arm: arm, sampleCount: s, logInverseDelta: L) + width
        case .catoni:
            let s = catonis[arm].count
            guard CatoniEstimator.isDefined(sampleCount: s, logInverseDelta: L), s >= 1 else { return .infinity }
            return catonis[arm].estimate(delta: delta) + catonis[arm].deviationBound(sampleCount: s, delta: delta)
        }
    }

    /// The arm's median of means with k = ⌊min(1 + 8L, s/2)⌋, from the cache when k and s are
    /// those of the last query.
    @inline(__always)
    private mutating func medianOfMeansEstimate(arm: Int, sampleCount s: Int, logInverseDelta L: Double) -> Double {
        let k = MedianOfMeans.blockCount(sampleCount: s, logInverseDelta: L)
        let base = 3 * arm
        if momCache[base] == Double(k) && momCache[base + 1] == Double(s) { return momCache[base + 2] }
        let value = medians[arm].estimate(blockCount: k)
        momCache[base] = Double(k)
        momCache[base + 1] = Double(s)
        momCache[base + 2] = value
        return value
    }

    public mutating func selectArm() -> Int {
        let t = confidenceRound
        // t = 1 gives δ = 1 and ln(1/δ) = 0; every index is +∞ then anyway (no samples).
        guard totalCount >= 1 else { return 0 }
        let logInverseDelta = 2 * Double.log(t)
        let delta = 1 / (t * t)
        var best = 0
        var bestValue = -Double.infinity
        for arm in 0..<armCount {
            let value = index(of: arm, delta: delta, logInverseDelta: logInverseDelta)
            if value == .infinity { return arm }
            if value > bestValue { bestValue = value; best = arm }
        }
        return best
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        switch estimator {
        case .truncatedMean: truncated[arm].append(reward)
        case .medianOfMeans: medians[arm].append(reward)
        case .catoni: catonis[arm].append(reward)
        }
        totalCount += 1
    }

    /// Robust UCB is deterministic: probability 1 for the arm it would pick now, 0 for the others.
    public func propensity(of arm: Int) -> Double {
        var copy = self
        return copy.selectArm() == arm ? 1 : 0
    }

    /// Forgets `arm`'s rewards (t keeps counting rounds played).
    public mutating func resetArm(_ arm: Int) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        switch estimator {
        case .truncatedMean: truncated[arm].reset()
        case .medianOfMeans:
            medians[arm].reset()
            momCache[3 * arm] = -1
        case .catoni: catonis[arm].reset()
        }
    }
}

extension RobustUCB {
    /// Decodes and re-validates the parameters; caches start empty. The claimed arm count is
    /// compared with the estimators actually present before anything is sized by it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let armCount = try container.decode(Int.self, forKey: .armCount)
        let estimator = try container.decode(Estimator.self, forKey: .estimator)
        let truncated = try container.decode([TruncatedMean].self, forKey: .truncated)
        let medians = try container.decode([MedianOfMeans].self, forKey: .medians)
        let catonis = try container.decode([CatoniEstimator].self, forKey: .catonis)
        let totalCount = try container.decode(Int.self, forKey: .totalCount)
        let expected = (
            truncated: estimator == .truncatedMean ? armCount : 0, medians: estimator == .medianOfMeans ? armCount : 0,
            catonis: estimator == .catoni ? armCount : 0)
        guard truncated.count == expected.truncated, medians.count == expected.medians, catonis.count == expected.catonis else {
            throw DecodingError.dataCorruptedError(
                forKey: .armCount, in: container, debugDescription: "\(armCount) arms do not match the per-arm \(estimator.rawValue) estimators present")
        }
        guard totalCount >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .totalCount, in: container, debugDescription: "negative total")
        }
        try self.init(
            armCount: armCount, estimator: estimator,
            epsilon: container.decode(Double.self, forKey: .epsilon), momentBound: container.decode(Double.self, forKey: .momentBound),
            schedule: container.decodeIfPresent(ConfidenceSchedule.self, forKey: .schedule) ?? .everyRound)
        self.truncated = truncated
        self.medians = medians
        self.catonis = catonis
        self.totalCount = totalCount
    }
}
