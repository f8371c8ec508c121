import BanditCore
import BanditRuntime
import Foundation

/// A ``DecisionState`` of any policy type, behind one interface (the store holds bandits of
/// many types).
protocol HostedBandit: Sendable {
    var policyTypeName: String { get }
    var family: PolicyFamily { get }
    var armCount: Int { get }
    var version: UInt64 { get }
    var decisionCount: UInt64 { get }
    var pendingCount: Int { get }
    func pendingArms(of eventID: String) -> [Int]?
    mutating func decide(eventID: String, features: ArmFeatures?, among available: [Int]?, count: Int) throws(ServiceError) -> Decision
    mutating func reward(eventID: String, value: Double, arm: Int?) throws(ServiceError)
    mutating func reward(_ batch: [RewardEvent]) throws(ServiceError)
    func snapshot(specification: String) throws(SnapshotError) -> Data
}

struct Hosted<Policy: ServablePolicy>: HostedBandit {
    var state: DecisionState<Policy>

    var policyTypeName: String { Policy.snapshotTypeName }
    var family: PolicyFamily { Policy.family }
    var armCount: Int { state.policy.armCount }
    var version: UInt64 { state.version }
    var decisionCount: UInt64 { state.decisionCount }
    var pendingCount: Int { state.pendingCount }
    func pendingArms(of eventID: String) -> [Int]? { state.pendingArms(of: eventID) }

    mutating func decide(eventID: String, features: ArmFeatures?, among available: [Int]?, count: Int) throws(ServiceError) -> Decision {
        try state.decide(eventID: eventID, features: features, among: available, count: count)
    }

    mutating func reward(eventID: String, value: Double, arm: Int?) throws(ServiceError) {
        try state.reward(eventID: eventID, value: value, arm: arm)
    }

    mutating func reward(_ batch: [RewardEvent]) throws(ServiceError) { try state.reward(batch) }

    func snapshot(specification: String) throws(SnapshotError) -> Data {
        try PolicySnapshot.encode(state.policy, specification: specification)
    }
}

/// Wraps a policy of any type (opening the existential).
func host<P: ServablePolicy>(_ policy: P, pendingLimit: Int) throws(ServiceError) -> any HostedBandit {
    Hosted(state: try DecisionState(policy: policy, configuration: .init(pendingLimit: pendingLimit)))
}
