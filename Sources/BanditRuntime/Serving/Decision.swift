/// One decision of a ``DecisionService``: what to show, and what to log with it.
public struct Decision: Hashable, Sendable, Codable {
    /// The caller's id for this decision; rewards refer to it.
    public var eventID: String
    /// The chosen arms, best first: one arm, the k arms of a top-k decision, or the two arms of
    /// a duel (first, second).
    public var arms: [Int]
    /// The probability that the policy chose ``arm`` in this decision, where it defines one
    /// (see ``ServablePolicy/propensity(of:features:)``); `nil` otherwise. For a top-k decision
    /// it refers to the first arm only.
    public var propensity: Double?
    /// How many rewards the policy had learnt from when it decided — with the event id, this
    /// says which model state produced the decision.
    public var policyVersion: UInt64

    /// The (first) chosen arm.
    public var arm: Int { arms[0] }

    public init(eventID: String, arms: [Int], propensity: Double?, policyVersion: UInt64) {
        self.eventID = eventID
        self.arms = arms
        self.propensity = propensity
        self.policyVersion = policyVersion
    }
}

/// One reward of a batch.
public struct RewardEvent: Hashable, Sendable, Codable {
    public var eventID: String
    public var value: Double
    /// Which arm of a top-k decision the reward is for; `nil` means the first.
    public var arm: Int?

    public init(eventID: String, value: Double, arm: Int? = nil) {
        self.eventID = eventID
        self.value = value
        self.arm = arm
    }
}
