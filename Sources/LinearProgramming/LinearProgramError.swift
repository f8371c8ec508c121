/// Why a ``LinearProgram`` has no optimal solution, or was refused before solving.
public enum LinearProgramError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The constraints and bounds admit no point.
    case infeasible
    /// The objective is unbounded in the optimisation direction over a non-empty feasible set.
    case unbounded
    /// The problem is malformed: `field` names the offending entry, e.g. `constraints[2].upper`.
    case invalidProblem(field: String, reason: String)
    /// GLPK stopped without a verdict (iteration limit, a singular basis it could not repair…);
    /// `code` is the return code of `glp_simplex` or, when that was 0, the solution status.
    case solverFailure(code: Int)

    public var description: String {
        switch self {
        case .infeasible: return "the linear program is infeasible"
        case .unbounded: return "the linear program is unbounded"
        case let .invalidProblem(field, reason): return "linear program field '\(field)': \(reason)"
        case let .solverFailure(code): return "GLPK's simplex failed (code \(code))"
        }
    }
}
