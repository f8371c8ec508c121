/// An optimal basic solution of a ``LinearProgram``.
public struct LinearProgramSolution: Sendable, Hashable {
    /// The optimal value of the objective.
    public var objective: Double
    /// The optimal point x*, one entry per variable.
    public var primal: [Double]
    /// The constraint activities aᵢᵀx*, one entry per constraint.
    public var activities: [Double]
    /// The dual values (shadow prices) yᵢ of the constraints: the rate at which the optimal
    /// objective changes as constraint i's active bound is relaxed, with GLPK's sign convention
    /// (for a maximisation, yᵢ ≥ 0 on an active upper bound).
    public var duals: [Double]

    public init(objective: Double, primal: [Double], activities: [Double], duals: [Double]) {
        self.objective = objective
        self.primal = primal
        self.activities = activities
        self.duals = duals
    }
}
