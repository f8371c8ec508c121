import BanditCore

/// How a policy interacts with the world, which fixes what a decision and a reward mean.
public enum PolicyFamily: String, Sendable, Codable, CaseIterable {
    /// K arms, scalar rewards, no context (``BanditPolicy``).
    case kArmed = "k-armed"
    /// K arms scored from per-round features (``ContextualPolicy``).
    case contextual
    /// Pairs of arms; the feedback is which one won (``DuelingPolicy``).
    case dueling
    /// Best-arm identification: sample to learn, then recommend (``PureExplorationPolicy``).
    /// Snapshots only (see ``SnapshottablePolicy``).
    case pureExploration = "pure-exploration"
    /// Bandits with knapsacks: each pull consumes budgeted resources (``KnapsackPolicy``).
    /// Snapshots only (see ``SnapshottablePolicy``).
    case knapsack
}

/// What a policy chose in one decision: an arm, or for a dueling policy a pair of arms.
public struct Choice: Hashable, Sendable, Codable {
    /// The arm (the first arm of a duel).
    public var arm: Int
    /// The second arm of a duel; `nil` for the other families.
    public var opponent: Int?

    public init(arm: Int, opponent: Int? = nil) {
        self.arm = arm
        self.opponent = opponent
    }
}

/// The arms a policy prefers among a subset, best first, and the probability with which the
/// first was chosen when the policy's rule defines one.
public struct ArmRanking: Hashable, Sendable {
    public var arms: [Int]
    public var propensity: Double?

    public init(arms: [Int], propensity: Double?) {
        self.arms = arms
        self.propensity = propensity
    }
}

/// A policy of any family seen through one interface, so that one ``DecisionService`` and one
/// snapshot format serve them all.
///
/// Conformance is one line per policy type — `extension UCB1: ServablePolicy {}` — because
/// every requirement has a default for each family (``BanditPolicy``, ``ContextualPolicy``,
/// ``DuelingPolicy``), except the check of a decoded state (``DecodedStateValidating``, see
/// ``SnapshottablePolicy``); add the type to ``SnapshotRegistry/standard`` as well so that a
/// snapshot can be restored without knowing its type in advance. A policy that can rank a subset of its
/// arms (needed to restrict decisions to available arms, for top-k and for removing arms)
/// implements ``rankArms(among:count:features:using:)`` too.
public protocol ServablePolicy: SnapshottablePolicy {
    /// d for a contextual policy, `nil` otherwise.
    var featureDimension: Int? { get }
    /// Whether ``propensity(of:features:)`` can return a value (default: false).
    static var reportsPropensity: Bool { get }
    /// Whether ``rankArms(among:count:features:using:)`` is implemented (default: false).
    static var ranksSubsets: Bool { get }

    /// One decision. `features` must be present (K columns of d) exactly for contextual policies.
    /// - Throws: a ``BanditError`` naming the bad input; the policy is then unchanged.
    mutating func choose(features: ArmFeatures?) throws(BanditError) -> Choice

    /// The probability that ``choose(features:)`` returns `choice` from the current state, where
    /// the policy defines it (ε-greedy, softmax, EXP3 and other ``PropensityReportingPolicy``:
    /// exact; deterministic index policies: 1 for the arm they pick). `nil` when the policy has
    /// no closed form, e.g. Thompson sampling, whose probability of choosing an arm is an
    /// integral over the posterior that BanditKit does not estimate (log the posterior instead,
    /// or use an explicitly randomised policy when off-policy evaluation needs propensities).
    func propensity(of choice: Choice, features: ArmFeatures?) -> Double?

    /// Learns from the feedback to an earlier `choice`. For a contextual policy `features` is
    /// the chosen arm's feature vector in that round; for a dueling policy `reward` is 1 when
    /// `choice.arm` won and 0 when `choice.opponent` won.
    /// - Throws: a ``BanditError`` naming the bad input; the policy is then unchanged.
    mutating func learn(from choice: Choice, features: [Double]?, reward: Double) throws(BanditError)

    /// Forgets everything about `arm` (a new arm takes its slot); other arms are untouched.
    mutating func forgetArm(_ arm: Int) throws(BanditError)

    /// The policy's rule restricted to `available` (distinct, valid arms): up to `count` arms,
    /// best first. Randomised rules draw from `generator` (the service's own stream, part of its
    /// state) rather than the policy's, so that the policy's own sequence is unaffected.
    /// Returns `nil` when the policy cannot rank a subset (the default); the service then
    /// rejects restricted and top-k decisions for it with a typed error.
    mutating func rankArms(among available: [Int], count: Int, features: ArmFeatures?, using generator: inout Xoshiro256PlusPlus) throws(BanditError) -> ArmRanking?
}

