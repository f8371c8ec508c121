import BanditCore
import LinearAlgebra
import RealModule

/// MENU, median of means under OFU, for linear bandits with heavy-tailed payoffs (Shao, Yu,
/// King & Lyu 2018, "Almost Optimal Algorithms for Linear Stochastic Bandits with Heavy-Tailed
/// Payoffs", NeurIPS, Algorithm 1 and Theorem 2): E[y | x] = xᵀθ*, E[|η|^{1+ε}] ≤ v.
///
/// The horizon is cut into N = ⌊T/r⌋ epochs of r = ⌈24 ln(eT/δ)⌉ pulls. Epoch n plays
/// xₙ = argmax_a x_aᵀθ̂_{n−1} + β_{n−1}‖x_a‖_{V_{n−1}⁻¹} r times, with rewards y_{n,1..r}; then
/// - Vₙ = λI + Σ_{i≤n} xᵢxᵢᵀ (one outer product per epoch);
/// - r least-squares estimates θ̂_{n,j} = Vₙ⁻¹ Σ_{i≤n} y_{i,j}xᵢ, one per pull index j;
/// - θ̂ₙ = θ̂_{n,k*} with k* = argmin_j median_{k≠j} ‖θ̂_{n,j} − θ̂_{n,k}‖_{Vₙ};
/// - βₙ = 3·(α·(9dv)^{1/(1+ε)}·n^{(1−ε)/(2(1+ε))} + √λ·S) (Theorem 2's radius at α = 1; α
///   scales its data-dependent term, as for ``CRTM`` and ``CRMM``).
///
/// ‖θ̂_j − θ̂_k‖²_V = (θ̂_j − θ̂_k)ᵀ(b_j − b_k) because Vθ̂_j = b_j, so the r² distances cost
/// O(r²d) with no extra factorisation; the r solves cost O(r·d²) per epoch (one `dpotrs`-style
/// pair of triangular solves on the d × r response block).
///
/// An epoch needs the same feature vector r times (see ``EpochPlay``). A short epoch (its vector
/// vanished from the round's arms) is discarded: every one of the r estimates needs one reward
/// per epoch. Identity link only.
public struct MENU: ContextualPolicy, Hashable, Codable {
    public let armCount: Int
    public var dimension: Int { design.dimension }
    /// ε ∈ (0, 1].
    public let epsilon: Double
    /// v > 0 with E[|η|^{1+ε}] ≤ v.
    public let momentBound: Double
    /// S ≥ ‖θ*‖₂.
    public let parameterBound: Double
    /// α ≥ 0.
    public let radiusScale: Double
    /// Vₙ (its own response vector stays 0).
    public private(set) var design: RidgeRegression
    /// b_j = Σᵢ y_{i,j}xᵢ for j = 1…r, d × r column-major.
    public private(set) var responses: [Double]
    /// θ̂ₙ.
    public private(set) var estimate: Vector
    /// Epochs discarded because their vector vanished.
    public private(set) var discardedEpochs = 0
    var epoch: EpochPlay
    var estimates: Matrix
    var distances: [Double]
    var workspace: Matrix
    var means: Vector
    var widths: Vector

