import BanditCore
import LinearAlgebra

// Invariants of the heavy-tailed policies' decoded states (see DecodedStateValidating):
// parameters as the initialisers require them, and every buffer shaped by K, d and the epoch
// length (which the validation never allocates from).

extension StateCheck {
    /// The moment condition E|X|^{1+ε} ≤ u with ε ∈ (0, 1] and u > 0.
    func moment(epsilon: Double, momentBound: Double) throws(StateViolation) {
        try require(epsilon.isFinite && epsilon > 0 && epsilon <= 1, "epsilon", "\(epsilon) is outside (0, 1]")
        try nonNegative("momentBound", momentBound, strictly: true)
    }
}

extension RobustUCB: DecodedStateValidating {
    /// The estimator arrays' lengths are checked against K while decoding (before any
    /// allocation); here each estimator's own state.
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.moment(epsilon: epsilon, momentBound: momentBound)
        try check.atLeast("totalCount", totalCount, 0)
        try check.validateEach("truncated", truncated)
        try check.validateEach("medians", medians)
        try check.validateEach("catonis", catonis)
    }
}

extension OnlineNewtonGLM: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.nonNegative("curvature", curvature, strictly: true)
        try check.validate("design", design)
        try check.vector("estimate", estimate, dimension)
        try check.finite("estimate", estimate)
        try check.vector("scaled", scaled, dimension)
        try check.vector("direction", direction, dimension)
    }
}

extension EpochPlay {
    /// An epoch of `length` ≥ 1 rounds on d features, fewer rewards than `length`, whose
    /// features `design` will accept when the epoch closes (the same overflow check as when
    /// they were first recorded).
    func validate(_ check: StateCheck, dimension: Int, design: RidgeRegression) throws(StateViolation) {
        try check.within("epoch.length", length, 1...(1 << 20))
        try check.count("epoch.features", features, dimension)
        try check.finite("epoch.features", features)
        try check.require(rewards.count < length, "epoch.rewards", "has \(rewards.count) rewards, the epoch \(length) rounds")
        try check.finite("epoch.rewards", rewards)
        try check.atLeast("epoch.lastArm", lastArm, 0)
        if !rewards.isEmpty {
            do { try design.validate(features: Vector(features), reward: 0) } catch {
                throw check.fail("epoch.features", error.description)
            }
        }
    }
}

extension CRTM: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.moment(epsilon: epsilon, momentBound: momentBound)
        try check.require(confidence > 0 && confidence < 1, "confidence", "\(confidence) is outside (0, 1)")
        try check.atLeast("horizon", horizon, 1)
        try check.nonNegative("parameterBound", parameterBound)
        try check.nonNegative("radiusScale", radiusScale)
        try check.validate("model", model)
        try check.atLeast("truncatedCount", truncatedCount, 0)
        try check.scoreBuffers(workspace: workspace, means: means, widths: widths, dimension: dimension, armCount: armCount)
    }
}

extension CRMM: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.moment(epsilon: epsilon, momentBound: momentBound)
        try check.require(confidence > 0 && confidence < 1, "confidence", "\(confidence) is outside (0, 1)")
        try check.nonNegative("parameterBound", parameterBound)
        try check.nonNegative("radiusScale", radiusScale)
        try check.validate("model", model)
        try epoch.validate(check, dimension: dimension, design: model.design)
        try check.scoreBuffers(workspace: workspace, means: means, widths: widths, dimension: dimension, armCount: armCount)
    }
}

extension MENU: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.moment(epsilon: epsilon, momentBound: momentBound)
        try check.nonNegative("parameterBound", parameterBound)
        try check.nonNegative("radiusScale", radiusScale)
        try check.validate("design", design)
        try epoch.validate(check, dimension: dimension, design: design)
        try check.within("epoch.length", epoch.length, 1...4096)
        let length = epoch.length
        try check.count("responses", responses, rows: length, columns: dimension)
        try check.finite("responses", responses)
        try check.vector("estimate", estimate, dimension)
        try check.finite("estimate", estimate)
        try check.atLeast("discardedEpochs", discardedEpochs, 0)
        try check.matrix("estimates", estimates, rows: dimension, columns: length)
        try check.count("distances", distances, Swift.max(length - 1, 1))
        try check.scoreBuffers(workspace: workspace, means: means, widths: widths, dimension: dimension, armCount: armCount)
    }
}

extension TOFU: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.moment(epsilon: epsilon, momentBound: momentBound)
        try check.require(confidence > 0 && confidence < 1, "confidence", "\(confidence) is outside (0, 1)")
        try check.atLeast("horizon", horizon, 1)
        try check.nonNegative("parameterBound", parameterBound)
        try check.nonNegative("radiusScale", radiusScale)
        try check.validate("design", design)
        try check.vector("estimate", estimate, dimension)
        try check.finite("estimate", estimate)
        try check.atLeast("truncatedInLastEstimate", truncatedInLastEstimate, 0)
        try history.validate(check.nested("history"), dimension: dimension)
    }
}
