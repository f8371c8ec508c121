import BanditCore
import BanditPolicies

// Snapshot-only families (see SnapshottablePolicy for why they are not served): one line per
// type, plus its line in SnapshotRegistry+Standard.swift. Generic policies conform for every
// snapshottable instantiation, under a type name that spells out their arguments.

// MARK: Pure exploration
extension SequentialHalving: SnapshottablePolicy {}
extension BracketingSequentialHalving: SnapshottablePolicy {}
extension SuccessiveRejects: SnapshottablePolicy {}
extension UniformAllocation: SnapshottablePolicy {}
/// LUCB1 and KL-LUCB: one type, the bounds are part of the state.
extension LUCB: SnapshottablePolicy {}

// MARK: Knapsack
extension PrimalDualBwK: SnapshottablePolicy {}
extension UCBBwK: SnapshottablePolicy {}

extension LagrangeBwK: SnapshottablePolicy where Primal: SnapshottablePolicy {
    /// `LagrangeBwK-` and the primal player's type name, e.g. `LagrangeBwK-EXP3`.
    public static var snapshotTypeName: String { "LagrangeBwK-" + Primal.snapshotTypeName }
}

extension ReplenishablePrimalDual: SnapshottablePolicy
where Primal: SnapshottablePolicy, Dual: Codable & Equatable & DecodedStateValidating {
    /// The primal and dual players' type names, e.g.
    /// `ReplenishablePrimalDual-EXP3-ProjectedGradientDualPlayer`.
    public static var snapshotTypeName: String {
        "ReplenishablePrimalDual-" + Primal.snapshotTypeName + "-" + String(describing: Dual.self)
    }
}

extension BudgetObliviousPolicy: SnapshottablePolicy where Base: SnapshottablePolicy {
    /// `BudgetOblivious-` and the wrapped policy's type name, e.g. `BudgetOblivious-UCB1`.
    public static var snapshotTypeName: String { "BudgetOblivious-" + Base.snapshotTypeName }
}

// MARK: Dueling (served)
extension Sparring: SnapshottablePolicy where Player: ServablePolicy {
    /// `Sparring-` and the players' type name, e.g. `Sparring-UCB1`, `Sparring-EXP3`.
    public static var snapshotTypeName: String { "Sparring-" + Player.snapshotTypeName }
}

extension Sparring: ServablePolicy where Player: ServablePolicy {}
