import BanditCore
import LinearAlgebra

/// Ridge-regression statistics shared by every linear policy: the regularised Gram matrix
/// A = λI + Σₛ xₛxₛᵀ, the response vector b = Σₛ rₛxₛ, the Cholesky factor A = LLᵀ and the
/// estimate θ̂ = A⁻¹b (Li et al. 2010, Algorithm 1 lines 4–5 and 12–13; Abbasi-Yadkori et al.
/// 2011, Eq. (3): V̄ₜ and θ̂ₜ).
///
/// Numerics (DESIGN §3):
/// - A is the source of truth and is **exactly** symmetric: it is stored by its lower triangle
///   (BLAS `dsyr`, O(d²/2) per update, the half `dpotrf` reads) and ``gram`` returns it with the
///   upper triangle a bitwise mirror of the lower one; A⁻¹ itself is never formed.
/// - L is updated by the LINPACK rank-one update in O(d²) per observation, whose diagonal can
///   only grow, so the factor stays positive definite after any number of updates — including
///   duplicated, collinear and tiny contexts.
/// - Every `refactorizationInterval` updates L is recomputed from A by LAPACK `dpotrf`, which
///   bounds the accumulated rounding drift of the updates to that many steps. If A itself is
///   numerically singular at that moment (possible for λ ≈ 10⁻⁸ with collinear contexts) the
///   incremental factor — still a valid positive-definite factor — is kept.
/// - θ̂ is recomputed after each update by two triangular solves (O(d²)) — or, for policies
///   that score through L⁻¹ (``updateDeferringEstimate(features:reward:arm:)``), only when
///   read, by the same two solves, so it is the same function of (L, b) either way.
/// - c = L⁻¹b (``whitenedResponse``) is carried through each update by the factor's own
///   rotations in O(d) (``CholeskyFactor/rankOneUpdate(_:inverseTransposed:whitenedRightHandSide:weight:)``)
///   and recomputed by one solve whenever L is replaced. With Y = UᵀX ≈ L⁻¹X, the mean
///   xᵀθ̂ = (L⁻¹x)ᵀ(L⁻¹b) is yᵀc: scoring reads one product for both means and widths.
/// - U = L⁻ᵀ (``inverseFactorTransposed``) is a cache for batched widths: the same rotations
///   that update L update it in O(d²) (``CholeskyFactor/rankOneUpdate(_:inverseTransposed:)``),
///   so ‖L⁻¹x‖ = ‖Uᵀx‖ becomes a triangular product (BLAS `dtrmm`, markedly cheaper than
///   `dtrsm` at bandit sizes). It is recomputed from L by `dtrtri` whenever L is (every
///   refactorisation, merge and decoding), which bounds its drift from L⁻ᵀ the same way. It is
///   derived state: not encoded, not compared by `==`; θ̂ never uses it (the solves through L
///   are backward stable, an explicit inverse is not).
///
/// Every update validates first and is all-or-nothing.
public struct RidgeRegression: Sendable, Hashable, Codable {
    /// d.
    public let dimension: Int
    /// λ > 0.
    public let regularization: Double
    /// Updates between two refactorisations of A.
    public let refactorizationInterval: Int
    /// The lower triangle of A = λI + Σ xxᵀ (the strictly upper part is not maintained).
    public internal(set) var lowerGram: Matrix
    /// A = λI + Σ xxᵀ, exactly symmetric (built from ``lowerGram``; O(d²), allocates).
    public var gram: Matrix { lowerGram.mirroringLowerTriangle() }
    /// b = Σ r x.
    public internal(set) var response: Vector
    /// The Cholesky factor of A.
    public private(set) var factor: CholeskyFactor
    /// θ̂ = A⁻¹ b, solved from the current L and b (two triangular solves) — read from
    /// ``solvedEstimate`` unless an update deferred the solve; then computed (and allocated)
    /// on each read, which only inspection and encoding do.
    public var estimate: Vector { estimateIsDeferred ? freshlySolvedEstimate() : solvedEstimate }
    /// θ̂ as of the last solve: the current θ̂ unless ``estimateIsDeferred``.
    private(set) var solvedEstimate: Vector
    /// Number of observations recorded.
    public internal(set) var count: Int
    /// Rank-one updates applied since L was last computed from A.
    public internal(set) var updatesSinceRefactorization: Int
    /// Largest diagonal entry of A (used to reject updates that would overflow).
    var largestDiagonal: Double
    /// U ≈ L⁻ᵀ (upper triangular), kept by the same rotations as L and refreshed from L by
    /// `dtrtri` at every refactorisation: ‖L·Uᵀ − I‖_F grows by at most about
    /// 2d·γ₆·√trace(A)·‖U‖_F per update in between (see
    /// ``CholeskyFactor/rankOneUpdate(_:inverseTransposed:)``).
    @DerivedState private(set) var inverseFactorTransposed: Matrix
    /// c ≈ L⁻¹b, kept by the rotations of each update (see
    /// ``CholeskyFactor/rankOneUpdate(_:inverseTransposed:whitenedRightHandSide:weight:)``)
    /// and recomputed by a triangular solve whenever L is replaced, which bounds its drift like
    /// U's. Derived: not encoded, not compared.
    @DerivedState private(set) var whitenedResponse: Vector
    /// Whether updates since the last solve left θ̂ unsolved
    /// (``updateDeferringEstimate(features:reward:arm:)``). Not encoded: the encoded θ̂ is
    /// solved on encoding.
    @DerivedState private(set) var estimateIsDeferred = false

