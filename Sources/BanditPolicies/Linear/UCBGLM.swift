import BanditCore
import LinearAlgebra
import RealModule

/// UCB-GLM with the logistic link (Li, Lu & Zhou 2017, "Provably Optimal Algorithms for
/// Generalized Linear Contextual Bandits", ICML, Algorithm 1; the GLM-UCB of Filippi, Cappé,
/// Garivier & Szepesvári 2010, NeurIPS, uses the same design-matrix width).
///
/// Rewards follow E[r | x] = μ(xᵀθ*) with μ(z) = 1/(1 + e^{−z}). θ̂ₜ is the maximum-likelihood
/// estimate, i.e. the root of Σₛ (rₛ − μ(xₛᵀθ)) xₛ = 0 (Li et al. 2017, Eq. (4)); here with a
/// ridge term λθ so the root exists from the first round (the paper instead explores at random
/// for τ rounds). The arm played maximises x_aᵀθ̂ + α·‖x_a‖_{V⁻¹} with V = λI + Σ xxᵀ
/// (Algorithm 1, line 7); the theory's α = (σ/κ)·√((d/2)·ln(1 + 2t/d) + ln(1/δ)), and α is a
/// user parameter as in the paper's experiments.
///
/// The MLE is computed by Newton's method (= IRLS) on the BLAS shim: gradient
/// Xᵀ(r − μ(Xθ)) − λθ by two `dgemv`s, Hessian XᵀWX + λI by one `dsyrk` on √w-scaled columns,
/// the step by a Cholesky solve; warm-started from the previous θ̂, stopping after `newtonSteps`
/// steps or when the step is below 10⁻¹⁰·(1 + ‖θ̂‖). A fit costs O(t·d²), so it is redone when
/// the number of observations has grown by the factor `1 + refitGrowth` since the last fit
/// (refitGrowth = 0 refits every round, the paper's algorithm); V and the widths are updated
/// every round. A failed fit (non-positive-definite Hessian, non-finite step) keeps the previous
/// estimate.
public struct UCBGLM: ContextualPolicy, Hashable, Codable {
    public let armCount: Int
    public var dimension: Int { design.dimension }
    /// α, the width multiplier.
    public let explorationScale: Double
    /// Maximum Newton steps per fit.
    public let newtonSteps: Int
    /// Relative growth of the sample between fits.
    public let refitGrowth: Double
    /// V = λI + Σ xxᵀ (its `estimate` is unused: rewards are Bernoulli, not linear).
    public private(set) var design: RidgeRegression
    /// θ̂, the (regularised) maximum-likelihood estimate.
    public private(set) var estimate: Vector
    /// Every observed feature vector, column-major d × n.
    public private(set) var history: [Double]
    /// Every observed reward.
    public private(set) var rewards: [Double]
    /// The sample size at which the next fit happens.
    public private(set) var nextFit: Int
    // Scratch of the last decision (encoded for the snapshot format, not compared).
    @DerivedState var workspace: Matrix
    @DerivedState var means: Vector
    @DerivedState var widths: Vector

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1,
    ///   α ≥ 0, λ > 0, newtonSteps ≥ 1 and refitGrowth ≥ 0.
    public init(
        armCount: Int, dimension: Int, explorationScale: Double = 1, regularization: Double = 1,
        newtonSteps: Int = 5, refitGrowth: Double = 0.05
    ) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        try LinearPolicyValidation.nonNegative(explorationScale, name: "glm-ucb.alpha")
        try LinearPolicyValidation.nonNegative(refitGrowth, name: "glm-ucb.growth")
        guard newtonSteps >= 1 && newtonSteps <= 100 else {
            throw .invalidParameter(name: "glm-ucb.steps", value: "\(newtonSteps)", reason: "must be in 1...100")
        }
        design = try RidgeRegression(dimension: dimension, regularization: regularization)
        self.armCount = armCount
        self.explorationScale = explorationScale
        self.newtonSteps = newtonSteps
        self.refitGrowth = refitGrowth
        estimate = Vector(repeating: 0, count: dimension)
        history = []
        rewards = []
        nextFit = 1
        workspace = Matrix(rows: dimension, columns: armCount, repeating: 0)
        means = Vector(repeating: 0, count: armCount)
        widths = Vector(repeating: 0, count: armCount)
    }

    /// μ(z) = 1/(1 + e^{−z}), evaluated without overflow.
    @inlinable
    public static func logistic(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + Double.exp(-z)) : Double.exp(z) / (1 + Double.exp(z))
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validateQuickly(features: features)
        let x = features.matrix
        design.means(features: x, theta: estimate, into: &means)
        design.widthsThroughInverseFactor(features: x, workspace: &_workspace.wrappedValue, into: &_widths.wrappedValue)
        let alpha = explorationScale
        widths.withUnsafeBufferPointer { w in
            means.withUnsafeMutableBufferPointer { m in
                for a in m.indices { m[a] += alpha * w[a] }
            }
        }
        return means.withUnsafeBufferPointer(argmaxLowestIndex)
    }

    /// - Throws: as every contextual policy, and ``BanditError/invalidParameter(name:value:reason:)``
    ///   for a reward outside [0, 1] (the logistic model's range).
    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        guard (0...1).contains(reward) else {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "the logistic model needs rewards in [0, 1]")
        }
        try design.update(features: features, reward: 0, arm: arm)
        history.append(contentsOf: features)
        rewards.append(reward)
        if rewards.count >= nextFit {
            fit()
            // A huge growth factor means "never refit again", not an Int overflow trap.
            let grown = (Double(rewards.count) * (1 + refitGrowth)).rounded(.up)
            nextFit = grown < 0x1p62 ? Swift.max(rewards.count + 1, Int(grown)) : Int.max
        }
    }

    /// Runs the Newton iterations on all observations so far (see the type's documentation).
    public mutating func fit() {
        let d = dimension
        let n = rewards.count
        guard n > 0, let data = try? Matrix(rows: d, columns: n, columnMajor: history) else { return }
        let lambda = design.regularization
        var theta = estimate
        var eta = Vector(repeating: 0, count: n)
        var residual = Vector(repeating: 0, count: n)
        var scaled = data
        var gradient = Vector(repeating: 0, count: d)
        for _ in 0..<newtonSteps {
            do {
                try data.gemv(.transpose, x: theta, beta: 0, into: &eta)
                eta.withUnsafeBufferPointer { e in
                    residual.withUnsafeMutableBufferPointer { res in
                        data.withUnsafeBufferPointer { source in
                            scaled.withUnsafeMutableBufferPointer { target in
                                for s in 0..<n {
                                    let mu = UCBGLM.logistic(e[s])
                                    res[s] = rewards[s] - mu
                                    let root = (mu * (1 - mu)).squareRoot()
                                    for i in 0..<d { target[s * d + i] = root * source[s * d + i] }
                                }
                            }
                        }
                    }
                }
                // g = Xᵀ… in column form: X (d × n) times the residual, minus λθ.
                gradient = theta
                try data.gemv(.noTranspose, x: residual, beta: -lambda, into: &gradient)
                var hessian = Matrix(rows: d, columns: d, repeating: 0)
                for i in 0..<d { hessian[i, i] = lambda }
                try hessian.symmetricRankKUpdate(scaled, alpha: 1, beta: 1)
                let factor = try CholeskyFactor(factoring: hessian)
                try factor.solve(overwriting: &gradient)
                guard gradient.allSatisfy(\.isFinite) else { return }
                try theta.add(gradient)
                if gradient.norm2 <= 1e-10 * (1 + theta.norm2) { break }
            } catch {
                return
            }
        }
        if theta.allSatisfy(\.isFinite) { estimate = theta }
    }

}
