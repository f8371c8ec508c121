import BanditCore

// Invariants of the adversarial policies' decoded states (see DecodedStateValidating): K
// weights or probabilities that a categorical draw can use (finite, ≥ 0, positive total).

extension EXP3: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.require(explorationRate > 0 && explorationRate <= 1, "explorationRate", "\(explorationRate) is outside (0, 1]")
        try check.count("weights", weights, armCount)
        try check.nonNegative("weights", weights)
        try check.require(weights.reduce(0, +) > 0 && weights.reduce(0, +).isFinite, "weights", "must have a finite positive total")
    }
}

extension EXP3IX: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.nonNegative("learningRate", learningRate, strictly: true)
        try check.nonNegative("implicitExploration", implicitExploration)
        try check.count("weights", weights, armCount)
        try check.nonNegative("weights", weights)
        try check.require(weights.reduce(0, +) > 0 && weights.reduce(0, +).isFinite, "weights", "must have a finite positive total")
    }
}

extension TsallisINF: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.nonNegative("learningRateScale", learningRateScale, strictly: true)
        try check.count("cumulativeLosses", cumulativeLosses, armCount)
        try check.finite("cumulativeLosses", cumulativeLosses)
        try check.count("probabilities", probabilities, armCount)
        try check.distribution("probabilities", probabilities)
        try check.finite("normalizer", normalizer)
        try check.atLeast("updateCount", updateCount, 0)
    }
}
