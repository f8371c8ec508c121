import BanditCore

// Invariants of the dueling policies' decoded states (see DecodedStateValidating): the K × K
// tables and K-long arrays, every stored arm index (scratch lists included) in range, and win
// counts finite and ≥ 0 (they become Beta shapes w + 1).

extension StateCheck {
    /// K ≥ 2 arms, the dueling minimum.
    func duelingArmCount(_ field: String, _ armCount: Int) throws(StateViolation) {
        try atLeast(field, armCount, 2)
    }
}

extension DuelingWins: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.duelingArmCount("armCount", armCount)
        try check.count("counts", counts, rows: armCount, columns: armCount)
        // Win counts become Beta shapes and iteration bounds (converted to Int): at most 2⁵³,
        // beyond which one more win would not change them.
        try check.within("counts", counts, 0...0x1p53)
        try check.count("optimisticMeans", optimisticMeans, rows: armCount, columns: armCount)
        try check.finite("optimisticMeans", optimisticMeans)
        try check.count("pessimisticMeans", pessimisticMeans, rows: armCount, columns: armCount)
        try check.finite("pessimisticMeans", pessimisticMeans)
        try check.count("inverseRootComparisons", inverseRootComparisons, rows: armCount, columns: armCount)
        try check.nonNegative("inverseRootComparisons", inverseRootComparisons)
        try check.atLeast("selfDuels", selfDuels, 0)
        try check.atLeast("duels", duels, 0)
    }
}

extension BetaHalfTails {
    func validate(_ check: StateCheck, armCount: Int) throws(StateViolation) {
        try check.require(self.armCount == armCount, "tails.armCount", "\(self.armCount) arms, the policy has \(armCount)")
        try check.count("tails.belowHalf", belowHalf, rows: armCount, columns: armCount)
        try check.within("tails.belowHalf", belowHalf, 0...1)
    }
}

extension RMEDState: DecodedStateValidating {
    func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("wins", wins)
        let k = armCount
        try check.finite("offset", offset)
        try check.count("pairDivergences", pairDivergences, rows: k, columns: k)
        try check.count("divergences", divergences, k)
        try check.count("opponentCounts", opponentCounts, k)
        try check.nonNegative("opponentCounts", opponentCounts)
        try check.require(!currentLoop.isEmpty, "currentLoop", "needs at least one arm")
        try check.distinctIndices("currentLoop", currentLoop, below: k)
        try check.index("position", position, below: currentLoop.count)
        try check.count("remaining", remaining, k)
        try check.count("next", next, k)
        try check.indices("ties", ties, below: k)
    }
}

extension RUCB: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("wins", wins)
        try check.nonNegative("alpha", alpha, strictly: true)
        try check.within("hypothesis", hypothesis, -1...(armCount - 1))
        try check.indices("candidates", candidates, below: armCount)
        try check.indices("ties", ties, below: armCount)
    }
}

extension RMED1: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("state", state)
    }
}

extension RMED2: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("state", state)
        try check.nonNegative("alpha", alpha, strictly: true)
        if let horizon { try check.atLeast("horizon", horizon, 1) }
        try check.require(fixedComparisonArms.isEmpty || fixedComparisonArms.count == armCount, "fixedComparisonArms", "has \(fixedComparisonArms.count) elements, expected 0 or \(armCount)")
        try check.indices("fixedComparisonArms", fixedComparisonArms, below: armCount)
    }
}

extension DoubleThompsonSampling: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("wins", wins)
        try tails.validate(check, armCount: armCount)
        try check.nonNegative("alpha", alpha, strictly: true)
        let k = armCount
        try check.count("upperScores", upperScores, k)
        try check.count("inCandidates", inCandidates, k)
        try check.count("sampledScores", sampledScores, k)
        try check.indices("ties", ties, below: k)
        try check.count("upperCrossings", upperCrossings, rows: k, columns: k)
        try check.require(!upperCrossings.contains(where: \.isNaN), "upperCrossings", "contains NaN")
        try check.distinctIndices("candidates", candidates, below: k)
        try check.require(!candidates.isEmpty || candidatesValidUntil == -.infinity, "candidates", "empty while marked valid")
        for arm in 0..<k where inCandidates[arm] != candidates.contains(arm) {
            throw check.fail("inCandidates[\(arm)]", "disagrees with candidates")
        }
        try check.require(!candidatesValidUntil.isNaN, "candidatesValidUntil", "is NaN")
    }
}

extension BeatTheMean: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.duelingArmCount("armCount", armCount)
        try check.nonNegative("gamma", gamma, strictly: true)
        try check.atLeast("horizon", horizon, 1)
        try check.finite("radiusNumerator", radiusNumerator)
        try check.count("active", active, armCount)
        try check.require(activeCount >= 1 && activeCount == active.count(where: { $0 }), "activeCount", "\(activeCount) does not match the active arms")
        try check.count("challengerDuels", challengerDuels, rows: armCount, columns: armCount)
        try check.nonNegative("challengerDuels", challengerDuels)
        try check.count("challengerWins", challengerWins, rows: armCount, columns: armCount)
        try check.nonNegative("challengerWins", challengerWins)
        try check.count("comparisons", comparisons, armCount)
        try check.nonNegative("comparisons", comparisons)
        try check.count("winCounts", winCounts, armCount)
        try check.nonNegative("winCounts", winCounts)
        try check.indices("scratch", scratch, below: armCount)
    }
}

extension InterleavedFilter: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.duelingArmCount("armCount", armCount)
        try check.atLeast("horizon", horizon, 1)
        try check.finite("radiusNumerator", radiusNumerator)
        try check.index("candidate", candidate, below: armCount)
        try check.count("challengers", challengers, armCount)
        try check.count("candidateWins", candidateWins, armCount)
        try check.nonNegative("candidateWins", candidateWins)
        try check.count("candidateDuels", candidateDuels, armCount)
        try check.nonNegative("candidateDuels", candidateDuels)
        // armCount means "no challenger left this round".
        try check.within("nextChallenger", nextChallenger, 0...armCount)
    }
}

extension SAVAGE: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("wins", wins)
        try check.atLeast("horizon", horizon, 1)
        try check.require(confidence > 0 && confidence <= 1, "confidence", "\(confidence) is outside (0, 1]")
        try check.finite("halfLogLevel", halfLogLevel)
        try check.count("candidates", candidates, armCount)
        try check.require(candidateCount >= 1 && candidateCount == candidates.count(where: { $0 }), "candidateCount", "\(candidateCount) does not match the candidates")
    }
}

extension RCS: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("wins", wins)
        try tails.validate(check, armCount: armCount)
        try check.nonNegative("alpha", alpha, strictly: true)
        try check.count("championCounts", championCounts, armCount)
        try check.nonNegative("championCounts", championCounts)
        try check.count("sampledWins", sampledWins, armCount)
        try check.indices("ties", ties, below: armCount)
    }
}

extension CCB: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("wins", wins)
        let k = armCount
        try check.nonNegative("alpha", alpha, strictly: true)
        try check.count("hypotheses", hypotheses, k)
        try check.count("rivals", rivals, rows: k, columns: k)
        try check.atLeast("assumedLosses", assumedLosses, 0)
        try check.count("upperScores", upperScores, k)
        try check.count("lowerScores", lowerScores, k)
        try check.indices("scratch", scratch, below: k)
        try check.indices("pairs", pairs, below: k * k)
    }
}
