import BanditCore

/// Optimistic Thompson sampling with a Beta–Bernoulli model (Chapelle & Li 2011, "An Empirical
/// Evaluation of Thompson Sampling", NeurIPS, its "optimistic Thompson sampling" variant).
///
/// Like ``BernoulliThompsonSampling`` it draws θⱼ ~ Beta(aⱼ, bⱼ) for each arm, but scores the arm
/// by max(θⱼ, aⱼ/(aⱼ + bⱼ)): a draw below the posterior mean is replaced by the mean, so
/// sampling can only raise an arm's estimate, never lower it. The arm with the largest score is
/// pulled (lowest index on ties).
///
/// The posterior, its update, the prior validation and the gamma draws are those of
/// ``BernoulliThompsonSampling``, which this type wraps, so `binarize` and posterior
/// `reshaping` (draws from Beta(a/α, b/α), whose mean is still a/(a + b)) apply here too.
/// Ambiguity, stated: Chapelle & Li give the rule for the Beta–Bernoulli case only; "posterior
/// mean" is the mean of the (un-reshaped) posterior, equal to the reshaped one's.
public struct OptimisticThompsonSampling: BanditPolicy, Hashable, Codable {
    /// The Beta–Bernoulli posterior and the generator.
    public private(set) var base: BernoulliThompsonSampling

    public var armCount: Int { base.armCount }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` as
    ///   ``BernoulliThompsonSampling/init(armCount:priorSuccesses:priorFailures:binarize:reshaping:seed:)``,
    ///   with parameters named `optimistic-thompson.<param>`.
    public init(
        armCount: Int, priorSuccesses: Double = 1, priorFailures: Double = 1, binarize: Bool = false,
        reshaping: Double = 1, seed: UInt64
    ) throws(BanditError) {
        do {
            base = try BernoulliThompsonSampling(
                armCount: armCount, priorSuccesses: priorSuccesses, priorFailures: priorFailures, binarize: binarize,
                reshaping: reshaping, seed: seed)
        } catch let .invalidParameter(name, value, reason) where name.hasPrefix("thompson.") {
            throw .invalidParameter(name: "optimistic-thompson." + name.dropFirst("thompson.".count), value: value, reason: reason)
        }
    }

    /// The posterior mean a/(a + b) of each arm.
    public var posteriorMeans: [Double] { zip(base.alphas, base.betas).map { $0 / ($0 + $1) } }

    public mutating func selectArm() -> Int {
        let table = base.normalTable
        var rng = base.generator
        defer { base.generator = rng }
        var best = 0
        var bestScore = -Double.infinity
        for arm in 0..<base.armCount {
            let (x, y) = base.posteriorGammaPair(arm, table: table, using: &rng)
            let (a, b) = base.posteriorParameters(arm)
            let mean = a / (a + b)
            let theta = x / (x + y)
            let score = theta > mean ? theta : mean  // a NaN draw falls back to the mean
            if score > bestScore {
                bestScore = score
                best = arm
            }
        }
        return best
    }

    /// - Throws: as ``BernoulliThompsonSampling/update(arm:reward:)`` (rewards must lie in [0, 1]).
    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try base.update(arm: arm, reward: reward)
    }
}
