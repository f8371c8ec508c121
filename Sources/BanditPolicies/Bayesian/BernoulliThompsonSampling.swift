import BanditCore
import RealModule

/// Thompson sampling with a Beta–Bernoulli model (Thompson 1933; Agrawal & Goyal 2012,
/// "Analysis of Thompson Sampling for the Multi-armed Bandit Problem", Algorithm 1 and, for
/// rewards in [0, 1], Algorithm 2).
///
/// Each arm j has a Beta(a₀ + Sⱼ, b₀ + Fⱼ) posterior over its success probability; a decision
/// draws θⱼ from each posterior and pulls the arg-max. A reward r ∈ [0, 1] counts as r successes
/// and 1 − r failures (the conjugate "fractional" update), or — with `binarize` — as one
/// Bernoulli(r) trial, which is Agrawal & Goyal's Algorithm 2 and keeps their regret bound for
/// any reward distribution on [0, 1]. Rewards outside [0, 1] are rejected.
///
/// **Posterior reshaping** (Chapelle & Li 2011, "An Empirical Evaluation of Thompson Sampling",
/// NeurIPS, the "posterior reshaping" experiment): with `reshaping` α ≠ 1 the draws come from Beta(a/α, b/α) instead of
/// Beta(a, b). The mean a/(a + b) is unchanged and the variance
/// ab/((a + b)²(a/α + b/α + 1)) grows with α, so α > 1 explores *more* and α < 1 less
/// (a more peaked posterior).
/// The reshaped shapes are what the per-arm Marsaglia–Tsang constants are cached for, so the
/// decision loop is the same for every α, and α = 1 gives bit-identical draws to plain
/// Thompson sampling (a/1 = a exactly).
public struct BernoulliThompsonSampling: BanditPolicy, Hashable, Codable {
    public let armCount: Int
    /// Prior pseudo-successes a₀ > 0 (Beta(1, 1) is uniform).
    public let priorSuccesses: Double
    /// Prior pseudo-failures b₀ > 0.
    public let priorFailures: Double
    /// Whether rewards in (0, 1) are turned into Bernoulli trials (Agrawal & Goyal, Algorithm 2).
    public let binarize: Bool
    /// α > 0, the posterior reshaping exponent: draws come from Beta(a/α, b/α); 1 is plain TS.
    public let reshaping: Double
    /// Posterior α per arm.
    public private(set) var alphas: [Double]
    /// Posterior β per arm.
    public private(set) var betas: [Double]
    /// Per arm `[a/α, dₐ, cₐ, b/α, d_b, c_b]`: the (reshaped) sampling shapes and their
    /// Marsaglia–Tsang constants d = shape − 1/3, c = 1/√(9d), cached because the shapes change
    /// only when that arm is updated. The decision loop reads only this array.
    var gammaConstants: [Double]
    /// The policy's own randomness (settable inside the module for the variants built on this
    /// posterior, such as ``OptimisticThompsonSampling``).
    public internal(set) var generator: Xoshiro256PlusPlus

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for `armCount < 1` or a
    ///   non-positive or non-finite prior (`thompson.a`, `thompson.b`) or reshaping exponent
    ///   (`thompson.alpha`).
    public init(
        armCount: Int, priorSuccesses: Double = 1, priorFailures: Double = 1, binarize: Bool = false,
        reshaping: Double = 1, seed: UInt64
    ) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        for (name, value) in [("thompson.a", priorSuccesses), ("thompson.b", priorFailures)]
        where !(value.isFinite && value > 0) {
            throw .invalidParameter(name: name, value: "\(value)", reason: "prior parameters must be finite and > 0")
        }
        guard reshaping.isFinite && reshaping > 0 else {
            throw .invalidParameter(name: "thompson.alpha", value: "\(reshaping)", reason: "the reshaping exponent must be finite and > 0")
        }
        self.armCount = armCount
        self.priorSuccesses = priorSuccesses
        self.priorFailures = priorFailures
        self.binarize = binarize
        self.reshaping = reshaping
        alphas = [Double](repeating: priorSuccesses, count: armCount)
        betas = [Double](repeating: priorFailures, count: armCount)
        gammaConstants = [Double](repeating: 0, count: 6 * armCount)
        generator = Xoshiro256PlusPlus(seed: seed)
        for arm in 0..<armCount { refreshConstants(arm) }
    }

    /// Runs after every update, so it writes through one buffer access (one uniqueness check)
    /// and is inlined into ``update(arm:reward:)``.
    @inline(__always)
    private mutating func refreshConstants(_ arm: Int, alphaChanged: Bool = true, betaChanged: Bool = true) {
        let alphaShape = alphas[arm] / reshaping
        let betaShape = betas[arm] / reshaping
        gammaConstants.withUnsafeMutableBufferPointer { constants in
            precondition(arm >= 0 && 6 * arm + 5 < constants.count, "arm out of range")
            if alphaChanged { Self.storeConstants(shape: alphaShape, into: constants, at: 6 &* arm) }
            if betaChanged { Self.storeConstants(shape: betaShape, into: constants, at: 6 &* arm &+ 3) }
        }
    }

    /// Writes `[shape, d, c]` with Marsaglia–Tsang's d = shape − 1/3 and c = 1/√(9d).
    @inline(__always)
    private static func storeConstants(shape: Double, into constants: UnsafeMutableBufferPointer<Double>, at index: Int) {
        let d = shape - 1.0 / 3.0
        constants[index] = shape
        constants[index &+ 1] = d
        constants[index &+ 2] = 1 / (9 * d).squareRoot()
    }

    public mutating func selectArm() -> Int {
        let table = ZigguratNormalTable.shared
        // θ = X/(X + Y) is compared without dividing: for positive X, Y, X', Y',
        // X/(X+Y) > X'/(X'+Y') ⇔ X·Y' > X'·Y. A division per arm would dominate the loop.
        var best = 0
        var bestX = 0.0
        var bestY = 1.0
        // A local copy of the generator, drawn from by the register-resident samplers, lets
        // its state live in registers through the loop.
        var rng = generator
        defer { generator = rng }
        gammaConstants.withUnsafeBufferPointer { constants in
            for arm in 0..<armCount {
                let (x, y) = Self.posteriorGammaPair(arm, constants: constants, table: table, using: &rng)
                if x * bestY > bestX * y || arm == 0 {
                    bestX = x
                    bestY = y
                    best = arm
                }
            }
        }
        return best
    }

    /// X ~ Gamma(a/α), Y ~ Gamma(b/α), so that θ = X/(X + Y) ~ Beta(a/α, b/α), using the cached
    /// constants whenever a shape is at least 1 (always, under the default uniform prior and α = 1).
    @inline(__always)
    func posteriorGammaPair(_ arm: Int, table: ZigguratNormalTable, using rng: inout Xoshiro256PlusPlus) -> (Double, Double) {
        gammaConstants.withUnsafeBufferPointer { Self.posteriorGammaPair(arm, constants: $0, table: table, using: &rng) }
    }

    @inline(__always)
    static func posteriorGammaPair(
        _ arm: Int, constants: UnsafeBufferPointer<Double>, table: ZigguratNormalTable, using rng: inout Xoshiro256PlusPlus
    ) -> (Double, Double) {
        let base = 6 &* arm
        let alpha = constants[base]
        let beta = constants[base &+ 3]
        // Shapes below 1 occur only with a prior or reshaping that makes them; the hint keeps
        // the loop's values in registers on the common path, as in the samplers.
        let x: Double
        if _fastPath(alpha >= 1) {
            x = rng.nextMarsagliaTsangGammaInRegisters(d: constants[base &+ 1], c: constants[base &+ 2], table: table)
        } else {
            x = rng.nextGammaByValue(shape: alpha)
        }
        let y: Double
        if _fastPath(beta >= 1) {
            y = rng.nextMarsagliaTsangGammaInRegisters(d: constants[base &+ 4], c: constants[base &+ 5], table: table)
        } else {
            y = rng.nextGammaByValue(shape: beta)
        }
        return (x, y)
    }

    /// - Throws: also ``BanditError/invalidParameter(name:value:reason:)`` for a reward outside
    ///   [0, 1], which the Beta–Bernoulli model cannot represent.
    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        guard reward >= 0 && reward <= 1 else {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "Beta–Bernoulli Thompson sampling needs rewards in [0, 1]")
        }
        var success = reward
        if binarize && reward > 0 && reward < 1 {
            success = generator.nextUniform() < reward ? 1 : 0
        }
        alphas[arm] += success
        betas[arm] += 1 - success
        refreshConstants(arm, alphaChanged: success != 0, betaChanged: success != 1)
    }

    /// Forgets `arm`: its posterior returns to the prior Beta(a₀, b₀) (a new arm, as in
    /// Chapelle & Li 2011's dynamic experiment).
    public mutating func resetArm(_ arm: Int) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        alphas[arm] = priorSuccesses
        betas[arm] = priorFailures
        refreshConstants(arm)
    }
}
