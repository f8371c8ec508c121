import BanditCore

/// The state machine behind a ``DecisionService``, as a value type: the policy, which arm
/// slots are live, and the decisions still waiting for their rewards.
///
/// Every mutating method validates its whole input before changing anything, so a thrown
/// ``ServiceError`` always leaves the state as it was. It is not thread-safe by itself;
/// ``DecisionService`` guards one with a mutex.
public struct DecisionState<Policy: ServablePolicy>: Sendable {
    /// Tunables of a service.
    public struct Configuration: Sendable, Hashable, Codable {
        /// At most this many decisions wait for rewards; beyond it the oldest is forgotten (its
        /// reward will be rejected as unknown). Bounds memory when rewards never come.
        public var pendingLimit: Int
        /// Seed of the service's own stream, used by randomised rules restricted to a subset
        /// of arms (see ``ServablePolicy/rankArms(among:count:features:using:)``).
        public var seed: UInt64
        /// Whether decisions carry a propensity (it costs about one extra decision for
        /// deterministic index policies, which compute it by deciding on a copy).
        public var reportsPropensity: Bool

        public init(pendingLimit: Int = 1 << 20, seed: UInt64 = 0, reportsPropensity: Bool = true) {
            self.pendingLimit = pendingLimit
            self.seed = seed
            self.reportsPropensity = reportsPropensity
        }
    }

    /// A decision waiting for its rewards.
    struct PendingDecision: Sendable, Hashable, Codable {
        /// The chosen arms (a duel's two arms, or a top-k slate).
        var arms: [Int]
        var isDuel: Bool
        /// Each arm's slot generation when chosen, to detect removal in between.
        var generations: [UInt64]
        /// Each chosen arm's feature vector (contextual policies).
        var features: [[Double]]?
        /// Which arms already got their reward (one flag for a duel).
        var rewarded: [Bool]
    }

    /// The policy.
    public private(set) var policy: Policy
    /// Which arm slots can be chosen.
    public private(set) var activeArms: [Bool]
    var generations: [UInt64]
    var pending: [String: PendingDecision] = [:]
    /// Event ids in decision order, for evicting the oldest; rewarded ids are skipped lazily.
    var pendingOrder: [String] = []
    var pendingOrderStart = 0
    public let configuration: Configuration
    /// Rewards learnt from so far.
    public private(set) var version: UInt64 = 0
    /// Decisions made so far.
    public private(set) var decisionCount: UInt64 = 0
    /// Decisions forgotten because the pending window was full.
    public private(set) var evictedCount: UInt64 = 0
    var generator: Xoshiro256PlusPlus

    /// The longest event id accepted, in UTF-8 bytes.
    public static var maximumEventIDLength: Int { 256 }

    /// - Parameters:
    ///   - activeArmCount: how many of the policy's arm slots start live (the first ones); the
    ///     rest are spare slots for ``addArm()``. `nil`: all.
    /// - Throws: ``ServiceError/unknownArm(arm:reason:)`` for an active count outside
    ///   `1...armCount`, or ``ServiceError/unsupported(operation:policyType:)`` for spare slots
    ///   with a policy that cannot rank a subset of arms.
    public init(policy: Policy, activeArmCount: Int? = nil, configuration: Configuration = Configuration()) throws(ServiceError) {
        let capacity = policy.armCount
        let active = activeArmCount ?? capacity
        guard active >= 1 && active <= capacity else {
            throw .unknownArm(arm: active, reason: "active arm count must lie in 1...\(capacity)")
        }
        guard configuration.pendingLimit >= 1 else {
            throw .policy(.invalidParameter(name: "pendingLimit", value: "\(configuration.pendingLimit)", reason: "must be ≥ 1"))
        }
        guard active == capacity || Policy.ranksSubsets else {
            throw .unsupported(operation: "spare arm slots (ranking a subset of arms)", policyType: Policy.snapshotTypeName)
        }
        self.policy = policy
        activeArms = (0..<capacity).map { $0 < active }
        generations = [UInt64](repeating: 0, count: capacity)
        self.configuration = configuration
        generator = Xoshiro256PlusPlus(seed: configuration.seed)
    }

    /// Decisions waiting for a reward.
    public var pendingCount: Int { pending.count }

    /// The arms of a pending decision (for logging which arm a reward is for), or `nil`.
    public func pendingArms(of eventID: String) -> [Int]? { pending[eventID]?.arms }

    // MARK: Deciding

