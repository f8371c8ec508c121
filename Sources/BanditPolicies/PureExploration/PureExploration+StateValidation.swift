import BanditCore

// Invariants of the pure-exploration policies' decoded states (see DecodedStateValidating):
// every index a later selectArm/update/recommend reads is checked against the arrays present.

extension SequentialHalving: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.atLeast("budget", budget, 1)
        try check.require(!candidates.isEmpty, "candidates", "needs at least one arm")
        try check.distinctIndices("candidates", candidates, below: armCount)
        try check.require(roundCount == ceilingLog2(candidates.count), "roundCount", "\(roundCount) is not ⌈log₂ \(candidates.count)⌉")
        try check.statistics("statistics", statistics, armCount: candidates.count)
        try check.require(!survivors.isEmpty, "survivors", "needs at least one arm")
        try check.distinctIndices("survivors", survivors, below: candidates.count)
        try check.atLeast("samplesPerArm", samplesPerArm, 0)
        try check.atLeast("round", round, 0)
        try check.index("cursor", cursor, below: survivors.count)
        try check.atLeast("pass", pass, 0)
        try check.index("pendingSlot", pendingSlot, below: candidates.count)
        try check.atLeast("sampleCount", sampleCount, 0)
    }
}

extension BracketingSequentialHalving: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.atLeast("budget", budget, 1)
        try check.atLeast("share", share, 0)
        try check.require(!bracketSizes.isEmpty, "bracketSizes", "needs at least one bracket")
        try check.require(!order.isEmpty, "order", "needs at least one arm")
        try check.distinctIndices("order", order, below: armCount)
        for (index, size) in bracketSizes.enumerated() {
            try check.within("bracketSizes[\(index)]", size, 1...order.count)
        }
        try check.require(bracketSizes.last == order.count, "order", "holds \(order.count) arms, the largest bracket \(bracketSizes.last!)")
        try check.validate("stage", stage)
        try check.require(stage.armCount == armCount, "stage.armCount", "\(stage.armCount) arms, the policy has \(armCount)")
        try check.within("stageIndex", stageIndex, 0...bracketSizes.count)
        try check.indices("winners", winners, below: armCount)
        try check.index("answer", answer, below: armCount)
        // settle() never leaves a finished stage without an answer: selectArm would trap.
        try check.require(answer != nil || !stage.isStopped, "answer", "missing although the last stage has finished")
        try check.atLeast("sampleCount", sampleCount, 0)
    }
}

extension SuccessiveRejects: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.require(!candidates.isEmpty, "candidates", "needs at least one arm")
        try check.distinctIndices("candidates", candidates, below: armCount)
        try check.count("phaseLengths", phaseLengths, candidates.count)
        try check.statistics("statistics", statistics, armCount: candidates.count)
        try check.require(!remaining.isEmpty, "remaining", "needs at least one arm")
        try check.distinctIndices("remaining", remaining, below: candidates.count)
        // Each phase rejects one arm, and update reads phaseLengths[phase] and [phase − 1].
        try check.require(phase == candidates.count + 1 - remaining.count, "phase", "\(phase) does not match \(remaining.count) of \(candidates.count) arms remaining")
        try check.index("cursor", cursor, below: remaining.count)
        try check.atLeast("pass", pass, 0)
        try check.index("pendingSlot", pendingSlot, below: candidates.count)
        try check.atLeast("sampleCount", sampleCount, 0)
    }
}

extension UniformAllocation: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.atLeast("budget", budget, 1)
        try check.require(!candidates.isEmpty, "candidates", "needs at least one arm")
        try check.distinctIndices("candidates", candidates, below: armCount)
        try check.statistics("statistics", statistics, armCount: candidates.count)
        try check.index("cursor", cursor, below: candidates.count)
        try check.index("pendingSlot", pendingSlot, below: candidates.count)
        try check.atLeast("sampleCount", sampleCount, 0)
    }
}

extension LUCB: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 2)
        try check.require(confidence > 0 && confidence < 1, "confidence", "\(confidence) is outside (0, 1)")
        try check.nonNegative("tolerance", tolerance)
        switch bounds {
        case .hoeffding(let k1):
            try check.nonNegative("bounds.hoeffding.k1", k1, strictly: true)
        case .kullbackLeibler(let divergence, let alpha, let k1):
            try check.validate("bounds.kullbackLeibler._0", divergence)
            try check.require(alpha.isFinite && alpha > 1, "bounds.kullbackLeibler.alpha", "\(alpha) must be finite and > 1")
            try check.nonNegative("bounds.kullbackLeibler.k1", k1, strictly: true)
        }
        try check.statistics("statistics", statistics, armCount: armCount)
        try check.atLeast("round", round, 0)
        if let pair {
            try check.index("pair.leader", pair.leader, below: armCount)
            try check.index("pair.challenger", pair.challenger, below: armCount)
        } else {
            // Before the first round selectArm samples arm `sampleCount`.
            try check.require(isStopped || sampleCount < armCount, "pair", "missing after the initial samples")
        }
        try check.within("pairPosition", pairPosition, 0...1)
        try check.index("pendingArm", pendingArm, below: armCount)
        try check.index("leader", leader, below: armCount)
        try check.atLeast("sampleCount", sampleCount, 0)
    }
}