extension ServablePolicy {
    public static var reportsPropensity: Bool { false }
    public static var ranksSubsets: Bool { false }

    public func propensity(of choice: Choice, features: ArmFeatures?) -> Double? { nil }

    public mutating func rankArms(among available: [Int], count: Int, features: ArmFeatures?, using generator: inout Xoshiro256PlusPlus) throws(BanditError) -> ArmRanking? {
        nil
    }
}

// MARK: - K-armed

extension ServablePolicy where Self: BanditPolicy {
    public static var family: PolicyFamily { .kArmed }
    public var featureDimension: Int? { nil }

    public mutating func choose(features: ArmFeatures?) throws(BanditError) -> Choice {
        guard features == nil else {
            throw .invalidParameter(name: "features", value: "\(features!.dimension) × \(features!.armCount)", reason: "\(Self.self) is a K-armed policy and takes no context")
        }
        return Choice(arm: selectArm())
    }

    public mutating func learn(from choice: Choice, features: [Double]?, reward: Double) throws(BanditError) {
        guard choice.opponent == nil, features == nil else {
            throw .invalidParameter(name: "features", value: "\(features?.count ?? 0) values", reason: "\(Self.self) is a K-armed policy and takes no context")
        }
        try update(arm: choice.arm, reward: reward)
    }

    public mutating func forgetArm(_ arm: Int) throws(BanditError) { try resetArm(arm) }
}

extension ServablePolicy where Self: PropensityReportingPolicy {
    public static var reportsPropensity: Bool { true }

    public func propensity(of choice: Choice, features: ArmFeatures?) -> Double? {
        guard features == nil, choice.opponent == nil, choice.arm >= 0, choice.arm < armCount else { return nil }
        return propensity(of: choice.arm)
    }
}

// MARK: - Contextual

extension ServablePolicy where Self: ContextualPolicy {
    public static var family: PolicyFamily { .contextual }
    public var featureDimension: Int? { dimension }

    public mutating func choose(features: ArmFeatures?) throws(BanditError) -> Choice {
        guard let features else {
            throw .invalidParameter(name: "features", value: "none", reason: "\(Self.self) needs a \(dimension) × \(armCount) feature matrix")
        }
        return Choice(arm: try selectArm(features: features))
    }

    public mutating func learn(from choice: Choice, features: [Double]?, reward: Double) throws(BanditError) {
        guard let features else {
            throw .invalidParameter(name: "features", value: "none", reason: "\(Self.self) needs the chosen arm's feature vector")
        }
        guard choice.opponent == nil else { throw .invalidParameter(name: "opponent", value: "\(choice.opponent!)", reason: "not a dueling policy") }
        try update(arm: choice.arm, features: features, reward: reward)
    }

    public mutating func forgetArm(_ arm: Int) throws(BanditError) {
        throw .invalidParameter(name: "arm", value: "\(arm)", reason: "\(Self.self) shares its model across arms; an arm cannot be forgotten")
    }
}

extension ServablePolicy where Self: ContextualPropensityReporting {
    public static var reportsPropensity: Bool { true }

    public func propensity(of choice: Choice, features: ArmFeatures?) -> Double? {
        guard let features, choice.opponent == nil else { return nil }
        return try? propensity(of: choice.arm, features: features)
    }
}

// MARK: - Dueling

extension ServablePolicy where Self: DuelingPolicy {
    public static var family: PolicyFamily { .dueling }
    public var featureDimension: Int? { nil }

    public mutating func choose(features: ArmFeatures?) throws(BanditError) -> Choice {
        guard features == nil else {
            throw .invalidParameter(name: "features", value: "\(features!.dimension) × \(features!.armCount)", reason: "\(Self.self) is a dueling policy and takes no context")
        }
        let (first, second) = selectPair()
        return Choice(arm: first, opponent: second)
    }

    /// `reward` 1: `choice.arm` won; 0: `choice.opponent` won.
    public mutating func learn(from choice: Choice, features: [Double]?, reward: Double) throws(BanditError) {
        guard let opponent = choice.opponent else {
            throw .invalidParameter(name: "opponent", value: "none", reason: "a duel needs two arms")
        }
        guard features == nil else {
            throw .invalidParameter(name: "features", value: "\(features!.count) values", reason: "\(Self.self) is a dueling policy and takes no context")
        }
        guard reward == 0 || reward == 1 else {
            throw .invalidParameter(name: "reward", value: "\(reward)", reason: "a duel's outcome is 1 (first arm won) or 0 (second arm won)")
        }
        try update(first: choice.arm, second: opponent, firstWins: reward == 1)
    }

    public mutating func forgetArm(_ arm: Int) throws(BanditError) {
        throw .invalidParameter(name: "arm", value: "\(arm)", reason: "\(Self.self) compares arms pairwise; an arm cannot be forgotten")
    }
}
