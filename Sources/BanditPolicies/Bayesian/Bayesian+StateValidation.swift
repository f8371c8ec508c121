import BanditCore

// Invariants of the Thompson-sampling policies' decoded states (see DecodedStateValidating).
// Posterior parameters feed Gamma and Beta samplers, whose rejection loops never end on a NaN
// or non-positive shape: those must be finite and > 0.

extension BernoulliThompsonSampling: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try Self.validateDecodedFields(
            armCount: armCount, priorSuccesses: priorSuccesses, priorFailures: priorFailures, reshaping: reshaping,
            alphas: alphas, betas: betas, gammaConstants: gammaConstants, check: check)
    }

    /// The invariants of the encoded fields, checked by ``init(from:)`` before it builds the
    /// per-arm buffer from them (so that arrays of the wrong length are never indexed).
    static func validateDecodedFields(
        armCount: Int, priorSuccesses: Double, priorFailures: Double, reshaping: Double,
        alphas: [Double], betas: [Double], gammaConstants: [Double], check: StateCheck
    ) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.nonNegative("priorSuccesses", priorSuccesses, strictly: true)
        try check.nonNegative("priorFailures", priorFailures, strictly: true)
        try check.nonNegative("reshaping", reshaping, strictly: true)
        try check.count("alphas", alphas, armCount)
        try check.nonNegative("alphas", alphas, strictly: true)
        try check.count("betas", betas, armCount)
        try check.nonNegative("betas", betas, strictly: true)
        // The sampler's cached constants are a function of α, β and the reshaping: recompute
        // them exactly (same expressions) rather than trust them.
        try check.count("gammaConstants", gammaConstants, rows: 6, columns: armCount)
        for arm in 0..<armCount {
            for (offset, parameter) in [(0, alphas[arm]), (3, betas[arm])] {
                let shape = parameter / reshaping
                let d = shape - 1.0 / 3.0
                let c = 1 / (9 * d).squareRoot()
                let cached = gammaConstants[6 * arm + offset..<6 * arm + offset + 3]
                guard cached.elementsEqual([shape, d, c], by: { $0 == $1 || ($0.isNaN && $1.isNaN) }) else {
                    throw check.fail("gammaConstants[\(6 * arm + offset)]", "do not match the posterior of arm \(arm)")
                }
            }
        }
    }
}

extension GaussianThompsonSampling: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        try check.finite("priorMean", priorMean)
        try check.nonNegative("priorStandardDeviation", priorStandardDeviation, strictly: true)
        try check.nonNegative("noiseStandardDeviation", noiseStandardDeviation, strictly: true)
        try check.count("posteriorMeans", posteriorMeans, armCount)
        try check.finite("posteriorMeans", posteriorMeans)
        try check.count("posteriorStandardDeviations", posteriorStandardDeviations, armCount)
        try check.nonNegative("posteriorStandardDeviations", posteriorStandardDeviations)
        try check.count("precisions", precisions, armCount)
        try check.nonNegative("precisions", precisions, strictly: true)
        try check.count("weightedMeans", weightedMeans, armCount)
        try check.finite("weightedMeans", weightedMeans)
    }
}

extension NormalGammaThompsonSampling: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("posterior", posterior)
    }
}

extension OptimisticThompsonSampling: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.validate("base", base)
    }
}

extension VarianceAdaptiveThompsonSampling: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        try check.atLeast("armCount", armCount, 1)
        for (field, values) in [("noiseStandardDeviations", noiseStandardDeviations), ("priorMeans", priorMeans), ("priorStandardDeviations", priorStandardDeviations)] {
            try check.require(values.isEmpty || values.count == armCount, field, "has \(values.count) elements, expected 0 or \(armCount)")
            try check.finite(field, values)
        }
        switch variant {
        case .unknownVariance:
            guard let normalGamma else { throw check.fail("normalGamma", "missing for the unknown-variance variant") }
            try check.validate("normalGamma", normalGamma)
            try check.require(normalGamma.armCount == armCount, "normalGamma.priors", "\(normalGamma.armCount) arms, the policy has \(armCount)")
            try check.count("gaussian", gaussian, 0)
        case .knownVariance:
            try check.require(normalGamma == nil, "normalGamma", "present for the known-variance variant")
            // Per arm: posterior mean, posterior sd, prior precision, noise precision.
            try check.count("gaussian", gaussian, rows: 4, columns: armCount)
            try check.finite("gaussian", gaussian)
            for arm in 0..<armCount {
                try check.nonNegative("gaussian[\(4 * arm + 1)]", gaussian[4 * arm + 1])
                try check.nonNegative("gaussian[\(4 * arm + 2)]", gaussian[4 * arm + 2], strictly: true)
                try check.nonNegative("gaussian[\(4 * arm + 3)]", gaussian[4 * arm + 3], strictly: true)
            }
        }
    }
}
