import BanditCore

/// Why a ``DecisionService`` call was rejected. The service's state is unchanged whenever one
/// is thrown.
public indirect enum ServiceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The policy rejected the input (wrong context dimension, non-finite reward, …).
    case policy(BanditError)
    /// A reward for an event id that was never decided, was already fully rewarded, or was
    /// evicted from the pending window.
    case unknownEvent(String)
    /// A decision reused the id of a decision still pending.
    case duplicateEvent(String)
    /// An event id that is empty or too long.
    case invalidEventID(String, reason: String)
    /// A reward names an arm that the decision did not choose.
    case armNotInDecision(eventID: String, arm: Int)
    /// That arm of a top-k decision already received its reward.
    case alreadyRewarded(eventID: String, arm: Int)
    /// The arm was removed (and its slot possibly reused) after the decision was made, so the
    /// reward no longer describes the arm now in that slot.
    case armRemoved(eventID: String, arm: Int)
    /// An arm outside `0..<capacity`, or an inactive arm listed as available.
    case unknownArm(arm: Int, reason: String)
    /// The requested restriction left no arm, or fewer than the `count` asked for.
    case notEnoughArms(requested: Int, available: Int)
    /// The policy type cannot do this (e.g. rank a subset of its arms).
    case unsupported(operation: String, policyType: String)
    /// Every arm slot is in use.
    case noFreeArmSlot(capacity: Int)
    /// Element `index` of a batch failed; nothing in the batch was applied.
    case batch(index: Int, error: ServiceError)
    /// A snapshot could not be written or read.
    case snapshot(SnapshotError)

    public var description: String {
        switch self {
        case let .policy(error): return error.description
        case let .unknownEvent(id): return "no pending decision with event id '\(id)'"
        case let .duplicateEvent(id): return "event id '\(id)' is already pending"
        case let .invalidEventID(id, reason): return "invalid event id '\(id.prefix(64))': \(reason)"
        case let .armNotInDecision(id, arm): return "decision '\(id)' did not choose arm \(arm)"
        case let .alreadyRewarded(id, arm): return "arm \(arm) of decision '\(id)' was already rewarded"
        case let .armRemoved(id, arm): return "arm \(arm) of decision '\(id)' was removed since the decision"
        case let .unknownArm(arm, reason): return "arm \(arm): \(reason)"
        case let .notEnoughArms(requested, available): return "asked for \(requested) arms, only \(available) available"
        case let .unsupported(operation, policyType): return "\(policyType) does not support \(operation)"
        case let .noFreeArmSlot(capacity): return "all \(capacity) arm slots are in use"
        case let .batch(index, error): return "batch element \(index): \(error) (nothing applied)"
        case let .snapshot(error): return error.description
        }
    }
}
