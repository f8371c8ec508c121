import BanditCore

/// A policy whose full state — random generator included — a ``PolicySnapshot`` holds: every
/// policy of every family.
///
/// This is the one snapshot mechanism. ``ServablePolicy`` refines it with decisions and
/// rewards for the families a ``DecisionService`` can serve (K-armed, contextual, dueling).
/// Pure-exploration and knapsack policies conform to this protocol only, deliberately: a
/// pure-exploration policy accepts only the reward of the arm it selected last (strictly one
/// sample pending, then a stopping rule and a recommendation), and a knapsack policy decides
/// from the remaining budgets and learns from a consumption vector — neither is a service
/// answering many concurrent decisions with late rewards. Their snapshots checkpoint and
/// resume a run (the simulator's, or a user's loop) exactly.
///
/// Conformance is one line per type (``family`` has a default for each family protocol) plus
/// the type's ``DecodedStateValidating`` conformance, written next to the policy in
/// BanditPolicies where its internal fields are visible. ``PolicySnapshot`` calls
/// ``DecodedStateValidating/validateDecodedState()`` on every decoded state, so that a
/// consistent-looking but forged or damaged snapshot gives a
/// ``SnapshotError/invalidState(path:reason:)`` instead of a policy that traps later.
public protocol SnapshottablePolicy: Sendable, Codable, Equatable, DecodedStateValidating {
    /// The name written into snapshots; stable across releases (it defaults to the type's name,
    /// so renaming a type needs an explicit override to keep old snapshots readable). Generic
    /// types spell out their arguments, e.g. `Sparring-UCB1`.
    static var snapshotTypeName: String { get }
    /// The family, fixing the meaning of ``Choice`` and of rewards.
    static var family: PolicyFamily { get }
    /// K; arms are `0..<armCount`.
    var armCount: Int { get }
}

extension SnapshottablePolicy {
    public static var snapshotTypeName: String { String(describing: Self.self) }
}

extension SnapshottablePolicy where Self: PureExplorationPolicy {
    public static var family: PolicyFamily { .pureExploration }
}

extension SnapshottablePolicy where Self: KnapsackPolicy {
    public static var family: PolicyFamily { .knapsack }
}