    /// Chooses `count` arms among `available` (default: every live arm) for event `eventID`.
    /// - Throws: ``ServiceError/invalidEventID(_:reason:)``, ``ServiceError/duplicateEvent(_:)``,
    ///   ``ServiceError/unknownArm(arm:reason:)`` (outside the slots, inactive or listed twice),
    ///   ``ServiceError/notEnoughArms(requested:available:)``,
    ///   ``ServiceError/unsupported(operation:policyType:)`` for a subset or top-k the policy
    ///   cannot rank, ``ServiceError/policy(_:)`` for bad features.
    public mutating func decide(eventID: String, features: ArmFeatures? = nil, among available: [Int]? = nil, count: Int = 1) throws(ServiceError) -> Decision {
        try validateNew(eventID: eventID)
        guard count >= 1 else { throw .notEnoughArms(requested: count, available: 0) }
        let capacity = policy.armCount
        let allLive = !activeArms.contains(false)
        let propensity: Double?
        let arms: [Int]
        let isDuel = Policy.family == .dueling
        if available == nil && allLive && count == 1 {
            // The unrestricted path: exactly the policy's own rule and randomness.
            let choice: Choice
            if configuration.reportsPropensity && Policy.reportsPropensity {
                // The probability refers to the state the choice was made from.
                let before = policy
                do { choice = try policy.choose(features: features) } catch { throw .policy(error) }
                propensity = before.propensity(of: choice, features: features)
            } else {
                do { choice = try policy.choose(features: features) } catch { throw .policy(error) }
                propensity = nil
            }
            arms = choice.opponent.map { [choice.arm, $0] } ?? [choice.arm]
        } else {
            let candidates: [Int]
            if let available {
                var seen = [Bool](repeating: false, count: capacity)
                for arm in available {
                    guard arm >= 0 && arm < capacity else { throw .unknownArm(arm: arm, reason: "no such arm slot (0..<\(capacity))") }
                    guard activeArms[arm] else { throw .unknownArm(arm: arm, reason: "arm was removed") }
                    guard !seen[arm] else { throw .unknownArm(arm: arm, reason: "listed twice") }
                    seen[arm] = true
                }
                candidates = available.sorted()
            } else {
                candidates = activeArms.indices.filter { activeArms[$0] }
            }
            guard candidates.count >= count else { throw .notEnoughArms(requested: count, available: candidates.count) }
            guard Policy.ranksSubsets, !isDuel else {
                throw .unsupported(operation: count > 1 ? "top-k decisions" : "restricting decisions to a subset of arms", policyType: Policy.snapshotTypeName)
            }
            var stream = generator
            let ranking: ArmRanking?
            do { ranking = try policy.rankArms(among: candidates, count: count, features: features, using: &stream) } catch {
                throw .policy(error)
            }
            guard let ranking else {
                throw .unsupported(operation: "ranking a subset of arms", policyType: Policy.snapshotTypeName)
            }
            generator = stream
            arms = ranking.arms
            propensity = configuration.reportsPropensity ? ranking.propensity : nil
        }
        let columns = features.map { features in arms.map { features.column($0) } }
        record(eventID: eventID, PendingDecision(
            arms: arms, isDuel: isDuel, generations: arms.map { generations[$0] }, features: columns,
            rewarded: [Bool](repeating: false, count: isDuel ? 1 : arms.count)))
        decisionCount += 1
        return Decision(eventID: eventID, arms: arms, propensity: propensity, policyVersion: version)
    }

    private func validateNew(eventID: String) throws(ServiceError) {
        guard !eventID.isEmpty else { throw .invalidEventID(eventID, reason: "empty") }
        guard eventID.utf8.count <= Self.maximumEventIDLength else {
            throw .invalidEventID(eventID, reason: "longer than \(Self.maximumEventIDLength) bytes")
        }
        guard pending[eventID] == nil else { throw .duplicateEvent(eventID) }
    }

    private mutating func record(eventID: String, _ decision: PendingDecision) {
        pending[eventID] = decision
        pendingOrder.append(eventID)
        while pending.count > configuration.pendingLimit, pendingOrderStart < pendingOrder.count {
            let oldest = pendingOrder[pendingOrderStart]
            pendingOrderStart += 1
            if pending.removeValue(forKey: oldest) != nil { evictedCount += 1 }
        }
        // Keep the order list proportional to what is pending: drop consumed and rewarded ids
        // once they dominate it.
        if pendingOrder.count > 2 * pending.count + 1024 {
            pendingOrder = pendingOrder[pendingOrderStart...].filter { pending[$0] != nil }
            pendingOrderStart = 0
        }
    }

    // MARK: Rewards

    /// What one validated reward will do.
    private struct ResolvedReward {
        var eventID: String
        var position: Int
        var choice: Choice
        var features: [Double]?
    }

