// Invariants of the shared statistics types, checked after decoding (see DecodedStateValidating).

extension ArmStatistics: DecodedStateValidating {
    /// The shape, counts and finiteness are already checked while decoding (``init(from:)``).
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
    }
}

extension NormalGammaPosterior: DecodedStateValidating {
    /// Per arm: a count n ≥ 0, and κ, α, β finite and > 0 (the Gamma and Student t draws loop
    /// forever or trap on anything else), with the mean finite.
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        for arm in 0..<armCount {
            try check.nonNegative("storage[\(arm)].count", count(of: arm))
            try check.nonNegative("storage[\(arm)].meanPseudoCount", meanPseudoCount(of: arm), strictly: true)
            try check.nonNegative("storage[\(arm)].precisionShape", precisionShape(of: arm), strictly: true)
            try check.nonNegative("storage[\(arm)].precisionRate", precisionRate(of: arm), strictly: true)
            try check.finite("storage[\(arm)].mean", mean(of: arm))
            let prior = priors[arm]
            try check.finite("priors[\(arm)].mean", prior.mean)
            try check.nonNegative("priors[\(arm)].meanPseudoCount", prior.meanPseudoCount, strictly: true)
            try check.nonNegative("priors[\(arm)].precisionShape", prior.precisionShape, strictly: true)
            try check.nonNegative("priors[\(arm)].precisionRate", prior.precisionRate, strictly: true)
        }
    }
}

extension TruncatedMean: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.require(epsilon.isFinite && epsilon > 0 && epsilon <= 1, "epsilon", "\(epsilon) is outside (0, 1]")
        try check.nonNegative("momentBound", momentBound, strictly: true)
        try check.finite("samples", samples)
    }
}

extension MedianOfMeans: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.require(epsilon.isFinite && epsilon > 0 && epsilon <= 1, "epsilon", "\(epsilon) is outside (0, 1]")
        try check.nonNegative("momentBound", momentBound, strictly: true)
        try check.finite("samples", samples)
    }
}

extension CatoniEstimator: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.nonNegative("varianceBound", varianceBound, strictly: true)
        try check.finite("samples", samples)
    }
}
