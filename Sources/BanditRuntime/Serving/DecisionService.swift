import BanditCore
import Foundation

/// A policy embedded in a service: many tasks decide and reward concurrently, rewards arrive
/// late and out of order, keyed by the decision's event id.
///
/// One lock guards a ``DecisionState``; each call holds it for one decision or one (batched)
/// update, which is microseconds, so contention stays low at the request rates a single policy
/// sees. An actor would serialise the same way but force every caller to be `async`; a lock
/// keeps the API usable from synchronous code and adds no task hop.
///
/// The lock is Foundation's `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`:
/// on Linux the latter's futex fast path is invisible to ThreadSanitizer, which then reports
/// every access it guards as a race, and `swift test --sanitize=thread` must stay silent.
///
/// ```swift
/// let service = try DecisionService(policy: try UCB1(armCount: 3))
/// let decision = try service.decide(eventID: requestID)
/// show(decision.arm)
/// // … later, possibly on another thread:
/// try service.reward(eventID: requestID, value: clicked ? 1 : 0)
/// ```
public final class DecisionService<Policy: ServablePolicy>: @unchecked Sendable {
    // `state` is only touched with `lock` held (see `locked`), hence @unchecked Sendable.
    private let lock = NSLock()
    private var state: DecisionState<Policy>

    private func locked<Result>(_ body: (inout DecisionState<Policy>) throws(ServiceError) -> Result) throws(ServiceError) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }

    /// - Parameter activeArmCount: how many arm slots start live; the rest are spare slots for
    ///   ``addArm()`` (`nil`: all).
    /// - Throws: see ``DecisionState/init(policy:activeArmCount:configuration:)``.
    public init(policy: Policy, activeArmCount: Int? = nil, configuration: DecisionState<Policy>.Configuration = .init()) throws(ServiceError) {
        state = try DecisionState(policy: policy, activeArmCount: activeArmCount, configuration: configuration)
    }

    /// Restores the policy from a snapshot (pending decisions are not part of a policy snapshot;
    /// ``init(serviceSnapshot:maximumBytes:)`` restores them too).
    public convenience init(snapshot: Data, activeArmCount: Int? = nil, configuration: DecisionState<Policy>.Configuration = .init()) throws(ServiceError) {
        let policy: Policy
        do { policy = try PolicySnapshot.decode(Policy.self, from: snapshot) } catch { throw .snapshot(error) }
        try self.init(policy: policy, activeArmCount: activeArmCount, configuration: configuration)
    }

    /// Restores a whole service from a ``ServiceSnapshot``: the policy, the live arms, the
    /// counters and the decisions still pending, whose late rewards it then accepts.
    public init(serviceSnapshot: Data, maximumBytes: Int = PolicySnapshot.defaultMaximumBytes) throws(ServiceError) {
        do { state = try ServiceSnapshot.decode(Policy.self, from: serviceSnapshot, maximumBytes: maximumBytes) } catch {
            throw .snapshot(error)
        }
    }

    /// See ``DecisionState/decide(eventID:features:among:count:)``.
    public func decide(eventID: String, features: ArmFeatures? = nil, among available: [Int]? = nil, count: Int = 1) throws(ServiceError) -> Decision {
        try locked { (state: inout DecisionState<Policy>) throws(ServiceError) -> Decision in
            try state.decide(eventID: eventID, features: features, among: available, count: count)
        }
    }

    /// See ``DecisionState/reward(eventID:value:arm:)``.
    public func reward(eventID: String, value: Double, arm: Int? = nil) throws(ServiceError) {
        try locked { (state: inout DecisionState<Policy>) throws(ServiceError) in
            try state.reward(eventID: eventID, value: value, arm: arm)
        }
    }

    /// See ``DecisionState/reward(_:)``: all or nothing.
    public func reward(_ batch: [RewardEvent]) throws(ServiceError) {
        try locked { (state: inout DecisionState<Policy>) throws(ServiceError) in
            try state.reward(batch)
        }
    }

    /// See ``DecisionState/addArm()``.
    public func addArm() throws(ServiceError) -> Int {
        try locked { (state: inout DecisionState<Policy>) throws(ServiceError) -> Int in try state.addArm() }
    }

    /// See ``DecisionState/removeArm(_:)``.
    public func removeArm(_ arm: Int) throws(ServiceError) {
        try locked { (state: inout DecisionState<Policy>) throws(ServiceError) in try state.removeArm(arm) }
    }

    /// A consistent copy of the whole state (policy, live arms, counters), for inspection.
    public var current: DecisionState<Policy> { lock.withLock { state } }

    /// A snapshot of the whole service — policy and pending decisions (see
    /// ``ServiceSnapshot``) — taken atomically.
    public func serviceSnapshot(specification: String? = nil) throws(ServiceError) -> Data {
        let state = current
        do { return try ServiceSnapshot.encode(state, specification: specification) } catch { throw .snapshot(error) }
    }

    /// A snapshot of the policy (see ``PolicySnapshot``), taken atomically.
    public func snapshot(specification: String? = nil) throws(ServiceError) -> Data {
        let policy = lock.withLock { state.policy }
        do { return try PolicySnapshot.encode(policy, specification: specification) } catch { throw .snapshot(error) }
    }
}