    private func resolve(_ event: RewardEvent) throws(ServiceError) -> ResolvedReward {
        guard let decision = pending[event.eventID] else { throw .unknownEvent(event.eventID) }
        let position: Int
        if decision.isDuel {
            position = 0
        } else if let arm = event.arm {
            guard let index = decision.arms.firstIndex(of: arm) else { throw .armNotInDecision(eventID: event.eventID, arm: arm) }
            position = index
        } else {
            position = 0
        }
        let arm = decision.arms[position]
        guard !decision.rewarded[position] else { throw .alreadyRewarded(eventID: event.eventID, arm: arm) }
        for (slot, generation) in zip(decision.arms, decision.generations) where generations[slot] != generation {
            throw .armRemoved(eventID: event.eventID, arm: slot)
        }
        guard event.value.isFinite else { throw .policy(.nonFiniteReward(arm: arm, value: event.value)) }
        let choice = decision.isDuel ? Choice(arm: decision.arms[0], opponent: decision.arms[1]) : Choice(arm: arm)
        return ResolvedReward(eventID: event.eventID, position: position, choice: choice, features: decision.features?[position])
    }

    private mutating func markRewarded(_ reward: ResolvedReward) {
        guard var decision = pending[reward.eventID] else { return }
        decision.rewarded[reward.position] = true
        pending[reward.eventID] = decision.rewarded.contains(false) ? decision : nil
        version += 1
    }

    /// Learns from the reward of an earlier decision, in any order and at any delay.
    /// - Parameter arm: for a top-k decision, which of its arms the reward is for (default: the
    ///   first). For a duel, `value` is 1 if the first arm won, 0 if the second did.
    /// - Throws: ``ServiceError/unknownEvent(_:)``, ``ServiceError/armNotInDecision(eventID:arm:)``,
    ///   ``ServiceError/alreadyRewarded(eventID:arm:)``, ``ServiceError/armRemoved(eventID:arm:)``
    ///   or ``ServiceError/policy(_:)`` (e.g. a non-finite reward).
    public mutating func reward(eventID: String, value: Double, arm: Int? = nil) throws(ServiceError) {
        let resolved = try resolve(RewardEvent(eventID: eventID, value: value, arm: arm))
        do { try policy.learn(from: resolved.choice, features: resolved.features, reward: value) } catch {
            throw .policy(error)
        }
        markRewarded(resolved)
    }

    /// Learns from every reward of `batch`, or from none of them.
    /// - Throws: ``ServiceError/batch(index:error:)`` naming the first bad element; nothing was
    ///   applied.
    public mutating func reward(_ batch: [RewardEvent]) throws(ServiceError) {
        var resolved: [ResolvedReward] = []
        resolved.reserveCapacity(batch.count)
        var seen = Set<[String]>()
        for (index, event) in batch.enumerated() {
            do {
                let reward = try resolve(event)
                guard seen.insert([reward.eventID, String(reward.position)]).inserted else {
                    throw ServiceError.alreadyRewarded(eventID: event.eventID, arm: pending[event.eventID]!.arms[reward.position])
                }
                resolved.append(reward)
            } catch let error as ServiceError {
                throw .batch(index: index, error: error)
            } catch {
                preconditionFailure("untyped error \(error)")
            }
        }
        // The policy validates each update before applying it, but a later element can still
        // fail (e.g. a reward outside a Beta–Bernoulli model's [0, 1]): learn on a copy and
        // commit only if all succeed.
        var updated = policy
        for (index, reward) in resolved.enumerated() {
            do { try updated.learn(from: reward.choice, features: reward.features, reward: batch[index].value) } catch {
                throw .batch(index: index, error: .policy(error))
            }
        }
        policy = updated
        for reward in resolved { markRewarded(reward) }
    }

    // MARK: Arms

    /// Makes a spare or removed slot live and returns it. A slot that held a removed arm is
    /// first forgotten (``ServablePolicy/forgetArm(_:)``); no other arm's state changes.
    /// - Throws: ``ServiceError/noFreeArmSlot(capacity:)``, or
    ///   ``ServiceError/policy(_:)`` if the policy cannot forget an arm.
    public mutating func addArm() throws(ServiceError) -> Int {
        guard let slot = activeArms.firstIndex(of: false) else { throw .noFreeArmSlot(capacity: activeArms.count) }
        if generations[slot] > 0 {
            do { try policy.forgetArm(slot) } catch { throw .policy(error) }
        }
        activeArms[slot] = true
        return slot
    }

    /// Takes `arm` out of every later decision. Its pending rewards are rejected from now on
    /// (``ServiceError/armRemoved(eventID:arm:)``), since its slot may be reused.
    /// - Throws: ``ServiceError/unknownArm(arm:reason:)`` or
    ///   ``ServiceError/unsupported(operation:policyType:)`` when the policy cannot rank a
    ///   subset of arms (it would go on choosing the removed one).
    public mutating func removeArm(_ arm: Int) throws(ServiceError) {
        guard arm >= 0 && arm < activeArms.count else { throw .unknownArm(arm: arm, reason: "no such arm slot (0..<\(activeArms.count))") }
        guard activeArms[arm] else { throw .unknownArm(arm: arm, reason: "already removed") }
        guard Policy.ranksSubsets else { throw .unsupported(operation: "removing arms", policyType: Policy.snapshotTypeName) }
        activeArms[arm] = false
        generations[arm] += 1
    }
}

