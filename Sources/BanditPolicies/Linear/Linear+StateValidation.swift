import BanditCore
import LinearAlgebra

// Invariants of the linear policies' decoded states (see DecodedStateValidating). BLAS and
// LAPACK calls take their sizes from the policy, so every matrix and vector — the model's and
// the scratch buffers' — must have exactly the shape the policy's K and d give it. Matrix and
// CholeskyFactor check their own element counts and factor invariants while decoding.

extension StateCheck {
    /// A vector of exactly `count` elements.
    func vector(_ field: String, _ vector: Vector, _ count: Int) throws(StateViolation) {
        try self.count(field, vector, count)
    }

    /// A matrix of exactly `rows × columns`.
    func matrix(_ field: String, _ matrix: Matrix, rows: Int, columns: Int) throws(StateViolation) {
        guard matrix.rows == rows && matrix.columns == columns else {
            throw fail(field, "is \(matrix.rows) × \(matrix.columns), expected \(rows) × \(columns)")
        }
    }

    /// The scratch buffers of the UCB-style linear policies: d × K features, K means, K widths.
    func scoreBuffers(workspace: Matrix, means: Vector, widths: Vector, dimension: Int, armCount: Int) throws(StateViolation) {
        try matrix("workspace", workspace, rows: dimension, columns: armCount)
        try vector("means", means, armCount)
        try vector("widths", widths, armCount)
    }
}

extension RidgeRegression: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.within("dimension", dimension, 1...(1 << 16))
        try check.nonNegative("regularization", regularization, strictly: true)
        try check.atLeast("refactorizationInterval", refactorizationInterval, 1)
        try check.matrix("lowerGram", lowerGram, rows: dimension, columns: dimension)
        try check.finite("lowerGram.storage", lowerGram.storage)
        try check.vector("response", response, dimension)
        try check.finite("response", response)
        try check.require(factor.dimension == dimension, "factor.lower", "is \(factor.dimension) × \(factor.dimension), expected \(dimension) × \(dimension)")
        try check.vector("estimate", estimate, dimension)
        try check.finite("estimate", estimate)
        try check.atLeast("count", count, 0)
        try check.atLeast("updatesSinceRefactorization", updatesSinceRefactorization, 0)
        try check.nonNegative("largestDiagonal", largestDiagonal, strictly: true)
    }
}

extension LinUCB: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.nonNegative("explorationScale", explorationScale)
        try check.validate("ridge", ridge)
        try check.scoreBuffers(workspace: workspace, means: means, widths: widths, dimension: dimension, armCount: armCount)
    }
}

extension LinUCBDisjoint: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.require(!models.isEmpty, "models", "needs at least one arm")
        try check.within("dimension", dimension, 1...(1 << 16))
        try check.nonNegative("explorationScale", explorationScale)
        try check.validateEach("models", models)
        for (arm, model) in models.enumerated() where model.dimension != dimension {
            throw check.fail("models[\(arm)].dimension", "\(model.dimension), the policy has \(dimension)")
        }
        try check.vector("column", column, dimension)
        try check.vector("scores", scores, armCount)
    }
}

extension LinUCBHybrid: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.within("dimension", dimension, 1...(1 << 16))
        for (field, range) in [("sharedRows", sharedRows), ("armRows", armRows)] {
            try check.require(!range.isEmpty && range.lowerBound >= 0 && range.upperBound <= dimension, field, "\(range) is not a non-empty range of rows in 0..<\(dimension)")
        }
        try check.nonNegative("explorationScale", explorationScale)
        try check.nonNegative("regularization", regularization, strictly: true)
        let k = sharedRows.count, d = armRows.count
        try check.matrix("sharedGram", sharedGram, rows: k, columns: k)
        try check.finite("sharedGram.storage", sharedGram.storage)
        try check.vector("sharedResponse", sharedResponse, k)
        try check.finite("sharedResponse", sharedResponse)
        try check.require(sharedFactor.dimension == k, "sharedFactor.lower", "is \(sharedFactor.dimension) × \(sharedFactor.dimension), expected \(k) × \(k)")
        try check.vector("sharedEstimate", sharedEstimate, k)
        try check.finite("sharedEstimate", sharedEstimate)
        try check.count("models", models, armCount)
        try check.validateEach("models", models)
        for (arm, model) in models.enumerated() where model.dimension != d {
            throw check.fail("models[\(arm)].dimension", "\(model.dimension), expected \(d)")
        }
        try check.count("cross", cross, armCount)
        for (arm, matrix) in cross.enumerated() {
            try check.matrix("cross[\(arm)]", matrix, rows: d, columns: k)
            try check.finite("cross[\(arm)].storage", matrix.storage)
        }
        try check.matrix("residuals", residuals, rows: k, columns: armCount)
        try check.vector("scores", scores, armCount)
        try check.vector("widths", widths, armCount)
    }
}

extension LinTS: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.finite("posteriorScale", posteriorScale)
        try check.validate("ridge", ridge)
        try check.vector("draw", draw, dimension)
        try check.vector("sample", sample, dimension)
        try check.vector("means", means, armCount)
    }
}

extension OFUL: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.nonNegative("noiseScale", noiseScale)
        try check.nonNegative("parameterBound", parameterBound)
        try check.require(confidence > 0 && confidence < 1, "confidence", "\(confidence) is outside (0, 1)")
        try check.validate("ridge", ridge)
        try check.scoreBuffers(workspace: workspace, means: means, widths: widths, dimension: dimension, armCount: armCount)
    }
}

extension UCBGLM: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.nonNegative("explorationScale", explorationScale)
        try check.within("newtonSteps", newtonSteps, 1...100)
        try check.nonNegative("refitGrowth", refitGrowth)
        try check.validate("design", design)
        try check.vector("estimate", estimate, dimension)
        try check.finite("estimate", estimate)
        // One row of d features per recorded reward.
        try check.count("history", history, rows: rewards.count, columns: dimension)
        try check.finite("history", history)
        try check.finite("rewards", rewards)
        try check.atLeast("nextFit", nextFit, 1)
        try check.scoreBuffers(workspace: workspace, means: means, widths: widths, dimension: dimension, armCount: armCount)
    }
}

extension LinearEpsilonGreedy: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.within("epsilon", epsilon, 0...1)
        try check.validate("ridge", ridge)
        try check.vector("means", means, armCount)
    }
}