    /// The encoded state (v1 snapshot format): everything except the derived ``inverseFactorTransposed``.
    enum CodingKeys: String, CodingKey {
        case dimension, regularization, refactorizationInterval, lowerGram, response, factor, estimate, count
        case updatesSinceRefactorization, largestDiagonal
    }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless d ≥ 1, λ > 0 and
    ///   finite, and the interval ≥ 1.
    public init(dimension: Int, regularization: Double = 1, refactorizationInterval: Int = 1024) throws(BanditError) {
        guard dimension >= 1 && dimension <= 1 << 16 else {
            throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be in 1...65536")
        }
        guard regularization.isFinite, regularization > 0 else {
            throw .invalidParameter(name: "lambda", value: "\(regularization)", reason: "the ridge regularisation λ must be positive and finite")
        }
        guard refactorizationInterval >= 1 else {
            throw .invalidParameter(name: "refactorizationInterval", value: "\(refactorizationInterval)", reason: "must be ≥ 1")
        }
        self.dimension = dimension
        self.regularization = regularization
        self.refactorizationInterval = refactorizationInterval
        var a = Matrix(rows: dimension, columns: dimension, repeating: 0)
        for i in 0..<dimension { a[i, i] = regularization }
        lowerGram = a
        response = Vector(repeating: 0, count: dimension)
        do { factor = try CholeskyFactor(identityScaledBy: regularization, dimension: dimension) } catch {
            throw .numerical(operation: "RidgeRegression.init", reason: error.description)
        }
        solvedEstimate = Vector(repeating: 0, count: dimension)
        whitenedResponse = Vector(repeating: 0, count: dimension)
        count = 0
        updatesSinceRefactorization = 0
        largestDiagonal = regularization
        // L = √λ·I, so L⁻ᵀ = (1/√λ)·I: the value `dtrtri` computes (one division per diagonal).
        var inverse = Matrix(rows: dimension, columns: dimension, repeating: 0)
        let inverseRoot = 1 / regularization.squareRoot()
        for i in 0..<dimension { inverse[i, i] = inverseRoot }
        inverseFactorTransposed = inverse
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dimension = try container.decode(Int.self, forKey: .dimension)
        regularization = try container.decode(Double.self, forKey: .regularization)
        refactorizationInterval = try container.decode(Int.self, forKey: .refactorizationInterval)
        lowerGram = try container.decode(Matrix.self, forKey: .lowerGram)
        response = try container.decode(Vector.self, forKey: .response)
        factor = try container.decode(CholeskyFactor.self, forKey: .factor)
        solvedEstimate = try container.decode(Vector.self, forKey: .estimate)
        count = try container.decode(Int.self, forKey: .count)
        updatesSinceRefactorization = try container.decode(Int.self, forKey: .updatesSinceRefactorization)
        largestDiagonal = try container.decode(Double.self, forKey: .largestDiagonal)
        // The factor decoded with its invariants checked (positive diagonal), so dtrtri succeeds.
        inverseFactorTransposed = try factor.inverseTransposed()
        // b of the wrong length or not finite fails the state's validation, which runs next;
        // until then c only needs the right length.
        whitenedResponse = (try? factor.solveLower(response)) ?? Vector(repeating: 0, count: factor.dimension)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dimension, forKey: .dimension)
        try container.encode(regularization, forKey: .regularization)
        try container.encode(refactorizationInterval, forKey: .refactorizationInterval)
        try container.encode(lowerGram, forKey: .lowerGram)
        try container.encode(response, forKey: .response)
        try container.encode(factor, forKey: .factor)
        try container.encode(estimate, forKey: .estimate)
        try container.encode(count, forKey: .count)
        try container.encode(updatesSinceRefactorization, forKey: .updatesSinceRefactorization)
        try container.encode(largestDiagonal, forKey: .largestDiagonal)
    }

    /// Equal statistics: every encoded field, θ̂ as solved from the current L and b (so a
    /// deferred and an eager copy of the same observations compare equal); the caches U and c
    /// are not compared.
    public static func == (lhs: RidgeRegression, rhs: RidgeRegression) -> Bool {
        lhs.dimension == rhs.dimension && lhs.regularization == rhs.regularization
            && lhs.refactorizationInterval == rhs.refactorizationInterval && lhs.lowerGram == rhs.lowerGram
            && lhs.response == rhs.response && lhs.factor == rhs.factor && lhs.estimate == rhs.estimate
            && lhs.count == rhs.count && lhs.updatesSinceRefactorization == rhs.updatesSinceRefactorization
            && lhs.largestDiagonal == rhs.largestDiagonal
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dimension)
        hasher.combine(regularization)
        hasher.combine(refactorizationInterval)
        hasher.combine(lowerGram)
        hasher.combine(response)
        hasher.combine(factor)
        hasher.combine(estimate)
        hasher.combine(count)
        hasher.combine(updatesSinceRefactorization)
        hasher.combine(largestDiagonal)
    }

    /// Checks an observation without recording it.
    /// - Throws: ``BanditError/dimensionMismatch(name:expected:actual:)``,
    ///   ``BanditError/invalidParameter(name:value:reason:)`` for a non-finite feature or one so
    ///   large that A or b would overflow, ``BanditError/nonFiniteReward(arm:value:)``.
    public func validate(features x: Vector, reward: Double, arm: Int = 0) throws(BanditError) {
        guard x.count == dimension else { throw .dimensionMismatch(name: "features", expected: dimension, actual: x.count) }
        // Plain loops over the buffers (this runs on every update). An infinite entry makes the
        // largest magnitude infinite, but max() skips NaN, hence the separate finiteness pass.
        let largest = Self.largestMagnitude(x)
        guard largest.isFinite, x.storage.allSatisfy(\.isFinite) else {
            let row = x.storage.firstIndex { !$0.isFinite } ?? 0
            throw .invalidParameter(name: "features[\(row)]", value: "\(x[row])", reason: "features must be finite")
        }
        guard reward.isFinite else { throw .nonFiniteReward(arm: arm, value: reward) }
        // |Aᵢⱼ| ≤ √(AᵢᵢAⱼⱼ) and |Lᵢⱼ| ≤ √Aᵢᵢ, so finite diagonals keep A and L finite.
        guard (largest * largest + largestDiagonal).isFinite,
              (Swift.abs(reward) * largest + Self.largestMagnitude(response)).isFinite
        else {
            throw .invalidParameter(name: "features", value: "max |x| = \(largest)", reason: "so large that the statistics would overflow")
        }
    }

    /// max |vᵢ| (0 for an empty vector; NaN entries are skipped by `max`, infinite ones win).
    @inline(__always)
    private static func largestMagnitude(_ v: Vector) -> Double {
        v.storage.withUnsafeBufferPointer { buffer in
            var largest = 0.0
            for value in buffer { largest = Swift.max(largest, Swift.abs(value)) }
            return largest
        }
    }

    /// Records one observation (x, r): A += xxᵀ, b += r x, L ← rank-one update, θ̂ ← A⁻¹b.
    /// All-or-nothing: throws (see ``validate(features:reward:arm:)``) with the statistics unchanged.
    public mutating func update(features x: Vector, reward: Double, arm: Int = 0) throws(BanditError) {
        try record(features: x, reward: reward, arm: arm)
        solveEstimate()
    }

    /// Records one observation as ``update(features:reward:arm:)`` does, but leaves θ̂ to be
    /// solved when it is read: for policies that score through L⁻¹ and c = L⁻¹b
    /// (``optimisticScores(features:explorationScale:workspace:widths:into:)``) and never read
    /// θ̂ on their hot path. The statistics, the encoded state and `==` are exactly those of
    /// ``update(features:reward:arm:)``.
    public mutating func updateDeferringEstimate(features x: Vector, reward: Double, arm: Int = 0) throws(BanditError) {
        try record(features: x, reward: reward, arm: arm)
        estimateIsDeferred = true
    }

    /// Records one observation as ``updateDeferringEstimate(features:reward:arm:)`` does.
    public mutating func updateDeferringEstimate(features x: [Double], reward: Double, arm: Int = 0) throws(BanditError) {
        try updateDeferringEstimate(features: Vector(x), reward: reward, arm: arm)
    }

    /// A, b, L, U and c after one observation (refactorising when due); θ̂ untouched.
    private mutating func record(features x: Vector, reward: Double, arm: Int) throws(BanditError) {
        try validate(features: x, reward: reward, arm: arm)
        do {
            try lowerGram.symmetricRankOneUpdateLower(x)
            try response.add(x, scaledBy: reward)
            try factor.rankOneUpdate(
                x, inverseTransposed: &_inverseFactorTransposed.wrappedValue,
                whitenedRightHandSide: &_whitenedResponse.wrappedValue, weight: reward)
        } catch {
            preconditionFailure("RidgeRegression.update: validated input rejected: \(error)")
        }
        let n = dimension
        var largest = largestDiagonal
        lowerGram.storage.withUnsafeBufferPointer { a in
            for i in 0..<n { largest = Swift.max(largest, a[i + i * n]) }
        }
        largestDiagonal = largest
        count += 1
        updatesSinceRefactorization += 1
        if updatesSinceRefactorization >= refactorizationInterval { refactorizeFactor() }
    }

    /// Records one observation given as an array (wrapped without copying).
    public mutating func update(features x: [Double], reward: Double, arm: Int = 0) throws(BanditError) {
        try update(features: Vector(x), reward: reward, arm: arm)
    }

    /// Recomputes L from A with `dpotrf`, keeping the incremental factor if A is numerically
    /// not positive definite; resets the drift counter either way.
    public mutating func refactorize() {
        refactorizeFactor()
        solveEstimate()
    }

    /// ``refactorize()`` without solving θ̂.
    private mutating func refactorizeFactor() {
        if let fresh = try? CholeskyFactor(factoring: lowerGram) { replaceFactor(with: fresh) }
        updatesSinceRefactorization = 0
    }

    /// Overwrites these statistics with `other`'s in place (no allocation when the buffers are
    /// uniquely referenced): for staging an update in kept buffers. Precondition: same d, λ and
    /// refactorisation interval.
    mutating func assign(from other: RidgeRegression) {
        precondition(other.dimension == dimension && other.regularization == regularization
            && other.refactorizationInterval == refactorizationInterval, "RidgeRegression.assign: different shapes")
        do {
            try other.lowerGram.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in try lowerGram.assign(columnMajor: source) }
            try factor.assign(other.factor)
            try other.inverseFactorTransposed.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in
                try _inverseFactorTransposed.wrappedValue.assign(columnMajor: source)
            }
        } catch {
            preconditionFailure("RidgeRegression.assign: same shapes checked: \(error)")
        }
        Self.copy(other.response, into: &response)
        Self.copy(other.solvedEstimate, into: &solvedEstimate)
        Self.copy(other.whitenedResponse, into: &_whitenedResponse.wrappedValue)
        estimateIsDeferred = other.estimateIsDeferred
        count = other.count
        updatesSinceRefactorization = other.updatesSinceRefactorization
        largestDiagonal = other.largestDiagonal
    }

    private static func copy(_ source: Vector, into target: inout Vector) {
        source.withUnsafeBufferPointer { s in
            target.withUnsafeMutableBufferPointer { t in
                for i in t.indices { t[i] = s[i] }
            }
        }
    }

    /// Installs a factor computed from A and recomputes U = L⁻ᵀ from it (`dtrtri`, O(d³/3), as
    /// rare as the factorisation itself) and c = L⁻¹b (one `dtrsv`). The only way L is
    /// replaced other than by an update; callers set b first.
    mutating func replaceFactor(with fresh: CholeskyFactor) {
        do {
            inverseFactorTransposed = try fresh.inverseTransposed()
            try _whitenedResponse.wrappedValue.assign(response)
            try fresh.solveLower(overwriting: &_whitenedResponse.wrappedValue)
        } catch {
            preconditionFailure("RidgeRegression: a valid factor has an inverse and solves finite b: \(error)")
        }
        factor = fresh
    }

    /// θ̂ ← A⁻¹ b through the factor (two `dtrsv`, no allocation).
    mutating func solveEstimate() {
        do {
            try solvedEstimate.assign(response)
            try factor.solve(overwriting: &solvedEstimate)
        } catch {
            preconditionFailure("RidgeRegression: solve with a valid factor failed: \(error)")
        }
        estimateIsDeferred = false
    }

    /// A⁻¹ b by the same two solves as ``solveEstimate()``, into a new vector.
    private func freshlySolvedEstimate() -> Vector {
        do { return try factor.solve(response) } catch {
            preconditionFailure("RidgeRegression: solve with a valid factor failed: \(error)")
        }
    }

    /// log det A (from the factor).
    public var logDeterminant: Double { factor.logDeterminant }

    /// ‖x‖²_{A⁻¹} = xᵀA⁻¹x for one vector.
    public func squaredWidth(_ x: Vector) throws(BanditError) -> Double {
        do { return try factor.inverseQuadraticForm(x) } catch {
            throw .dimensionMismatch(name: "features", expected: dimension, actual: x.count)
        }
    }

    /// Batched means of K arms: `means[a] = x_aᵀθ` for every column x_a of `features` (d × K),
    /// one `dgemv`; `theta` defaults to θ̂. Preconditions (validated by callers): shapes match.
    public func means(features: Matrix, theta: Vector? = nil, into means: inout Vector) {
        do { try features.gemv(.transpose, x: theta ?? estimate, beta: 0, into: &means) } catch {
            preconditionFailure("RidgeRegression.means: shapes validated by the caller: \(error)")
        }
    }

    /// Batched confidence widths of K arms: `widths[a] = ‖x_a‖_{A⁻¹}` for every column x_a of
    /// `features` (d × K), via one `dtrsm` Y = L⁻¹X and ‖x‖²_{A⁻¹} = ‖L⁻¹x‖² per column.
    ///
    /// The reference method, through the factor itself; ``widthsThroughInverseFactor(features:workspace:into:)``
    /// is the faster one the LinUCB-style policies use.
    ///
    /// `workspace` must be d × K and is overwritten. Nothing allocates. Preconditions (validated
    /// by callers): shapes match, features finite.
    public func widths(features: Matrix, workspace: inout Matrix, into widths: inout Vector) {
        do {
            try features.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in
                try workspace.assign(columnMajor: source)
            }
            try factor.lower.solveTriangular(.lower, .noTranspose, overwriting: &workspace)
        } catch {
            preconditionFailure("RidgeRegression.widths: shapes validated by the caller: \(error)")
        }
        Self.columnNorms(workspace, into: &widths)
    }

    /// Batched confidence widths as ``widths(features:workspace:into:)``, but via one `dtrmm`
    /// Y = UᵀX with the cached U ≈ L⁻ᵀ: O(K·d²) like the solve, with markedly fewer
    /// instructions at bandit sizes (OpenBLAS's `dtrmm` against its `dtrsm`).
    ///
    /// The two differ only by U's drift from L⁻ᵀ and each method's rounding: per arm,
    /// |Δwidth| ≤ ‖L⁻¹‖₂(‖LUᵀ − I‖_F‖x‖ + γ_d‖L‖_F‖L⁻¹x‖) + γ_d‖U‖_F‖x‖ (tested). The last
    /// bits depend on when L was last refactorised, so policies keep the results as scratch
    /// (``DerivedState``), not as state.
    ///
    /// `workspace` must be d × K and is overwritten. Nothing allocates. Preconditions (validated
    /// by callers): shapes match, features finite.
    public func widthsThroughInverseFactor(features: Matrix, workspace: inout Matrix, into widths: inout Vector) {
        do {
            try features.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in
                try workspace.assign(columnMajor: source)
            }
            try inverseFactorTransposed.multiplyTriangular(.upper, .transpose, overwriting: &workspace)
        } catch {
            preconditionFailure("RidgeRegression.widthsThroughInverseFactor: shapes validated by the caller: \(error)")
        }
        Self.columnNorms(workspace, into: &widths)
    }

    /// Batched optimistic scores of K arms, `scores[a] = x_aᵀθ̂ + α‖x_a‖_{A⁻¹}` for every column
    /// x_a of `features` (d × K), with the widths left in `widths`.
    ///
    /// Where the CPU has it, one fused pass (``Matrix/fusedTriangularScores(features:weights:alpha:scratch:widths:into:)``)
    /// forms y_a = Uᵀx_a ≈ L⁻¹x_a, its norm and its dot product with c for every arm, without
    /// writing Y (`workspace` is then left as it was). Otherwise: Y = UᵀX ≈ L⁻¹X by one
    /// `dtrmm` (as ``widthsThroughInverseFactor(features:workspace:into:)``), the means
    /// y_aᵀc = x_aᵀL⁻ᵀL⁻¹b = x_aᵀθ̂ with the carried c = L⁻¹b (``whitenedResponse``) by one
    /// `dgemv` on Y, then ONE pass over Y's columns that forms each width ‖y_a‖ (summed as
    /// `Matrix.columnSquaredNorms`, so the same bits as that method) and adds α times it to the
    /// mean. One product serves both halves of the score, θ̂ itself is never needed, and the
    /// O(K·d²) work stays in BLAS. (Fusing the dot products into the norms' pass was measured
    /// and is slower: `dgemv`'s kernel is wider than the pass's portable vector code.)
    ///
    /// The means differ from x_aᵀθ̂ computed through the solves only by U's and c's drift and
    /// rounding — |Δmean| ≤ ‖ΔY_a‖‖c‖ + ‖y_a‖‖Δc‖, both drifts bounded by the refactorisation
    /// interval (tested against the solved θ̂). Like the widths, their last bits are scratch.
    ///
    /// Returns whether every score is finite. A non-finite feature always makes its arm's score
    /// non-finite, so a `true` result certifies the features finite without scanning them:
    /// (Uᵀx)ⱼ contains Uⱼⱼ·xⱼ with Uⱼⱼ ≈ 1/Lⱼⱼ finite and non-zero (Lⱼⱼ² ≤ max Aᵢᵢ, which
    /// ``validate(features:reward:arm:)`` keeps finite), so a NaN or ±∞ feature makes an entry
    /// of y_a NaN or ±∞ and its width ∞ or NaN; the score adds α times that width (α·∞ is NaN
    /// for α = 0) to the mean, and a sum with a NaN or ±∞ term is NaN or ±∞. (The converse does
    /// not hold: finite features can still overflow a score.)
    ///
    /// `workspace` must be d × K and may be overwritten; `scratch` serves d; `widths` and
    /// `scores` hold K values. Nothing allocates. Preconditions (validated by callers): shapes
    /// match.
    public func optimisticScores(
        features: Matrix, explorationScale alpha: Double, workspace: inout Matrix, scratch: inout TriangularScoringScratch,
        widths: inout Vector, into scores: inout Vector
    ) -> Bool {
        do {
            if let finite = try inverseFactorTransposed.fusedTriangularScores(
                features: features, weights: whitenedResponse, alpha: alpha, scratch: &scratch, widths: &widths, into: &scores) {
                return finite
            }
        } catch {
            preconditionFailure("RidgeRegression.optimisticScores: shapes validated by the caller: \(error)")
        }
        return optimisticScoresThroughBLAS(features: features, explorationScale: alpha, workspace: &workspace, widths: &widths, into: &scores)
    }

    /// The route of ``optimisticScores(features:explorationScale:workspace:scratch:widths:into:)``
    /// on a CPU without the fused kernel (internal so that tests run it everywhere).
    func optimisticScoresThroughBLAS(
        features: Matrix, explorationScale alpha: Double, workspace: inout Matrix, widths: inout Vector, into scores: inout Vector
    ) -> Bool {
        do {
            try features.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in
                try workspace.assign(columnMajor: source)
            }
            try inverseFactorTransposed.multiplyTriangular(.upper, .transpose, overwriting: &workspace)
            try workspace.gemv(.transpose, x: whitenedResponse, beta: 0, into: &scores)
            return try workspace.addScaledColumnNorms(alpha: alpha, widths: &widths, to: &scores)
        } catch {
            preconditionFailure("RidgeRegression.optimisticScores: shapes validated by the caller: \(error)")
        }
    }

    /// widths[a] = ‖column a of y‖.
    private static func columnNorms(_ y: Matrix, into widths: inout Vector) {
        do { try y.columnSquaredNorms(into: &widths) } catch {
            preconditionFailure("RidgeRegression: shapes validated by the caller: \(error)")
        }
        widths.withUnsafeMutableBufferPointer { buffer in
            for a in buffer.indices { buffer[a] = buffer[a].squareRoot() }
        }
    }

    /// Relative residual ‖Aθ̂ − b‖ / ‖b‖ (‖Aθ̂‖ when b = 0): the accuracy of the current estimate.
    public var relativeResidual: Double {
        guard let product = try? gram.gemv(.noTranspose, x: estimate), let difference = try? product.adding(response, scaledBy: -1) else {
            return .nan
        }
        let scale = response.norm2
        return scale > 0 ? difference.norm2 / scale : difference.norm2
    }
}