// MARK: - Service snapshots

extension DecisionState {
    /// What a ``ServiceSnapshot`` holds besides the policy: the live arms, the decisions still
    /// waiting for rewards (in decision order, so eviction continues in the same order), the
    /// counters and the service's own random stream.
    struct ServiceState: Codable {
        struct Pending: Codable {
            var eventID: String
            var decision: PendingDecision
        }

        var configuration: Configuration
        var activeArms: [Bool]
        var generations: [UInt64]
        var pending: [Pending]
        var version: UInt64
        var decisionCount: UInt64
        var evictedCount: UInt64
        var generator: Xoshiro256PlusPlus
    }

    /// The service part of the state, pending decisions in decision order.
    var serviceState: ServiceState {
        var seen = Set<String>()
        let order = pendingOrder[pendingOrderStart...].filter { pending[$0] != nil && seen.insert($0).inserted }
        return ServiceState(
            configuration: configuration, activeArms: activeArms, generations: generations,
            pending: order.map { ServiceState.Pending(eventID: $0, decision: pending[$0]!) },
            version: version, decisionCount: decisionCount, evictedCount: evictedCount, generator: generator)
    }

    /// Rebuilds a state from `policy` and a decoded service part, after checking that every
    /// pending decision refers to arm slots, generations and feature dimensions this policy
    /// has — a reward for it later must neither trap nor reach the wrong arm.
    init(policy: Policy, restoring saved: ServiceState) throws(StateViolation) {
        let check = StateCheck(prefix: "service")
        let capacity = policy.armCount
        try check.count("activeArms", saved.activeArms, capacity)
        try check.require(saved.activeArms.contains(true), "activeArms", "no arm is live")
        try check.require(saved.activeArms.allSatisfy({ $0 }) || Policy.ranksSubsets, "activeArms", "\(Policy.snapshotTypeName) cannot rank a subset of arms")
        try check.count("generations", saved.generations, capacity)
        try check.require(saved.configuration.pendingLimit >= 1, "configuration.pendingLimit", "must be ≥ 1")
        try check.require(saved.pending.count <= saved.configuration.pendingLimit, "pending", "\(saved.pending.count) decisions exceed the pending limit")
        try check.require(UInt64(saved.pending.count) <= saved.decisionCount, "pending", "more pending decisions than decisions made")
        var ids = Set<String>(minimumCapacity: saved.pending.count)
        let isDuel = Policy.family == .dueling
        for (index, entry) in saved.pending.enumerated() {
            let item = check.nested("pending[\(index)]")
            let id = entry.eventID, decision = entry.decision
            try item.require(!id.isEmpty && id.utf8.count <= Self.maximumEventIDLength, "eventID", "must have 1...\(Self.maximumEventIDLength) bytes")
            try item.require(ids.insert(id).inserted, "eventID", "'\(id)' is pending twice")
            try item.require(decision.isDuel == isDuel, "decision.isDuel", "does not match the \(Policy.family.rawValue) family")
            try item.require(isDuel ? decision.arms.count == 2 : (1...capacity).contains(decision.arms.count), "decision.arms", "has \(decision.arms.count) arms")
            try item.indices("decision.arms", decision.arms, below: capacity)
            try item.count("decision.generations", decision.generations, decision.arms.count)
            for (position, arm) in decision.arms.enumerated() where decision.generations[position] > saved.generations[arm] {
                throw item.fail("decision.generations[\(position)]", "is newer than arm \(arm)'s slot")
            }
            try item.count("decision.rewarded", decision.rewarded, isDuel ? 1 : decision.arms.count)
            try item.require(decision.rewarded.contains(false), "decision.rewarded", "a fully rewarded decision is not pending")
            if let features = decision.features {
                guard let dimension = policy.featureDimension else { throw item.fail("decision.features", "\(Policy.snapshotTypeName) takes no context") }
                try item.count("decision.features", features, decision.arms.count)
                for (position, column) in features.enumerated() {
                    try item.count("decision.features[\(position)]", column, dimension)
                    try item.finite("decision.features[\(position)]", column)
                }
            } else {
                try item.require(policy.featureDimension == nil, "decision.features", "missing for a contextual policy")
            }
        }
        self.policy = policy
        activeArms = saved.activeArms
        generations = saved.generations
        configuration = saved.configuration
        version = saved.version
        decisionCount = saved.decisionCount
        evictedCount = saved.evictedCount
        generator = saved.generator
        for entry in saved.pending {
            pending[entry.eventID] = entry.decision
            pendingOrder.append(entry.eventID)
        }
    }
}
