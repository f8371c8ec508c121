import BanditCore

// Invariants of the stochastic index policies' decoded states (see DecodedStateValidating).
// Their per-arm state is ArmStatistics, which checks its own shape while decoding; what is left
// are the parameters (as the initialisers require them) and the caches sized by K.

extension UCB1: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.nonNegative("explorationScale", explorationScale)
    }
}

extension UCB1Tuned: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
    }
}

extension UCBV: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.nonNegative("explorationFactor", explorationFactor, strictly: true)
        try check.nonNegative("rangeTermScale", rangeTermScale)
        try check.nonNegative("rewardRange", rewardRange, strictly: true)
    }
}

extension MOSS: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.atLeast("horizon", horizon, 1)
        try check.finite("logHorizonPerArm", logHorizonPerArm)
    }
}

extension MOSSAnytime: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.nonNegative("alpha", alpha)
        try check.nonNegative("logArmCount", logArmCount)
    }
}

extension KLIndexCache: DecodedStateValidating {
    func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("divergence", divergence)
        try check.count("storage", storage, rows: 3, columns: armCount)
    }
}

extension KLUCB: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.nonNegative("logLogScale", logLogScale)
        try check.validate("cache", cache)
        try check.require(cache.armCount == armCount, "cache.armCount", "\(cache.armCount) arms, the policy has \(armCount)")
    }
}

extension KLUCBPlus: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("base", base)
    }
}

extension IMED: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.validate("divergence", divergence)
    }
}

extension BayesUCB: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        if case .gaussian(let sigma) = model { try check.nonNegative("model.gaussian.standardDeviation", sigma, strictly: true) }
        try check.atLeast("horizon", horizon, 1)
        try check.nonNegative("logHorizonExponent", logHorizonExponent)
        try check.nonNegative("levelFactor", levelFactor, strictly: true)
        try check.count("quantiles", quantiles, armCount)
        try check.finite("quantiles", quantiles)
    }
}

extension ChapelleLiUCB: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
    }
}

extension EpsilonGreedy: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.within("epsilon", epsilon, 0...1)
    }
}

extension EpsilonNGreedy: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.nonNegative("explorationConstant", explorationConstant, strictly: true)
        try check.require(gapLowerBound > 0 && gapLowerBound < 1, "gapLowerBound", "\(gapLowerBound) is outside (0, 1)")
        try check.nonNegative("scale", scale, strictly: true)
    }
}

extension ExploreThenCommit: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.require(
            explorationLength >= 1 && !explorationLength.multipliedReportingOverflow(by: armCount).overflow,
            "explorationLength", "\(explorationLength) must be ≥ 1 with m·K representable")
        try check.index("committedArm", committedArm, below: armCount)
    }
}

extension Softmax: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("statistics", statistics)
        try check.nonNegative("temperature", temperature, strictly: true)
    }
}
