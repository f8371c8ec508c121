import BanditCore
import LinearAlgebra

/// LinUCB with one shared parameter vector (Li, Chu, Langford & Schapire 2010, "A
/// Contextual-Bandit Approach to Personalized News Article Recommendation", WWW, Eq. (5) applied
/// to a single model; Chu, Li, Reyzin & Schapire 2011, AISTATS, "LinUCB").
///
/// Each round, for every arm a with features x_a: p_a = x_aᵀθ̂ + α·√(x_aᵀA⁻¹x_a) with
/// A = λI + Σ xxᵀ and θ̂ = A⁻¹b (``RidgeRegression``); play argmax p_a (ties: lowest index).
/// This is the model of an environment with one unknown θ* shared by all arms, which is what the
/// `contextual` family simulates; the per-arm model of Li et al.'s Algorithm 1 is
/// ``LinUCBDisjoint``.
///
/// Batched: all K means are one `dgemv` and all K widths one `dtrmm` with the ridge's cached
/// L⁻ᵀ on the d × K features, O(K·d²) per decision; an update is O(d²). Nothing allocates per
/// step.
///
/// Threads: one decision's BLAS calls are small (d × K), and when OpenBLAS hands such a call
/// to a second thread the hand-off costs more than the arithmetic (measured: a d = 100, K = 50
/// `dtrmm` several times slower with two threads than with one on a busy 2-core machine). Run
/// policies with `OpenBLAS.setThreadCount(1)` and parallelise across policies or repetitions
/// instead, as the simulator and the benchmarks do.
public struct LinUCB: ContextualPolicy, Hashable, Codable {
    public let armCount: Int
    public var dimension: Int { ridge.dimension }
    /// α, the width multiplier (Li et al. 2010, Eq. (4)–(5); α = 1 + √(ln(2/δ)/2) there).
    public let explorationScale: Double
    /// The ridge statistics.
    public internal(set) var ridge: RidgeRegression
    // Scratch of the last decision (encoded for the snapshot format, not compared).
    @DerivedState var workspace: Matrix
    @DerivedState var means: Vector
    @DerivedState var widths: Vector

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, d ≥ 1,
    ///   α ≥ 0 and λ > 0.
    public init(armCount: Int, dimension: Int, explorationScale: Double = 1, regularization: Double = 1) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        try LinearPolicyValidation.nonNegative(explorationScale, name: "linucb.alpha")
        ridge = try RidgeRegression(dimension: dimension, regularization: regularization)
        self.armCount = armCount
        self.explorationScale = explorationScale
        workspace = Matrix(rows: dimension, columns: armCount, repeating: 0)
        means = Vector(repeating: 0, count: armCount)
        widths = Vector(repeating: 0, count: armCount)
    }

    /// The K scores p_a of the current state (for inspection and tests).
    public func scores(features: ArmFeatures) throws(BanditError) -> [Double] {
        var copy = self
        try copy.validate(features: features)
        copy.computeScores(features)
        return Array(copy.means)
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validateQuickly(features: features)
        computeScores(features)
        return means.withUnsafeBufferPointer(argmaxLowestIndex)
    }

    mutating func computeScores(_ features: ArmFeatures) {
        let x = features.matrix
        ridge.means(features: x, into: &means)
        ridge.widthsThroughInverseFactor(features: x, workspace: &_workspace.wrappedValue, into: &_widths.wrappedValue)
        let alpha = explorationScale
        widths.withUnsafeBufferPointer { w in
            means.withUnsafeMutableBufferPointer { m in
                for a in m.indices { m[a] += alpha * w[a] }
            }
        }
    }

    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        try ridge.update(features: features, reward: reward, arm: arm)
    }

}
