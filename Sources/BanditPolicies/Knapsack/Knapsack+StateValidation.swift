import BanditCore

// Invariants of the knapsack policies' decoded states (see DecodedStateValidating): array
// lengths against K and d (compared without overflow), and the finiteness and signs the
// bounds and prices rely on.

extension KnapsackEstimates: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.atLeast("resourceCount", resourceCount, 1)
        try check.nonNegative("radiusScale", radiusScale)
        try check.count("counts", counts, armCount)
        try check.nonNegative("counts", counts)
        try check.count("rewardSums", rewardSums, armCount)
        try check.finite("rewardSums", rewardSums)
        try check.count("consumptionSums", consumptionSums, rows: armCount, columns: resourceCount)
        try check.finite("consumptionSums", consumptionSums)
        try check.count("replenishes", replenishes, rows: armCount, columns: resourceCount)
    }

    /// The estimates of exactly K arms and d resources.
    func validate(_ check: StateCheck, armCount: Int, resourceCount: Int) throws(StateViolation) {
        try check.validate("estimates", self)
        try check.require(self.armCount == armCount, "estimates.armCount", "\(self.armCount) arms, the policy has \(armCount)")
        try check.require(self.resourceCount == resourceCount, "estimates.resourceCount", "\(self.resourceCount) resources, the policy has \(resourceCount)")
    }
}

extension KnapsackBudgetScale: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.nonNegative("budget", budget, strictly: true)
        try check.require(rate > 0 && rate <= 1, "rate", "\(rate) is outside (0, 1]")
        try check.nonNegative("factors", factors, strictly: true)
    }

    func validate(_ check: StateCheck, resourceCount: Int) throws(StateViolation) {
        try check.validate("scale", self)
        try check.count("scale.factors", factors, resourceCount)
    }
}

extension HedgeDualPlayer: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.nonNegative("learningRate", learningRate)
        try check.require(rate > 0 && rate <= 1, "rate", "\(rate) is outside (0, 1]")
        try check.require(!logWeights.isEmpty, "logWeights", "needs a multiplier")
        try check.finite("logWeights", logWeights)
        try check.count("multipliers", multipliers, logWeights.count)
        try check.distribution("multipliers", multipliers)
    }
}

extension ProjectedGradientDualPlayer: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.nonNegative("stepSize", stepSize)
        try check.nonNegative("ceiling", ceiling, strictly: true)
        try check.within("multipliers", multipliers, 0...ceiling)
    }
}

extension PrimalDualBwK: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.atLeast("resourceCount", resourceCount, 1)
        try check.nonNegative("learningRate", learningRate)
        try check.nonNegative("logStep", logStep)
        try scale.validate(check, resourceCount: resourceCount)
        try estimates.validate(check, armCount: armCount, resourceCount: resourceCount)
        try check.count("prices", prices, resourceCount + 1)
        try check.nonNegative("prices", prices, strictly: true)
        try check.count("rewardBounds", rewardBounds, armCount)
        try check.finite("rewardBounds", rewardBounds)
        try check.count("costBounds", costBounds, rows: armCount, columns: resourceCount + 1)
        try check.nonNegative("costBounds", costBounds)
    }
}

extension UCBBwK: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.atLeast("resourceCount", resourceCount, 1)
        try estimates.validate(check, armCount: armCount, resourceCount: resourceCount)
        // The program's shape is fixed at construction: K variables, d budget rows and Σp ≤ 1.
        try check.count("program.objective", program.objective, armCount)
        try check.count("program.lowerBounds", program.lowerBounds, resourceCount + 1)
        try check.count("program.upperBounds", program.upperBounds, resourceCount + 1)
        try check.nonNegative("program.upperBounds", program.upperBounds)
        try check.count("program.coefficients", program.coefficients, rows: resourceCount + 1, columns: armCount)
        try check.count("program.variableLowerBounds", program.variableLowerBounds, armCount)
        try check.count("program.variableUpperBounds", program.variableUpperBounds, armCount)
        try check.atLeast("solverFailures", solverFailures, 0)
        try check.count("probabilities", probabilities, armCount + 1)
    }
}

extension LagrangeBwK: DecodedStateValidating where Primal: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.atLeast("resourceCount", resourceCount, 1)
        try scale.validate(check, resourceCount: resourceCount)
        try check.validate("primal", primal)
        try check.require(primal.armCount == armCount + 1, "primal.armCount", "\(primal.armCount) arms, expected K + 1 = \(armCount + 1)")
        try check.validate("dual", dual)
        try check.count("dual.multipliers", dual.multipliers, resourceCount + 1)
        try check.require(dual.rate == scale.rate, "dual.rate", "\(dual.rate) differs from the budget rate \(scale.rate)")
        try check.count("gains", gains, resourceCount + 1)
    }
}

extension ReplenishablePrimalDual: DecodedStateValidating where Primal: DecodedStateValidating, Dual: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.atLeast("resourceCount", resourceCount, 1)
        try scale.validate(check, resourceCount: resourceCount)
        try check.validate("primal", primal)
        try check.require(primal.armCount == armCount + 1, "primal.armCount", "\(primal.armCount) arms, expected K + 1 = \(armCount + 1)")
        try check.validate("dual", dual)
        try check.count("dual.multipliers", dual.multipliers, resourceCount)
        try check.atLeast("voidRounds", voidRounds, 0)
        try check.count("gains", gains, resourceCount)
    }
}

extension BudgetObliviousPolicy: DecodedStateValidating where Base: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        // Nothing in the state is sized by d, so only a range check protects a caller that
        // sizes its consumption buffers from it: at least one resource, at most 2¹⁶.
        try check.within("resourceCount", resourceCount, 1...(1 << 16))
        try check.validate("base", base)
    }
}
