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
/// Batched: with the ridge's cached U = L⁻ᵀ, every arm's y = Uᵀx = L⁻¹x gives its width ‖y‖ and
/// its mean yᵀ(L⁻¹b) = xᵀθ̂, O(K·d²) per decision — in one fused vector pass where the CPU has
/// AVX2 and FMA, otherwise by one `dtrmm`, one `dgemv` and a norms pass — and the scores
/// certify the features finite. An update is O(d²) rotations with no triangular solve: θ̂ is
/// solved only when read. Nothing allocates per step.
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
    /// The buffers a decision is scored in before its features are known to be finite; swapped
    /// (not copied) with the three above once they are, so a rejected decision leaves even the
    /// encoded scratch byte for byte as it was. Not encoded; allocated by the first decision.
    @DerivedState var pending: Scratch? = nil

    /// One decision's buffers: Y = UᵀX (d × K, written only by the BLAS route), the scores,
    /// the widths; and the fused route's packed triangle, which stays here (never swapped).
    struct Scratch: Sendable {
        var workspace: Matrix
        var means: Vector
        var widths: Vector
        var packed: TriangularScoringScratch
    }

    /// The encoded state (v1 snapshot format), as before ``pending`` existed.
    enum CodingKeys: String, CodingKey {
        case armCount, explorationScale, ridge, workspace, means, widths
    }

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

    /// Validates the shapes, scores, and scans the features for non-finite entries only when
    /// a score came out non-finite: ``RidgeRegression/optimisticScores(features:explorationScale:workspace:widths:into:)``
    /// makes every non-finite feature show in its arm's score, so finite scores certify the
    /// features, and the full validation then throws the precise error (which entry of which
    /// arm) with the statistics untouched. Finite features whose scores overflow pass that
    /// validation and are scored as before.
    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        guard features.dimension == dimension, features.armCount == armCount else {
            try validate(features: features)
            preconditionFailure("LinUCB.selectArm: the full validation accepted mismatched shapes")
        }
        var scratch = _pending.wrappedValue.take() ?? makeScratch()
        let finite = ridge.optimisticScores(
            features: features.matrix, explorationScale: explorationScale,
            workspace: &scratch.workspace, scratch: &scratch.packed, widths: &scratch.widths, into: &scratch.means)
        if !finite {
            do throws(BanditError) { try validate(features: features) } catch {
                _pending.wrappedValue = scratch
                throw error
            }
        }
        swap(&scratch.workspace, &_workspace.wrappedValue)
        swap(&scratch.means, &_means.wrappedValue)
        swap(&scratch.widths, &_widths.wrappedValue)
        _pending.wrappedValue = scratch
        return means.withUnsafeBufferPointer(argmaxLowestIndex)
    }

    /// Fills `means` with the scores p_a (and `widths`); returns whether all are finite.
    @discardableResult
    mutating func computeScores(_ features: ArmFeatures) -> Bool {
        var scratch = _pending.wrappedValue.take() ?? makeScratch()
        defer { _pending.wrappedValue = scratch }
        return ridge.optimisticScores(
            features: features.matrix, explorationScale: explorationScale,
            workspace: &_workspace.wrappedValue, scratch: &scratch.packed, widths: &_widths.wrappedValue, into: &_means.wrappedValue)
    }

    private func makeScratch() -> Scratch {
        Scratch(
            workspace: Matrix(rows: dimension, columns: armCount, repeating: 0),
            means: Vector(repeating: 0, count: armCount), widths: Vector(repeating: 0, count: armCount),
            packed: TriangularScoringScratch(dimension: dimension))
    }

    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        // Scoring reads c = L⁻¹b, never θ̂: its two solves wait until θ̂ is read.
        try ridge.updateDeferringEstimate(features: features, reward: reward, arm: arm)
    }

}
