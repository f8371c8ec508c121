import BanditCore
import RealModule

/// Bayes-UCB (Kaufmann, Cappé & Garivier 2012, "On Bayesian Upper Confidence Bounds for Bandit
/// Problems", AISTATS, Algorithm 1).
///
/// At round t (1-based: the round about to be played) pull the arm maximising the quantile
/// qⱼ(t) = Q(1 − 1/(t·(ln T)ᶜ), πⱼ) of arm j's posterior πⱼ, with T the horizon. Theorem 1 needs
/// c ≥ 5; the paper's experiments use c = 0 (level 1 − 1/t), the default here.
///
/// Posteriors (``Model``):
/// - `bernoulli`: the uniform prior Beta(1, 1), so πⱼ = Beta(Sⱼ + 1, Nⱼ − Sⱼ + 1) with Sⱼ the sum
///   of arm j's rewards (a reward r ∈ [0, 1] counts as r successes — the fractional update;
///   rewards outside [0, 1] are rejected as `bayes-ucb.reward`). The quantile inverts the
///   regularized incomplete beta (``SpecialFunctions/betaUpperQuantile(tail:a:b:start:)``).
///   No initial round-robin: the prior defines every index from the start (at t = 1 all
///   quantiles are 0 and arm 0 is pulled).
/// - `gaussian(σ)`: rewards N(μⱼ, σ²) with σ known and a flat prior, so πⱼ = N(μ̂ⱼ, σ²/Nⱼ) and
///   qⱼ = μ̂ⱼ + σ/√Nⱼ·Φ⁻¹(1 − 1/(t(ln T)ᶜ)) (the paper's §4 treats Gaussian rewards the same
///   way). The flat prior needs one pull of each arm first.
///
/// Choices: (ln T)ᶜ uses max(1, ln T) so a horizon below e does not divide by zero; ties go to
/// the lowest arm.
public struct BayesUCB: BanditPolicy, Hashable, Codable {
    /// The reward model and its posterior.
    public enum Model: Sendable, Hashable, Codable {
        case bernoulli
        case gaussian(standardDeviation: Double)
    }

    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates (Sⱼ = Nⱼ·μ̂ⱼ).
    public private(set) var statistics: ArmStatistics
    public let model: Model
    /// T, the horizon in the quantile level.
    public let horizon: Int
    /// c, the exponent of ln T in the quantile level.
    public let logHorizonExponent: Double
    /// (ln T)ᶜ, computed once.
    let levelFactor: Double
    /// The last quantile computed for each arm: a warm start for the next one.
    var quantiles: [Double]

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1`,
    ///   `horizon < 1`, c is negative or not finite, or σ is not finite and > 0.
    public init(armCount: Int, model: Model = .bernoulli, horizon: Int, logHorizonExponent: Double = 0) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard horizon >= 1 else {
            throw .invalidParameter(name: "bayes-ucb.horizon", value: "\(horizon)", reason: "must be ≥ 1")
        }
        guard logHorizonExponent.isFinite, logHorizonExponent >= 0 else {
            throw .invalidParameter(name: "bayes-ucb.c", value: "\(logHorizonExponent)", reason: "must be finite and ≥ 0")
        }
        if case .gaussian(let sigma) = model, !(sigma.isFinite && sigma > 0) {
            throw .invalidParameter(name: "bayes-ucb.sigma", value: "\(sigma)", reason: "must be finite and > 0")
        }
        statistics = ArmStatistics(armCount: armCount)
        self.model = model
        self.horizon = horizon
        self.logHorizonExponent = logHorizonExponent
        levelFactor = Double.pow(max(1, Double.log(Double(horizon))), logHorizonExponent)
        quantiles = [Double](repeating: -1, count: armCount)  // −1: no warm start yet
    }

    /// 1/(t·(ln T)ᶜ) for the coming round t = rewards recorded + 1: the posterior mass left above
    /// the index.
    var tailProbability: Double { 1 / (Double(statistics.totalCount + 1) * levelFactor) }

    /// The current index of every arm, computed from scratch (for inspection and tests).
    public func indices() -> [Double] {
        let tail = tailProbability
        return (0..<armCount).map { arm in
            let n = statistics.count(of: arm)
            switch model {
            case .bernoulli:
                let successes = n * statistics.mean(of: arm)
                return SpecialFunctions.betaUpperQuantile(tail: tail, a: successes + 1, b: n - successes + 1)
            case .gaussian(let sigma):
                return n == 0 ? .infinity : statistics.mean(of: arm) - sigma / n.squareRoot() * SpecialFunctions.normalQuantile(tail)
            }
        }
    }

    public mutating func selectArm() -> Int {
        let tail = tailProbability
        switch model {
        case .gaussian(let sigma):
            if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
            let width = -sigma * SpecialFunctions.normalQuantile(tail)
            return statistics.withColumns { _, means, _, inverseRoots in
                var best = 0
                var bestValue = -Double.infinity
                for arm in 0..<means.count {
                    let value = means[arm] + width * inverseRoots[arm]
                    if value > bestValue {
                        bestValue = value
                        best = arm
                    }
                }
                return best
            }
        case .bernoulli:
            // Beta(a, b) is 1/(4(a + b + 1))-sub-Gaussian (Marchal & Arbel 2017, "On the
            // sub-Gaussianity of the Beta and Dirichlet distributions", Theorem 1), so its
            // (1 − α)-quantile is at most a/(a + b) + √(ln(1/α)/(2(a + b + 1))): arms whose bound
            // cannot reach the best quantile so far are skipped. The arm with the largest last
            // quantile is solved first so the bar starts high; decisions are unchanged.
            let logInverseTail = -Double.log(tail)
            var first = 0
            for arm in 1..<armCount where quantiles[arm] > quantiles[first] { first = arm }
            var best = first
            var bestValue = quantile(first, tail: tail)
            for arm in 0..<armCount where arm != first {
                let n = statistics.count(of: arm)
                let mean = (n * statistics.mean(of: arm) + 1) / (n + 2)
                let bound = mean + (logInverseTail / (2 * (n + 3))).squareRoot()
                if bound < bestValue || (bound == bestValue && arm > best) { continue }
                let value = quantile(arm, tail: tail)
                if value > bestValue || (value == bestValue && arm < best) {
                    bestValue = value
                    best = arm
                }
            }
            return best
        }
    }

    /// Arm j's Beta(Sⱼ + 1, Nⱼ − Sⱼ + 1) quantile, warm-started from its last one.
    private mutating func quantile(_ arm: Int, tail: Double) -> Double {
        let n = statistics.count(of: arm)
        // Clamped so rounding in Nⱼ·μ̂ⱼ never makes a shape non-positive.
        let successes = min(max(n * statistics.mean(of: arm), 0), n)
        let value = SpecialFunctions.betaUpperQuantile(
            tail: tail, a: successes + 1, b: n - successes + 1, start: quantiles[arm])
        quantiles[arm] = value
        return value
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        if case .bernoulli = model, !(reward >= 0 && reward <= 1) {
            throw .invalidParameter(name: "bayes-ucb.reward", value: "\(reward)", reason: "the Beta–Bernoulli model needs rewards in [0, 1]")
        }
        statistics.record(arm: arm, reward: reward)
    }
}
