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
    /// Everything per arm in one buffer, ``rowWidth`` values per arm:
    /// `[a/α, dₐ, cₐ, b/α, d_b, c_b, a, b]`, the (reshaped) sampling shapes with their
    /// Marsaglia–Tsang constants d = shape − 1/3, c = 1/√(9d) (cached because the shapes change
    /// only when that arm is updated), then the posterior parameters. One buffer makes an update
    /// one uniqueness check instead of three; the decision loop reads only the constants.
    /// Encoded as the separate arrays `alphas`, `betas`, `gammaConstants` (see ``init(from:)``).
    /// `@usableFromInline`, like the other state ``update(arm:reward:)`` touches, so that the
    /// update can be inlined into the simulator's specialised loop.
    @usableFromInline var posterior: [Double]
    /// How many arms have a sampling shape below 1 (or NaN). Zero — always, under the default
    /// uniform prior and α = 1 — lets the decision loop skip the per-draw shape tests. Shapes
    /// only grow under updates, so the count is recounted after an update only while it is
    /// nonzero (priors below α), and after a reset. A function of `posterior`, recomputed
    /// rather than encoded.
    @usableFromInline var armsWithShapeBelowOne: Int
    /// ``ZigguratNormalTable/shared``, kept because each access to the lazily initialised
    /// global is a call; not encoded.
    let normalTable = ZigguratNormalTable.shared
    /// The policy's own randomness (settable inside the module for the variants built on this
    /// posterior, such as ``OptimisticThompsonSampling``).
    public internal(set) var generator: Xoshiro256PlusPlus {
        get { storedGenerator }
        set { storedGenerator = newValue }
    }
    // Stored under a name of its own so that the inlinable update can draw from it while the
    // public property stays read-only outside the module.
    @usableFromInline var storedGenerator: Xoshiro256PlusPlus

    /// Values per arm in ``posterior``.
    @usableFromInline static let rowWidth = 8

    /// Posterior α per arm.
    public var alphas: [Double] { (0..<armCount).map { posterior[Self.rowWidth * $0 + 6] } }
    /// Posterior β per arm.
    public var betas: [Double] { (0..<armCount).map { posterior[Self.rowWidth * $0 + 7] } }
    /// Per arm `[a/α, dₐ, cₐ, b/α, d_b, c_b]`, the cached sampling constants (the encoded form).
    var gammaConstants: [Double] {
        (0..<armCount).flatMap { posterior[Self.rowWidth * $0..<Self.rowWidth * $0 + 6] }
    }

    /// The posterior parameters (α, β) of `arm`, without building the ``alphas`` array.
    @inline(__always)
    func posteriorParameters(_ arm: Int) -> (alpha: Double, beta: Double) {
        (posterior[Self.rowWidth * arm + 6], posterior[Self.rowWidth * arm + 7])
    }

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
        posterior = [Double](repeating: 0, count: Self.rowWidth * armCount)
        armsWithShapeBelowOne = 0
        storedGenerator = Xoshiro256PlusPlus(seed: seed)
        for arm in 0..<armCount { setPosterior(arm, alpha: priorSuccesses, beta: priorFailures) }
        countArmsWithShapeBelowOne()
    }

    /// Stores (α, β) for `arm` with its sampling constants.
    private mutating func setPosterior(_ arm: Int, alpha: Double, beta: Double) {
        let reshaping = self.reshaping
        posterior.withUnsafeMutableBufferPointer { rows in
            let row = Self.rowWidth * arm
            precondition(arm >= 0 && row + Self.rowWidth <= rows.count, "arm out of range")
            rows[row &+ 6] = alpha
            rows[row &+ 7] = beta
            Self.storeConstants(shape: alpha / reshaping, into: rows, at: row)
            Self.storeConstants(shape: beta / reshaping, into: rows, at: row &+ 3)
        }
    }

    @usableFromInline
    mutating func countArmsWithShapeBelowOne() {
        armsWithShapeBelowOne = (0..<armCount).count { arm in
            !(posterior[Self.rowWidth * arm] >= 1 && posterior[Self.rowWidth * arm + 3] >= 1)
        }
    }

    /// Writes `[shape, d, c]` with Marsaglia–Tsang's d = shape − 1/3 and c = 1/√(9d).
    @inlinable @inline(__always)
    static func storeConstants(shape: Double, into constants: UnsafeMutableBufferPointer<Double>, at index: Int) {
        let d = shape - 1.0 / 3.0
        constants[index] = shape
        constants[index &+ 1] = d
        constants[index &+ 2] = 1 / (9 * d).squareRoot()
    }

    public mutating func selectArm() -> Int {
        let table = normalTable
        // A local copy of the generator, drawn from by the register-resident samplers, lets
        // its state live in registers through the loop.
        var rng = generator
        defer { generator = rng }
        let armCount = self.armCount
        let shapesAtLeastOne = armsWithShapeBelowOne == 0
        return posterior.withUnsafeBufferPointer { rows in
            // Two copies of the loop, so that the common one has no shape tests at all.
            shapesAtLeastOne
                ? Self.argmaxOfDraws(rows, armCount: armCount, shapesAtLeastOne: true, table: table, using: &rng)
                : Self.argmaxOfDraws(rows, armCount: armCount, shapesAtLeastOne: false, table: table, using: &rng)
        }
    }

    /// The arm with the largest θ = X/(X + Y), lowest index on ties.
    ///
    /// θ is compared without dividing: for positive X, Y, X', Y',
    /// X/(X+Y) > X'/(X'+Y') ⇔ X·Y' > X'·Y. A division per arm would dominate the loop. Arm 0
    /// is drawn before the loop, so the loop has no first-arm test.
    @inline(__always)
    static func argmaxOfDraws(
        _ rows: UnsafeBufferPointer<Double>, armCount: Int, shapesAtLeastOne: Bool, table: ZigguratNormalTable,
        using rng: inout Xoshiro256PlusPlus
    ) -> Int {
        var (bestX, bestY) = posteriorGammaPair(row: 0, rows: rows, shapesAtLeastOne: shapesAtLeastOne, table: table, using: &rng)
        // The loop runs over row offsets, not arm indices: one induction variable fewer keeps
        // a register free for the samplers.
        var bestRow = 0
        var row = rowWidth
        let end = rowWidth &* armCount
        while row < end {
            let (x, y) = posteriorGammaPair(row: row, rows: rows, shapesAtLeastOne: shapesAtLeastOne, table: table, using: &rng)
            // Usually false (the leader rarely changes within one decision): a branch is
            // cheaper than the selects the optimiser would otherwise emit.
            if _slowPath(x * bestY > bestX * y) { (bestX, bestY, bestRow) = newLeader(x, y, row) }
            row &+= rowWidth
        }
        return bestRow / rowWidth
    }

    /// The identity, out of line on purpose: as a call, the rare leader change stays a branch.
    /// Written inline, the optimiser turns it into blends of the pair's vector register
    /// (about ten instructions on every arm), or into register copies on both paths.
    @inline(never)
    static func newLeader(_ x: Double, _ y: Double, _ row: Int) -> (Double, Double, Int) { (x, y, row) }

    /// X ~ Gamma(a/α), Y ~ Gamma(b/α), so that θ = X/(X + Y) ~ Beta(a/α, b/α), using the cached
    /// constants whenever a shape is at least 1 (always, under the default uniform prior and α = 1).
    @inline(__always)
    func posteriorGammaPair(_ arm: Int, table: ZigguratNormalTable, using rng: inout Xoshiro256PlusPlus) -> (Double, Double) {
        precondition(arm >= 0 && arm < armCount, "arm out of range")
        return posterior.withUnsafeBufferPointer {
            Self.posteriorGammaPair(row: Self.rowWidth &* arm, rows: $0, shapesAtLeastOne: armsWithShapeBelowOne == 0, table: table, using: &rng)
        }
    }

    /// `shapesAtLeastOne` promises both shapes of every arm are at least 1 (then they are not
    /// read). An arm whose shapes are both at least 1 draws its pair with
    /// ``BanditCore/RandomNumberGenerator/nextMarsagliaTsangGammaPair(dX:cX:dY:cY:table:)``;
    /// otherwise each gamma is drawn on its own, shapes below 1 by the general sampler.
    @inline(__always)
    static func posteriorGammaPair(
        row: Int, rows: UnsafeBufferPointer<Double>, shapesAtLeastOne: Bool, table: ZigguratNormalTable,
        using rng: inout Xoshiro256PlusPlus
    ) -> (Double, Double) {
        // Shapes below 1 occur only with a prior or reshaping that makes them; the hint keeps
        // the loop's values in registers on the common path, as in the samplers.
        if _fastPath(shapesAtLeastOne || (rows[row] >= 1 && rows[row &+ 3] >= 1)) {
            // Both first attempts' uniforms from one word: three generator words per arm
            // instead of four (see the sampler for why the law is exact up to 2⁻³²).
            return rng.nextMarsagliaTsangGammaPairInRegisters(
                dX: rows[row &+ 1], cX: rows[row &+ 2], dY: rows[row &+ 4], cY: rows[row &+ 5], table: table)
        }
        let x: Double
        if _fastPath(shapesAtLeastOne || rows[row] >= 1) {
            x = rng.nextMarsagliaTsangGammaInRegisters(d: rows[row &+ 1], c: rows[row &+ 2], table: table)
        } else {
            x = rng.nextGammaByValue(shape: rows[row])
        }
        let y: Double
        if _fastPath(shapesAtLeastOne || rows[row &+ 3] >= 1) {
            y = rng.nextMarsagliaTsangGammaInRegisters(d: rows[row &+ 4], c: rows[row &+ 5], table: table)
        } else {
            y = rng.nextGammaByValue(shape: rows[row &+ 3])
        }
        return (x, y)
    }

    /// - Throws: also ``BanditError/invalidParameter(name:value:reason:)`` for a reward outside
    ///   [0, 1], which the Beta–Bernoulli model cannot represent.
    @inlinable @inline(__always)
    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        // One test covers the arm range, NaN and ±∞ (both outside [0, 1]) and the model's
        // range; the errors are built out of line, so the simulator's loop inlines the update.
        if _slowPath(!(arm >= 0 && arm < armCount && reward >= 0 && reward <= 1)) {
            try Self.rejectFeedback(arm: arm, reward: reward, armCount: armCount)
        }
        var success = reward
        if _slowPath(binarize && reward > 0 && reward < 1) {
            success = storedGenerator.nextUniform() < reward ? 1 : 0
        }
        let reshaping = self.reshaping
        posterior.withUnsafeMutableBufferPointer { rows in
            // `arm` was validated and the buffer holds `rowWidth` values per arm.
            let row = Self.rowWidth &* arm
            // Only the parameter that changed gets new constants (a square root each).
            if success != 0 {
                let alpha = rows[row &+ 6] + success
                rows[row &+ 6] = alpha
                Self.storeConstants(shape: alpha / reshaping, into: rows, at: row)
            }
            if success != 1 {
                let beta = rows[row &+ 7] + (1 - success)
                rows[row &+ 7] = beta
                Self.storeConstants(shape: beta / reshaping, into: rows, at: row &+ 3)
            }
        }
        if _slowPath(armsWithShapeBelowOne != 0) { countArmsWithShapeBelowOne() }
    }

    /// The error for feedback ``update(arm:reward:)`` refuses: the shared checks' error
    /// (unknown arm, non-finite reward) first, else the reward is outside [0, 1].
    @usableFromInline @inline(never)
    static func rejectFeedback(arm: Int, reward: Double, armCount: Int) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        guard reward.isFinite else { throw .nonFiniteReward(arm: arm, value: reward) }
        throw .invalidParameter(name: "reward", value: "\(reward)", reason: "Beta–Bernoulli Thompson sampling needs rewards in [0, 1]")
    }

    /// Forgets `arm`: its posterior returns to the prior Beta(a₀, b₀) (a new arm, as in
    /// Chapelle & Li 2011's dynamic experiment).
    public mutating func resetArm(_ arm: Int) throws(BanditError) {
        guard arm >= 0 && arm < armCount else { throw .unknownArm(arm: arm, armCount: armCount) }
        setPosterior(arm, alpha: priorSuccesses, beta: priorFailures)
        countArmsWithShapeBelowOne()
    }

    // The encoded form is the one of the earlier stored properties `alphas`, `betas` and
    // `gammaConstants`, so that existing snapshots decode and continue identically.
    private enum CodingKeys: String, CodingKey {
        case armCount, priorSuccesses, priorFailures, binarize, reshaping, alphas, betas, gammaConstants, generator
    }

    /// Decodes the encoded arrays and checks them (``validateDecodedFields(armCount:priorSuccesses:priorFailures:reshaping:alphas:betas:gammaConstants:check:)``)
    /// before building the buffer: a violation is a `DecodingError` at the violating field's path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        armCount = try container.decode(Int.self, forKey: .armCount)
        priorSuccesses = try container.decode(Double.self, forKey: .priorSuccesses)
        priorFailures = try container.decode(Double.self, forKey: .priorFailures)
        binarize = try container.decode(Bool.self, forKey: .binarize)
        reshaping = try container.decode(Double.self, forKey: .reshaping)
        let alphas = try container.decode([Double].self, forKey: .alphas)
        let betas = try container.decode([Double].self, forKey: .betas)
        let gammaConstants = try container.decode([Double].self, forKey: .gammaConstants)
        storedGenerator = try container.decode(Xoshiro256PlusPlus.self, forKey: .generator)
        do {
            try Self.validateDecodedFields(
                armCount: armCount, priorSuccesses: priorSuccesses, priorFailures: priorFailures, reshaping: reshaping,
                alphas: alphas, betas: betas, gammaConstants: gammaConstants, check: StateCheck())
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [StateViolationKey(stringValue: error.path)], debugDescription: error.reason))
        }
        posterior = []
        posterior.reserveCapacity(Self.rowWidth * armCount)
        for arm in 0..<armCount {
            posterior += gammaConstants[6 * arm..<6 * arm + 6]
            posterior.append(alphas[arm])
            posterior.append(betas[arm])
        }
        armsWithShapeBelowOne = 0
        countArmsWithShapeBelowOne()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(armCount, forKey: .armCount)
        try container.encode(priorSuccesses, forKey: .priorSuccesses)
        try container.encode(priorFailures, forKey: .priorFailures)
        try container.encode(binarize, forKey: .binarize)
        try container.encode(reshaping, forKey: .reshaping)
        try container.encode(alphas, forKey: .alphas)
        try container.encode(betas, forKey: .betas)
        try container.encode(gammaConstants, forKey: .gammaConstants)
        try container.encode(generator, forKey: .generator)
    }
}

/// A coding-path component naming a field (with its index, e.g. `gammaConstants[3]`) found
/// inconsistent while decoding.
private struct StateViolationKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
