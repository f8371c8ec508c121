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
/// exactly symmetric and refactorised (O(k³)) after each update. The update is staged in
/// buffers the policy keeps (a copy of the arm's model, of B_a, A₀, b₀ and their factor) and
/// committed by swapping them in only when A₀'s factorisation succeeds (all-or-nothing);
/// selection also works in kept buffers, so neither allocates once every arm has been updated
/// (the first update of an arm may, while its buffers are still shared with the others').
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
    /// Buffers of selection and of the staged update: not state (not encoded, not compared).
    @DerivedState var scratch: Scratch

    /// The buffers a decision and an update work in, kept so that neither allocates.
    struct Scratch: Sendable {
        // Selection: x, A_a⁻¹x, B_aᵀA_a⁻¹x, the shared means and widths of all arms.
        var column: Vector
        var solved: Vector
        var crossProjection: Vector
        var sharedMeans: Vector
        var sharedWidths: Vector
        // Update: z and x, the staged arm model and B_a, the staged A₀, b₀, factor and β̂,
        // and the projections C = L_a⁻¹B_a, v = L_a⁻¹b_a, CᵀC and Cᵀv.
        var sharedFeatures: Vector
        var armFeatures: Vector
        var model: RidgeRegression
        var cross: Matrix
        var gram: Matrix
        var response: Vector
        var factor: CholeskyFactor
        var estimate: Vector
        var projection: Matrix
        var projectedResponse: Vector
        var projectedGram: Matrix
        var projectedShared: Vector
        /// Set when staging stopped on a ``BanditError`` (handed back, never committed).
        var rejection: BanditError?

        init(armCount: Int, sharedCount k: Int, armFeatureCount d: Int, regularization: Double) throws(BanditError) {
            column = Vector(repeating: 0, count: d)
            solved = Vector(repeating: 0, count: d)
            crossProjection = Vector(repeating: 0, count: k)
            sharedMeans = Vector(repeating: 0, count: armCount)
            sharedWidths = Vector(repeating: 0, count: armCount)
            sharedFeatures = Vector(repeating: 0, count: k)
            armFeatures = Vector(repeating: 0, count: d)
            model = try RidgeRegression(dimension: d, regularization: regularization)
            cross = Matrix(rows: d, columns: k, repeating: 0)
            gram = Matrix(rows: k, columns: k, repeating: 0)
            response = Vector(repeating: 0, count: k)
            do { factor = try CholeskyFactor(identityScaledBy: 1, dimension: k) } catch {
                throw .numerical(operation: "LinUCBHybrid.init", reason: error.description)
            }
            estimate = Vector(repeating: 0, count: k)
            projection = Matrix(rows: d, columns: k, repeating: 0)
            projectedResponse = Vector(repeating: 0, count: d)
            projectedGram = Matrix(rows: k, columns: k, repeating: 0)
            projectedShared = Vector(repeating: 0, count: k)
            rejection = nil
        }
    }

    /// The encoded state (v1 snapshot format): every field but ``scratch``.
    enum CodingKeys: String, CodingKey {
        case armCount, dimension, sharedRows, armRows, explorationScale, regularization, sharedGram, sharedResponse
        case sharedFactor, sharedEstimate, models, cross, residuals, scores, widths
    }

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
        // One model and one B_a per arm with buffers of their own (not K references to one
        // buffer), so that committing a staged update never triggers a copy-on-write.
        var models: [RidgeRegression] = []
        var cross: [Matrix] = []
        for _ in 0..<armCount {
            models.append(try RidgeRegression(dimension: d, regularization: regularization))
            cross.append(Matrix(rows: d, columns: k, repeating: 0))
        }
        self.models = models
        self.cross = cross
        residuals = Matrix(rows: k, columns: armCount, repeating: 0)
        scores = Vector(repeating: 0, count: armCount)
        widths = Vector(repeating: 0, count: armCount)
        scratch = try Scratch(armCount: armCount, sharedCount: k, armFeatureCount: d, regularization: regularization)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        armCount = try container.decode(Int.self, forKey: .armCount)
        dimension = try container.decode(Int.self, forKey: .dimension)
        sharedRows = try container.decode(Range<Int>.self, forKey: .sharedRows)
        armRows = try container.decode(Range<Int>.self, forKey: .armRows)
        explorationScale = try container.decode(Double.self, forKey: .explorationScale)
        regularization = try container.decode(Double.self, forKey: .regularization)
        sharedGram = try container.decode(Matrix.self, forKey: .sharedGram)
        sharedResponse = try container.decode(Vector.self, forKey: .sharedResponse)
        sharedFactor = try container.decode(CholeskyFactor.self, forKey: .sharedFactor)
        sharedEstimate = try container.decode(Vector.self, forKey: .sharedEstimate)
        models = try container.decode([RidgeRegression].self, forKey: .models)
        cross = try container.decode([Matrix].self, forKey: .cross)
        residuals = try container.decode(Matrix.self, forKey: .residuals)
        scores = try container.decode(Vector.self, forKey: .scores)
        widths = try container.decode(Vector.self, forKey: .widths)
        let k = sharedRows.count, d = armRows.count, lambda = regularization
        guard armCount >= 1, d >= 1, k >= 1, models.count == armCount, cross.count == armCount,
              models.allSatisfy({ $0.dimension == d && $0.regularization == lambda }),
              cross.allSatisfy({ $0.rows == d && $0.columns == k }), sharedFactor.dimension == k,
              sharedGram.rows == k, sharedGram.columns == k, sharedResponse.count == k, sharedEstimate.count == k,
              residuals.rows == k, residuals.columns == armCount, scores.count == armCount, widths.count == armCount
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "LinUCBHybrid: inconsistent shapes"))
        }
        scratch = try Scratch(armCount: armCount, sharedCount: k, armFeatureCount: d, regularization: regularization)
    }

    public mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validate(features: features)
        do {
            try Self.score(
                features: features, sharedRows: sharedRows, armRows: armRows, models: models, cross: cross,
                sharedFactor: sharedFactor, sharedEstimate: sharedEstimate, explorationScale: explorationScale,
                residuals: &residuals, scores: &scores, widths: &widths, scratch: &_scratch.wrappedValue)
        } catch {
            preconditionFailure("LinUCBHybrid: validated shapes: \(error)")
        }
        return scores.withUnsafeBufferPointer(argmaxLowestIndex)
    }

    /// Algorithm 2's scores of every arm into `scores` (see the type's documentation).
    private static func score(
        features: ArmFeatures, sharedRows: Range<Int>, armRows: Range<Int>, models: [RidgeRegression], cross: [Matrix],
        sharedFactor: CholeskyFactor, sharedEstimate: Vector, explorationScale: Double,
        residuals: inout Matrix, scores: inout Vector, widths: inout Vector, scratch: inout Scratch
    ) throws(LinearAlgebraError) {
        let k = sharedRows.count, d = armRows.count, rows = features.dimension
        for arm in 0..<models.count {
            features.withUnsafeBufferPointer { source in
                scratch.column.withUnsafeMutableBufferPointer { target in
                    for i in 0..<d { target[i] = source[arm * rows + armRows.lowerBound + i] }
                }
                scratch.solved.withUnsafeMutableBufferPointer { target in
                    for i in 0..<d { target[i] = source[arm * rows + armRows.lowerBound + i] }
                }
            }
            let model = models[arm]
            // p's per-arm part: uᵀb_a = xᵀθ̂_a(ridge) and ‖L_a⁻¹x‖².
            let ownMean = try scratch.column.dot(model.estimate)
            let ownWidth = try model.factor.inverseQuadraticForm(scratch.column)
            // w = B_aᵀ A_a⁻¹ x.
            try model.factor.solve(overwriting: &scratch.solved)
            try cross[arm].gemv(.transpose, x: scratch.solved, beta: 0, into: &scratch.crossProjection)
            features.withUnsafeBufferPointer { source in
                scratch.crossProjection.withUnsafeBufferPointer { wp in
                    for i in 0..<k { residuals[i, arm] = source[arm * rows + sharedRows.lowerBound + i] - wp[i] }
                }
            }
            scores[arm] = ownMean
            widths[arm] = ownWidth
        }
        // Shared part for all arms at once: (z − w)ᵀβ̂ (dgemv) and ‖L₀⁻¹(z − w)‖² (dtrsm).
        try residuals.gemv(.transpose, x: sharedEstimate, beta: 0, into: &scratch.sharedMeans)
        try sharedFactor.lower.solveTriangular(.lower, .noTranspose, overwriting: &residuals)
        try residuals.columnSquaredNorms(into: &scratch.sharedWidths)
        for arm in 0..<models.count {
            scores[arm] += scratch.sharedMeans[arm] + explorationScale * (widths[arm] + scratch.sharedWidths[arm]).squareRoot()
        }
    }

    /// B_aᵀA_a⁻¹B_a into `scratch.projectedGram` and B_aᵀA_a⁻¹b_a into
    /// `scratch.projectedShared`, for one arm's statistics, as CᵀC and Cᵀv with C = L_a⁻¹B_a
    /// and v = L_a⁻¹b_a.
    private static func project(model: RidgeRegression, cross: Matrix, scratch: inout Scratch) throws(LinearAlgebraError) {
        try cross.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in
            try scratch.projection.assign(columnMajor: source)
        }
        try model.factor.lower.solveTriangular(.lower, .noTranspose, overwriting: &scratch.projection)
        copy(model.response, into: &scratch.projectedResponse)
        try model.factor.solveLower(overwriting: &scratch.projectedResponse)
        try Matrix.gemm(.transpose, scratch.projection, .noTranspose, scratch.projection, into: &scratch.projectedGram)
        try scratch.projection.gemv(.transpose, x: scratch.projectedResponse, beta: 0, into: &scratch.projectedShared)
    }

    /// target ← source, same count, in place.
    private static func copy(_ source: Vector, into target: inout Vector) {
        source.withUnsafeBufferPointer { s in
            target.withUnsafeMutableBufferPointer { t in
                for i in t.indices { t[i] = s[i] }
            }
        }
    }

    public mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
        try Self.stage(
            arm: arm, features: features, reward: reward, sharedRows: sharedRows, armRows: armRows, model: models[arm],
            cross: cross[arm], sharedGram: sharedGram, sharedResponse: sharedResponse, scratch: &_scratch.wrappedValue)
        // Commit: the staged buffers become the state, the old ones the next staging buffers.
        swap(&models[arm], &_scratch.wrappedValue.model)
        swap(&cross[arm], &_scratch.wrappedValue.cross)
        swap(&sharedGram, &_scratch.wrappedValue.gram)
        swap(&sharedResponse, &_scratch.wrappedValue.response)
        swap(&sharedFactor, &_scratch.wrappedValue.factor)
        swap(&sharedEstimate, &_scratch.wrappedValue.estimate)
    }

    /// Computes the updated arm model, B_a, A₀, b₀, factor and β̂ in `scratch` without
    /// touching the state (lines 17–23 of Algorithm 2).
    /// - Throws: the arm model's own ``BanditError`` for features it rejects, and
    ///   ``BanditError/numerical(operation:reason:)`` when A₀ is numerically not positive
    ///   definite or β̂ not finite.
    private static func stage(
        arm: Int, features: [Double], reward: Double, sharedRows: Range<Int>, armRows: Range<Int>, model: RidgeRegression,
        cross: Matrix, sharedGram: Matrix, sharedResponse: Vector, scratch: inout Scratch
    ) throws(BanditError) {
        do throws(LinearAlgebraError) {
            try stageLinearAlgebra(
                arm: arm, features: features, reward: reward, sharedRows: sharedRows, armRows: armRows, model: model,
                cross: cross, sharedGram: sharedGram, sharedResponse: sharedResponse, scratch: &scratch)
        } catch {
            throw .numerical(operation: "LinUCBHybrid.update", reason: error.description)
        }
        if let rejection = scratch.rejection {
            scratch.rejection = nil
            throw rejection
        }
    }

    private static func stageLinearAlgebra(
        arm: Int, features: [Double], reward: Double, sharedRows: Range<Int>, armRows: Range<Int>, model: RidgeRegression,
        cross: Matrix, sharedGram: Matrix, sharedResponse: Vector, scratch: inout Scratch
    ) throws(LinearAlgebraError) {
        let k = sharedRows.count, d = armRows.count
        features.withUnsafeBufferPointer { source in
            scratch.sharedFeatures.withUnsafeMutableBufferPointer { z in
                for i in 0..<k { z[i] = source[sharedRows.lowerBound + i] }
            }
            scratch.armFeatures.withUnsafeMutableBufferPointer { x in
                for i in 0..<d { x[i] = source[armRows.lowerBound + i] }
            }
        }
        // A₀ + B_aᵀA_a⁻¹B_a + zzᵀ and b₀ + B_aᵀA_a⁻¹b_a + rz with the arm's current statistics
        // (the order of the additions is Algorithm 2's: the new projection is subtracted last).
        try project(model: model, cross: cross, scratch: &scratch)
        try sharedGram.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in
            try scratch.gram.assign(columnMajor: source)
        }
        copy(sharedResponse, into: &scratch.response)
        let z = scratch.sharedFeatures
        for j in 0..<k {
            for i in j..<k {
                scratch.gram[i, j] = scratch.gram[i, j] + scratch.projectedGram[i, j] + z[i] * z[j]
            }
            scratch.response[j] = scratch.response[j] + scratch.projectedShared[j] + reward * z[j]
        }
        // The arm's model and B_a after (x, r), staged in buffers of their own.
        scratch.model.assign(from: model)
        do { try scratch.model.update(features: scratch.armFeatures, reward: reward, arm: arm) } catch {
            // The arm model rejects the features (e.g. so large that A_a would overflow): hand
            // its own error back to `stage`, nothing is committed.
            scratch.rejection = error
            return
        }
        try cross.withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in
            try scratch.cross.assign(columnMajor: source)
        }
        let x = scratch.armFeatures
        for j in 0..<k { for i in 0..<d { scratch.cross[i, j] += x[i] * z[j] } }
        try project(model: scratch.model, cross: scratch.cross, scratch: &scratch)
        for j in 0..<k {
            for i in j..<k {
                scratch.gram[i, j] = scratch.gram[i, j] - scratch.projectedGram[i, j]
                scratch.gram[j, i] = scratch.gram[i, j]
            }
            scratch.response[j] = scratch.response[j] - scratch.projectedShared[j]
        }
        try scratch.factor.refactor(scratch.gram)
        copy(scratch.response, into: &scratch.estimate)
        do { try scratch.factor.solve(overwriting: &scratch.estimate) } catch {
            scratch.rejection = .numerical(operation: "LinUCBHybrid.update", reason: "β̂ is not finite")
        }
    }
}
