import BanditCore
import LinearAlgebra

/// LinUCB with hybrid linear models (Li, Chu, Langford & Schapire 2010, "A Contextual-Bandit
/// Approach to Personalized News Article Recommendation", WWW, §3.2 and Algorithm 2).
///
/// The expected reward of arm a is z_aᵀβ* + x_aᵀθ*_a (Eq. (6)): β* is shared by all arms, θ*_a
/// belongs to arm a. Both feature groups are rows of the arm's column in ``ArmFeatures``:
/// `sharedRows` select z (k entries) and `armRows` select x (d' entries); the two ranges may
/// overlap (e.g. both the whole column: a shared model plus per-arm corrections).
///
/// State (Algorithm 2, λ generalising the paper's identity): A₀ = λI_k + …, b₀; per arm
/// A_a = λI_{d'} + Σ xxᵀ with b_a (a ``RidgeRegression``) and B_a = Σ x zᵀ (d' × k).
/// Score (lines 8–12), rewritten with u = A_a⁻¹x and w = B_aᵀu:
/// s_a = zᵀA₀⁻¹z − 2zᵀA₀⁻¹w + xᵀu + wᵀA₀⁻¹w = ‖L₀⁻¹(z − w)‖² + ‖L_a⁻¹x‖² and
/// p_a = zᵀβ̂ + xᵀθ̂_a + α√s_a = (z − w)ᵀβ̂ + uᵀb_a + α√s_a with β̂ = A₀⁻¹b₀,
/// θ̂_a = A_a⁻¹(b_a − B_aβ̂). The shared part (L₀⁻¹ applied to all K columns z − w) is one
/// `dtrsm`; the per-arm part needs each arm's own factor.
///
/// Update (lines 17–23): A₀ += B_aᵀA_a⁻¹B_a, b₀ += B_aᵀA_a⁻¹b_a; A_a += xxᵀ, B_a += xzᵀ,
/// b_a += rx; A₀ += zzᵀ − B_aᵀA_a⁻¹B_a, b₀ += rz − B_aᵀA_a⁻¹b_a. A₀ is a Schur complement
/// (it gains and loses terms), so it cannot take the rank-one Cholesky update; it is kept
/// exactly symmetric and refactorised (O(k³)) after each update. The update works on copies and
/// commits only when A₀'s factorisation succeeds (all-or-nothing), so it allocates; selection
/// also allocates a few small vectors per round (the hybrid model is not on the fast path).
public struct LinUCBHybrid: ContextualPolicy, Hashable, Codable {
    public let armCount: Int
    public let dimension: Int
    /// Rows of a column holding the shared features z.
    public let sharedRows: Range<Int>
    /// Rows of a column holding the per-arm features x.
    public let armRows: Range<Int>
    /// α.
    public let explorationScale: Double
    /// λ.
    public let regularization: Double
    /// A₀ (k × k), exactly symmetric.
    public private(set) var sharedGram: Matrix
    /// b₀.
    public private(set) var sharedResponse: Vector
    /// The factor of A₀.
    public private(set) var sharedFactor: CholeskyFactor
    /// β̂ = A₀⁻¹b₀.
    public private(set) var sharedEstimate: Vector
    /// A_a, b_a per arm.
    public private(set) var models: [RidgeRegression]
    /// B_a = Σ x zᵀ per arm (d' × k).
    public private(set) var cross: [Matrix]
    var residuals: Matrix
    var scores: Vector
    var widths: Vector

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless K ≥ 1, the row
    ///   ranges are non-empty and inside 0..<dimension, α ≥ 0 and λ > 0.
    public init(
        armCount: Int, dimension: Int, sharedRows: Range<Int>? = nil, armRows: Range<Int>? = nil,
        explorationScale: Double = 1, regularization: Double = 1
    ) throws(BanditError) {
        try LinearPolicyValidation.armCount(armCount)
        try LinearPolicyValidation.nonNegative(explorationScale, name: "linucb-hybrid.alpha")
        try LinearPolicyValidation.positive(regularization, name: "linucb-hybrid.lambda")
        guard dimension >= 1 else { throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be ≥ 1") }
        let shared = sharedRows ?? 0..<dimension, own = armRows ?? 0..<dimension
        for (name, range) in [("shared", shared), ("arm", own)] where range.isEmpty || range.lowerBound < 0 || range.upperBound > dimension {
            throw .invalidParameter(name: "linucb-hybrid.\(name)", value: "\(range)", reason: "must be a non-empty range of rows in 0..<\(dimension)")
        }
        let k = shared.count, d = own.count
        self.armCount = armCount
        self.dimension = dimension
        self.sharedRows = shared
        self.armRows = own
        self.explorationScale = explorationScale
        self.regularization = regularization
        var gram = Matrix(rows: k, columns: k, repeating: 0)
        for i in 0..<k { gram[i, i] = regularization }
        sharedGram = gram
        sharedResponse = Vector(repeating: 0, count: k)
        do { sharedFactor = try CholeskyFactor(identityScaledBy: regularization, dimension: k) } catch {
            throw .numerical(operation: "LinUCBHybrid.init", reason: error.description)
        }
        sharedEstimate = Vector(repeating: 0, count: k)
        models = Array(repeating: try RidgeRegression(dimension: d, regularization: regularization), count: armCount)
        cross = Array(repeating: Matrix(rows: d, columns: k, repeating: 0), count: armCount)
        residuals = Matrix(rows: k, columns: armCount, repeating: 0)
        scores = Vector(repeating: 0, count: armCount)
        widths = Vector(repeating: 0, count: armCount)
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validate(features: features)
        let k = sharedRows.count, d = armRows.count, rows = dimension
        var x = Vector(repeating: 0, count: d)
        var w = Vector(repeating: 0, count: k)
        do {
            for arm in 0..<armCount {
                features.withUnsafeBufferPointer { source in
                    x.withUnsafeMutableBufferPointer { target in
                        for i in 0..<d { target[i] = source[arm * rows + armRows.lowerBound + i] }
                    }
                }
                let model = models[arm]
                // p's per-arm part: uᵀb_a = xᵀθ̂_a(ridge) and ‖L_a⁻¹x‖².
                let ownMean = try x.dot(model.estimate)
                let ownWidth = try model.factor.inverseQuadraticForm(x)
                // w = B_aᵀ A_a⁻¹ x.
                let u = try model.factor.solve(x)
                try cross[arm].gemv(.transpose, x: u, beta: 0, into: &w)
                features.withUnsafeBufferPointer { source in
                    w.withUnsafeBufferPointer { wp in
                        for i in 0..<k { residuals[i, arm] = source[arm * rows + sharedRows.lowerBound + i] - wp[i] }
                    }
                }
                scores[arm] = ownMean
                widths[arm] = ownWidth
            }
            // Shared part for all arms at once: (z − w)ᵀβ̂ (dgemv) and ‖L₀⁻¹(z − w)‖² (dtrsm).
            var sharedMeans = Vector(repeating: 0, count: armCount)
            try residuals.gemv(.transpose, x: sharedEstimate, beta: 0, into: &sharedMeans)
            try sharedFactor.lower.solveTriangular(.lower, .noTranspose, overwriting: &residuals)
            var sharedWidths = Vector(repeating: 0, count: armCount)
            try residuals.columnSquaredNorms(into: &sharedWidths)
            for arm in 0..<armCount {
                scores[arm] += sharedMeans[arm] + explorationScale * (widths[arm] + sharedWidths[arm]).squareRoot()
            }
        } catch {
            preconditionFailure("LinUCBHybrid: validated shapes: \(error)")
        }
        return scores.withUnsafeBufferPointer(argmaxLowestIndex)
    }

    /// B_aᵀA_a⁻¹B_a and B_aᵀA_a⁻¹b_a for one arm's current statistics.
    static func projections(model: RidgeRegression, cross: Matrix) throws(LinearAlgebraError) -> (Matrix, Vector) {
        let c = try model.factor.lower.solveTriangular(.lower, .noTranspose, rightHandSide: cross)
        let v = try model.factor.solveLower(model.response)
        return (try Matrix.gemm(.transpose, c, .noTranspose, c), try c.gemv(.transpose, x: v))
    }

    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        let k = sharedRows.count
        let z = Vector(Array(features[sharedRows]))
        let x = Array(features[armRows])
        var model = models[arm]
        var crossMatrix = cross[arm]
        var gram = sharedGram
        var response = sharedResponse
        let factor: CholeskyFactor
        do {
            let (oldGram, oldResponse) = try Self.projections(model: model, cross: crossMatrix)
            try model.update(features: x, reward: reward, arm: arm)
            for j in 0..<k { for i in 0..<x.count { crossMatrix[i, j] += x[i] * z[j] } }
            let (newGram, newResponse) = try Self.projections(model: model, cross: crossMatrix)
            for j in 0..<k {
                for i in j..<k {
                    gram[i, j] = gram[i, j] + oldGram[i, j] + z[i] * z[j] - newGram[i, j]
                    gram[j, i] = gram[i, j]
                }
                response[j] = response[j] + oldResponse[j] + reward * z[j] - newResponse[j]
            }
            factor = try CholeskyFactor(factoring: gram)
        } catch let error as LinearAlgebraError {
            throw .numerical(operation: "LinUCBHybrid.update", reason: error.description)
        } catch let error as BanditError {
            throw error
        } catch {
            throw .numerical(operation: "LinUCBHybrid.update", reason: "\(error)")
        }
        guard let estimate = try? factor.solve(response) else {
            throw .numerical(operation: "LinUCBHybrid.update", reason: "β̂ is not finite")
        }
        models[arm] = model
        cross[arm] = crossMatrix
        sharedGram = gram
        sharedResponse = response
        sharedFactor = factor
        sharedEstimate = estimate
    }
}
