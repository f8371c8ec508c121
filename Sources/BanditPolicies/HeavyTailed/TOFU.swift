import BanditCore
import LinearAlgebra
import RealModule

/// TOFU, truncation for online heavy-tailed linear bandits (Shao, Yu, King & Lyu 2018, "Almost
/// Optimal Algorithms for Linear Stochastic Bandits with Heavy-Tailed Payoffs", NeurIPS,
/// Algorithm 2 and Theorem 3): E[y | x] = xᵀθ* with payoffs whose moment of order 1 + ε is
/// bounded, E[|y|^{1+ε} | past] ≤ b, ε ∈ (0, 1] — a raw moment of the payoff, no symmetry.
///
/// Round t (Algorithm 2):
/// 1. play xₜ = argmax_x xᵀθ̂ₜ₋₁ + βₜ₋₁‖x‖_{Vₜ₋₁⁻¹}, the optimistic point of
///    Cₜ₋₁ = {θ : ‖θ − θ̂ₜ₋₁‖_{Vₜ₋₁} ≤ βₜ₋₁};
/// 2. Vₜ = λI + Σ_{s≤t} xₛxₛᵀ and [u₁, …, u_d]ᵀ = Vₜ^{−1/2}Xₜᵀ, i.e. u_{i,s} = (Vₜ^{−1/2}xₛ)ᵢ
///    (the *symmetric* inverse square root, ``SymmetricInverseSquareRoot``);
/// 3. per coordinate i, truncate every past payoff against its own coefficient:
///    Y†ᵢ = (yₛ·𝟙{|u_{i,s}·yₛ| ≤ bₜ})_{s≤t},  bₜ = (b / ln(2T/δ))^{1/(1+ε)}·t^{(1−ε)/(2(1+ε))};
/// 4. θ̂ₜ = Vₜ^{−1/2}(u₁ᵀY†₁, …, u_dᵀY†_d);
/// 5. βₜ = 4√d·b^{1/(1+ε)}·ln(2dT/δ)^{ε/(1+ε)}·t^{(1−ε)/(2(1+ε))} + √λ·S.
///
/// Theorem 3 turns βₜ into regret Õ(d·T^{1/(1+ε)}), matching the lower bound Ω(T^{1/(1+ε)}) of
/// their Theorem 1 in T. The truncation uses ln(2T/δ) and the radius ln(2dT/δ) (a union over
/// the d coordinates), as in the algorithm box; the experiment code of this line of work agrees
/// on both forms and divides β by a constant, which is what α (default 1) scales here — α
/// multiplies the data-dependent term, as for ``MENU``, ``CRTM`` and ``CRMM``.
///
/// Cost: Vₜ changes every round, so every past payoff is re-truncated — O(t) work per round,
/// O(T²) in all (the cost CRTM removes). Here the history is grouped by feature vector
/// (``FeatureGroupedRewards``): per round one `dsyevd` (O(d³)), one product Vₜ^{−1/2}X over the
/// G distinct vectors (O(G·d²)) and d binary searches per group (O(G·d·log(t/G))); G = t for
/// fresh contexts every round, G = t/r for contexts held r rounds. Identity link only.
public struct TOFU: ContextualPolicy, Hashable, Codable {
    public let armCount: Int
    public var dimension: Int { design.dimension }
    /// ε ∈ (0, 1].
    public let epsilon: Double
    /// b > 0 with E[|y|^{1+ε}] ≤ b (a raw moment of the payoff).
    public let momentBound: Double
    /// δ ∈ (0, 1).
    public let confidence: Double
    /// T ≥ 1 (in bₜ and βₜ).
    public let horizon: Int
    /// S ≥ ‖θ*‖₂.
    public let parameterBound: Double
    /// α ≥ 0, the multiplier of βₜ's data-dependent term.
    public let radiusScale: Double
    /// Vₜ (its response vector stays 0: the estimate is ``estimate``).
    public private(set) var design: RidgeRegression
    /// θ̂ₜ.
    public private(set) var estimate: Vector
    /// The (sample, coordinate) pairs zeroed by the truncation in the last estimate, out of t·d.
    public private(set) var truncatedInLastEstimate = 0
    var history: FeatureGroupedRewards
    var scratch: Scratch

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1,
    ///   ε ∈ (0, 1], b > 0, δ ∈ (0, 1), T ≥ 1, S ≥ 0, α ≥ 0 and λ > 0 (all finite).
    public init(
        armCount: Int, dimension: Int, epsilon: Double = 1, momentBound: Double = 1, confidence: Double = 0.01,
        horizon: Int, parameterBound: Double = 1, radiusScale: Double = 1, regularization: Double = 1
    ) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        try TruncatedMean.validate(epsilon: epsilon, momentBound: momentBound)
        try LinearPolicyValidation.probability(confidence, name: "tofu.delta")
        guard horizon >= 1 else { throw .invalidParameter(name: "tofu.horizon", value: "\(horizon)", reason: "must be ≥ 1") }
        try LinearPolicyValidation.nonNegative(parameterBound, name: "tofu.s")
        try LinearPolicyValidation.nonNegative(radiusScale, name: "tofu.alpha")
        design = try RidgeRegression(dimension: dimension, regularization: regularization)
        self.armCount = armCount
        self.epsilon = epsilon
        self.momentBound = momentBound
        self.confidence = confidence
        self.horizon = horizon
        self.parameterBound = parameterBound
        self.radiusScale = radiusScale
        estimate = Vector(repeating: 0, count: dimension)
        history = FeatureGroupedRewards(dimension: dimension)
        scratch = Scratch(dimension: dimension, armCount: armCount)
    }

    /// t, the payoffs recorded.
    public var count: Int { history.count }

    /// t^{(1−ε)/(2(1+ε))} (t ≥ 1).
    func growth(_ t: Int) -> Double {
        Double.exp((1 - epsilon) / (2 * (1 + epsilon)) * Double.log(Double(Swift.max(t, 1))))
    }

    /// bₜ = (b / ln(2T/δ))^{1/(1+ε)}·t^{(1−ε)/(2(1+ε))}, the level after t payoffs.
    public func truncationLevel(samples t: Int) -> Double {
        let logTerm = Double.log(2 * Double(horizon) / confidence)
        return Double.exp((Double.log(momentBound) - Double.log(logTerm)) / (1 + epsilon)) * growth(t)
    }

    /// βₜ = α·4√d·b^{1/(1+ε)}·ln(2dT/δ)^{ε/(1+ε)}·t^{(1−ε)/(2(1+ε))} + √λ·S after t payoffs
    /// (t = 0 uses t = 1: C₀ is only used while every width is equal).
    public func radius(samples t: Int) -> Double {
        let logTerm = Double.log(2 * Double(dimension) * Double(horizon) / confidence)
        let scale = 4 * Double(dimension).squareRoot()
            * Double.exp((Double.log(momentBound) + epsilon * Double.log(logTerm)) / (1 + epsilon))
        return radiusScale * scale * growth(t) + design.regularization.squareRoot() * parameterBound
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validate(features: features)
        return design.optimisticArm(
            features: features.matrix, theta: estimate, radius: radius(samples: count),
            workspace: &scratch.scoring, means: &scratch.means, widths: &scratch.widths)
    }

    /// Records (xₜ, yₜ), forms Vₜ^{−1/2} and re-truncates the whole history. All-or-nothing:
    /// a typed error leaves the policy unchanged (``BanditError/numerical(operation:reason:)``
    /// if Σ|y| would overflow or the eigendecomposition fails).
    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        let x = Vector(features)
        try design.validate(features: x, reward: 0, arm: arm)
        guard history.accepts(reward) else {
            throw .numerical(operation: "TOFU.update", reason: "the sum of |payoffs| would overflow")
        }
        // Vₜ^{−1/2} is formed aside first, so that a failure leaves the policy as it was.
        do {
            scratch.gram.withUnsafeMutableBufferPointer { target in
                design.lowerGram.withUnsafeBufferPointer { source in
                    for index in source.indices { target[index] = source[index] }
                }
            }
            try scratch.gram.symmetricRankOneUpdateLower(x)
            try scratch.inverseRoot.compute(fromLower: scratch.gram)
        } catch {
            throw .numerical(operation: "TOFU.update", reason: error.description)
        }
        try design.update(features: x, reward: 0, arm: arm)
        history.append(features: features, reward: reward)
        reestimate()
    }

    /// θ̂ₜ = Vₜ^{−1/2}z with zᵢ = Σₛ u_{i,s}yₛ𝟙{|u_{i,s}yₛ| ≤ bₜ}, summed group by group.
    mutating func reestimate() {
        let d = dimension
        let groups = history.groupCount
        let level = truncationLevel(samples: history.count)
        if scratch.projections.count < d * groups {
            scratch.projections.append(contentsOf: repeatElement(0, count: d * groups - scratch.projections.count))
        }
        let root = scratch.inverseRoot.root
        do {
            try history.features.withUnsafeBufferPointer { (x) throws(LinearAlgebraError) in
                try scratch.projections.withUnsafeMutableBufferPointer { (u) throws(LinearAlgebraError) in
                    try root.multiply(columns: groups, of: x, into: u)
                }
            }
        } catch {
            preconditionFailure("TOFU: the projection buffers always hold G columns: \(error)")
        }
        var truncated = 0
        scratch.coordinates.withUnsafeMutableBufferPointer { z in
            z.update(repeating: 0)
            scratch.projections.withUnsafeBufferPointer { u in
                for g in 0..<groups {
                    let size = history.size(of: g)
                    history.withKeptSums(group: g) { keptSum in
                        for i in 0..<d {
                            let coefficient = u[g * d + i]
                            let (sum, kept) = keptSum(abs(coefficient), level)
                            z[i] += coefficient * sum
                            truncated += size - kept
                        }
                    }
                }
            }
        }
        do { try root.gemv(.noTranspose, x: scratch.coordinates, beta: 0, into: &estimate) } catch {
            preconditionFailure("TOFU: shapes are d throughout: \(error)")
        }
        truncatedInLastEstimate = truncated
    }

    /// Working memory: none of it is state (equal and hashed as nothing), all of it reused.
    // Snapshots hold the configuration, the design, the estimate and the grouped history;
    // the scratch buffers are rebuilt (Vₜ^{−1/2} is recomputed by the next update before use).
    private enum CodingKeys: String, CodingKey {
        case armCount, epsilon, momentBound, confidence, horizon, parameterBound, radiusScale
        case design, estimate, truncatedInLastEstimate, history
    }

    /// The largest K·d whose scoring buffers a decoded state may ask for (128 MiB): the buffers
    /// are not stored, so their size is checked before they are allocated from a claimed K.
    static let maximumDecodedScoringCells = 1 << 24

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        armCount = try container.decode(Int.self, forKey: .armCount)
        epsilon = try container.decode(Double.self, forKey: .epsilon)
        momentBound = try container.decode(Double.self, forKey: .momentBound)
        confidence = try container.decode(Double.self, forKey: .confidence)
        horizon = try container.decode(Int.self, forKey: .horizon)
        parameterBound = try container.decode(Double.self, forKey: .parameterBound)
        radiusScale = try container.decode(Double.self, forKey: .radiusScale)
        design = try container.decode(RidgeRegression.self, forKey: .design)
        estimate = try container.decode(Vector.self, forKey: .estimate)
        truncatedInLastEstimate = try container.decode(Int.self, forKey: .truncatedInLastEstimate)
        history = try container.decode(FeatureGroupedRewards.self, forKey: .history)
        let (cells, overflow) = armCount.multipliedReportingOverflow(by: Swift.max(design.dimension, 1))
        guard armCount >= 1, !overflow, cells <= Self.maximumDecodedScoringCells else {
            throw DecodingError.dataCorruptedError(
                forKey: .armCount, in: container,
                debugDescription: "\(armCount) arms of dimension \(design.dimension) exceed \(Self.maximumDecodedScoringCells) scoring cells")
        }
        scratch = Scratch(dimension: design.dimension, armCount: armCount)
    }

    struct Scratch: Sendable, Hashable {
        var gram: Matrix
        var inverseRoot: SymmetricInverseSquareRoot
        var projections: [Double] = []
        var coordinates: Vector
        var scoring: Matrix
        var means: Vector
        var widths: Vector

        init(dimension d: Int, armCount k: Int) {
            gram = Matrix(rows: d, columns: d, repeating: 0)
            inverseRoot = SymmetricInverseSquareRoot(dimension: d)
            coordinates = Vector(repeating: 0, count: d)
            scoring = Matrix(rows: d, columns: k, repeating: 0)
            means = Vector(repeating: 0, count: k)
            widths = Vector(repeating: 0, count: k)
        }

        static func == (lhs: Self, rhs: Self) -> Bool { true }
        func hash(into hasher: inout Hasher) {}
    }
}