    /// r = ⌈24 ln(eT/δ)⌉ (Shao et al. 2018, Theorem 2).
    public static func defaultEpochLength(horizon: Int, confidence: Double) -> Int {
        Int((24 * (1 + Double.log(Double(Swift.max(horizon, 1)) / confidence))).rounded(.up))
    }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1,
    ///   r ≥ 1, ε ∈ (0, 1], v > 0, S ≥ 0, α ≥ 0 and λ > 0 (all finite).
    public init(
        armCount: Int, dimension: Int, epochLength: Int, epsilon: Double = 1, momentBound: Double = 1,
        parameterBound: Double = 1, radiusScale: Double = 1, regularization: Double = 1
    ) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        guard epochLength >= 1 && epochLength <= 4096 else {
            throw .invalidParameter(name: "menu.r", value: "\(epochLength)", reason: "must be in 1...4096")
        }
        try TruncatedMean.validate(epsilon: epsilon, momentBound: momentBound)
        try LinearPolicyValidation.nonNegative(parameterBound, name: "menu.s")
        try LinearPolicyValidation.nonNegative(radiusScale, name: "menu.alpha")
        design = try RidgeRegression(dimension: dimension, regularization: regularization)
        self.armCount = armCount
        self.epsilon = epsilon
        self.momentBound = momentBound
        self.parameterBound = parameterBound
        self.radiusScale = radiusScale
        responses = [Double](repeating: 0, count: dimension * epochLength)
        estimate = Vector(repeating: 0, count: dimension)
        epoch = EpochPlay(length: epochLength, dimension: dimension)
        estimates = Matrix(rows: dimension, columns: epochLength, repeating: 0)
        distances = [Double](repeating: 0, count: Swift.max(epochLength - 1, 1))
        workspace = Matrix(rows: dimension, columns: armCount, repeating: 0)
        means = Vector(repeating: 0, count: armCount)
        widths = Vector(repeating: 0, count: armCount)
    }

    /// r.
    public var epochLength: Int { epoch.length }
    /// n, the epochs completed.
    public var epochCount: Int { design.count }

    /// βₙ for the current epoch count.
    public var radius: Double {
        let n = Double(Swift.max(epochCount, 1))
        let growth = Double.exp((1 - epsilon) / (2 * (1 + epsilon)) * Double.log(n))
        let scale = Double.exp(Double.log(9 * Double(dimension) * momentBound) / (1 + epsilon))
        return 3 * (radiusScale * scale * growth + design.regularization.squareRoot() * parameterBound)
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validate(features: features)
        if let arm = epoch.continuingArm(in: features) { return arm }
        return design.optimisticArm(
            features: features.matrix, theta: estimate, radius: radius, workspace: &workspace, means: &means, widths: &widths)
    }

    /// Adds the reward to the epoch of `features`; a complete epoch updates the r estimates and
    /// picks their median. All-or-nothing.
    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        if !epoch.accepts(features) {
            epoch.clear()
            discardedEpochs += 1
        }
        guard epoch.rewards.count + 1 == epoch.length else {
            epoch.append(arm: arm, features: features, reward: reward)
            return
        }
        try completeEpoch(features: features, lastReward: reward, arm: arm)
        epoch.clear()
    }

    /// The end of an epoch: V, the r responses, the r solves and the median selection.
    mutating func completeEpoch(features x: [Double], lastReward: Double, arm: Int) throws(BanditError) {
        let d = dimension
        let r = epoch.length
        try design.validate(features: Vector(x), reward: 0, arm: arm)
        var finite = true
        for j in 0..<r {
            let y = j < r - 1 ? epoch.rewards[j] : lastReward
            for i in 0..<d where !(responses[j * d + i] + y * x[i]).isFinite { finite = false }
        }
        guard finite else {
            throw .numerical(operation: "MENU.update", reason: "a response b_j would overflow")
        }
        try design.update(features: x, reward: 0, arm: arm)
        let rewards = epoch.rewards
        responses.withUnsafeMutableBufferPointer { b in
            for j in 0..<r {
                let y = j < r - 1 ? rewards[j] : lastReward
                for i in 0..<d { b[j * d + i] += y * x[i] }
            }
        }
        do {
            try responses.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in try estimates.assign(columnMajor: source) }
            try design.factor.solve(overwriting: &estimates)
        } catch {
            throw .numerical(operation: "MENU.update", reason: error.description)
        }
        // k* = argmin_j median_{k≠j} ‖θ̂_j − θ̂_k‖²_V (squares: same order as the norms).
        var best = 0
        var bestMedian = Double.infinity
        if r > 1 {
            estimates.withUnsafeBufferPointer { theta in
                responses.withUnsafeBufferPointer { b in
                    for j in 0..<r {
                        var slot = 0
                        for k in 0..<r where k != j {
                            var squared = 0.0
                            for i in 0..<d { squared += (theta[j * d + i] - theta[k * d + i]) * (b[j * d + i] - b[k * d + i]) }
                            distances[slot] = squared
                            slot += 1
                        }
                        distances.sort()
                        let m = distances.count
                        let median = m % 2 == 1 ? distances[m / 2] : distances[m / 2 - 1] / 2 + distances[m / 2] / 2
                        if median < bestMedian { bestMedian = median; best = j }
                    }
                }
            }
        }
        estimates.withUnsafeBufferPointer { theta in
            estimate.withUnsafeMutableBufferPointer { target in
                for i in 0..<d { target[i] = theta[best * d + i] }
            }
        }
    }
}
