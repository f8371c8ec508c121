import BanditRuntime

/// `POST /bandits`.
public struct CreateBanditRequest: Codable, Sendable, Equatable {
    /// `[A-Za-z0-9_-]{1,64}`.
    public var name: String
    /// A policy configuration such as `ucb1(alpha=0.5)` (see ``PolicyFactory/standard``).
    public var policy: String
    /// K.
    public var arms: Int
    /// d, for contextual policies.
    public var dimension: Int?
    /// Seed of the policy's randomness (default 0).
    public var seed: UInt64?

    public init(name: String, policy: String, arms: Int, dimension: Int? = nil, seed: UInt64? = nil) {
        self.name = name
        self.policy = policy
        self.arms = arms
        self.dimension = dimension
        self.seed = seed
    }
}

/// `POST /bandits/{name}/decisions`.
public struct DecideRequest: Codable, Sendable, Equatable {
    public var eventID: String
    /// One feature vector per arm (contextual policies).
    public var features: [[Double]]?
    /// Restrict the decision to these arms.
    public var available: [Int]?
    /// Top-k: how many arms (default 1).
    public var count: Int?

    public init(eventID: String, features: [[Double]]? = nil, available: [Int]? = nil, count: Int? = nil) {
        self.eventID = eventID
        self.features = features
        self.available = available
        self.count = count
    }
}

/// `POST /bandits/{name}/rewards`: one reward, or `{"rewards": [...]}` applied all-or-nothing.
/// The body is the library's ``RewardEvent`` as it is, so the wire format and the in-process API
/// cannot drift apart.
public typealias RewardRequest = RewardEvent

public struct RewardBatchRequest: Codable, Sendable, Equatable {
    public var rewards: [RewardRequest]
}

/// What `GET /bandits/{name}` answers.
public struct BanditSummary: Codable, Sendable, Equatable {
    public var name: String
    public var policy: String
    public var policyType: String
    public var family: String
    public var arms: Int
    public var dimension: Int?
    public var version: UInt64
    public var decisions: UInt64
    public var pending: Int
    /// The policy's state as JSON (the state part of its snapshot).
    public var state: String?
}
