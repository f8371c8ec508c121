import CGLPK

/// A linear program in the form
///
///     maximise (or minimise) cᵀx  subject to  ℓᵢ ≤ aᵢᵀx ≤ uᵢ (each constraint i),
///                                            lⱼ ≤ xⱼ ≤ hⱼ   (each variable j),
///
/// solved by GLPK's primal simplex (Makhorin, GNU Linear Programming Kit 5.0, `glp_simplex`).
///
/// A value type: coefficients live in contiguous arrays (the constraint matrix row-major), so a
/// caller that re-solves a program of fixed shape — an optimistic LP each round — mutates the
/// entries in place. Infinite bounds (`-.infinity`, `.infinity`) mean "no bound".
///
/// Thread safety: every ``solve()`` creates, solves and deletes its own GLPK problem object,
/// and GLPK 5 keeps its environment in thread-local storage, so solves on different threads
/// never share state. GLPK prints nothing: terminal output is switched off for the calling
/// thread before each solve.
public struct LinearProgram: Sendable, Hashable {
    /// Whether the objective is maximised or minimised.
    public enum Direction: Sendable, Hashable { case maximize, minimize }

    /// The optimisation direction.
    public var direction: Direction
    /// c, one coefficient per variable.
    public var objective: [Double]
    /// The constraint matrix A, row-major: entry (i, j) at `coefficients[i * variableCount + j]`.
    public var coefficients: [Double]
    /// ℓᵢ, per constraint (−∞ for none).
    public var lowerBounds: [Double]
    /// uᵢ, per constraint (+∞ for none).
    public var upperBounds: [Double]
    /// lⱼ, per variable (default 0).
    public var variableLowerBounds: [Double]
    /// hⱼ, per variable (default +∞).
    public var variableUpperBounds: [Double]

    /// The number of variables n.
    public var variableCount: Int { objective.count }
    /// The number of constraints m.
    public var constraintCount: Int { lowerBounds.count }

    /// A program with objective `objective`, no constraints, and variables in [0, ∞).
    public init(direction: Direction = .maximize, objective: [Double]) {
        self.direction = direction
        self.objective = objective
        coefficients = []
        lowerBounds = []
        upperBounds = []
        variableLowerBounds = [Double](repeating: 0, count: objective.count)
        variableUpperBounds = [Double](repeating: .infinity, count: objective.count)
    }

    /// Appends the constraint `lower ≤ rowᵀx ≤ upper`.
    /// - Throws: ``LinearProgramError/invalidProblem(field:reason:)`` when `row` does not have
    ///   one entry per variable; the program is unchanged then.
    public mutating func addConstraint(_ row: [Double], lower: Double = -.infinity, upper: Double = .infinity) throws(LinearProgramError) {
        guard row.count == variableCount else {
            throw .invalidProblem(
                field: "constraints[\(constraintCount)]", reason: "has \(row.count) coefficients, expected \(variableCount)")
        }
        coefficients.append(contentsOf: row)
        lowerBounds.append(lower)
        upperBounds.append(upper)
    }

    /// Checks everything GLPK would otherwise abort the process on (inconsistent bounds) or
    /// silently mis-handle (NaN).
    func validate() throws(LinearProgramError) {
        let n = variableCount
        let m = constraintCount
        guard n >= 1 else { throw .invalidProblem(field: "objective", reason: "needs at least one variable") }
        guard coefficients.count == m * n else {
            throw .invalidProblem(field: "coefficients", reason: "has \(coefficients.count) entries, expected \(m) × \(n)")
        }
        guard upperBounds.count == m else {
            throw .invalidProblem(field: "upperBounds", reason: "has \(upperBounds.count) entries, expected \(m)")
        }
        guard variableLowerBounds.count == n, variableUpperBounds.count == n else {
            throw .invalidProblem(field: "variableBounds", reason: "need one lower and one upper bound per variable")
        }
        for (j, value) in objective.enumerated() where !value.isFinite {
            throw .invalidProblem(field: "objective[\(j)]", reason: "must be finite, got \(value)")
        }
        for (index, value) in coefficients.enumerated() where !value.isFinite {
            throw .invalidProblem(
                field: "constraints[\(index / n)][\(index % n)]", reason: "must be finite, got \(value)")
        }
        func check(_ lower: Double, _ upper: Double, _ field: String) throws(LinearProgramError) {
            guard !lower.isNaN, lower != .infinity else { throw .invalidProblem(field: field + ".lower", reason: "must be finite or −∞") }
            guard !upper.isNaN, upper != -.infinity else { throw .invalidProblem(field: field + ".upper", reason: "must be finite or +∞") }
            guard lower <= upper else { throw .invalidProblem(field: field, reason: "lower bound \(lower) exceeds upper bound \(upper)") }
        }
        for i in 0..<m { try check(lowerBounds[i], upperBounds[i], "constraints[\(i)]") }
        for j in 0..<n { try check(variableLowerBounds[j], variableUpperBounds[j], "variables[\(j)]") }
    }

    /// Solves the program.
    /// - Throws: ``LinearProgramError/infeasible``, ``LinearProgramError/unbounded``,
    ///   ``LinearProgramError/invalidProblem(field:reason:)`` before GLPK is called, or
    ///   ``LinearProgramError/solverFailure(code:)``.
    public func solve() throws(LinearProgramError) -> LinearProgramSolution {
        try validate()
        let n = variableCount
        let m = constraintCount
        _ = glp_term_out(GLP_OFF)
        guard let problem = glp_create_prob() else { throw .solverFailure(code: -1) }
        defer { glp_delete_prob(problem) }
        glp_set_obj_dir(problem, direction == .maximize ? GLP_MAX : GLP_MIN)
        if m > 0 { glp_add_rows(problem, Int32(m)) }
        glp_add_cols(problem, Int32(n))
        for i in 0..<m {
            let (type, lower, upper) = Self.glpkBounds(lowerBounds[i], upperBounds[i])
            glp_set_row_bnds(problem, Int32(i + 1), type, lower, upper)
        }
        for j in 0..<n {
            let (type, lower, upper) = Self.glpkBounds(variableLowerBounds[j], variableUpperBounds[j])
            glp_set_col_bnds(problem, Int32(j + 1), type, lower, upper)
            glp_set_obj_coef(problem, Int32(j + 1), objective[j])
        }
        // GLPK's triplet arrays are 1-based: entry 0 is ignored. Zeros are left out.
        var rowIndices: [Int32] = [0]
        var columnIndices: [Int32] = [0]
        var values: [Double] = [0]
        rowIndices.reserveCapacity(m * n + 1)
        columnIndices.reserveCapacity(m * n + 1)
        values.reserveCapacity(m * n + 1)
        for i in 0..<m {
            for j in 0..<n where coefficients[i * n + j] != 0 {
                rowIndices.append(Int32(i + 1))
                columnIndices.append(Int32(j + 1))
                values.append(coefficients[i * n + j])
            }
        }
        glp_load_matrix(problem, Int32(values.count - 1), rowIndices, columnIndices, values)
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_OFF
        // A bound on pivots, so that a stalling simplex (cycling on a degenerate vertex) is
        // reported instead of hanging: far above the O(m + n) pivots these problems need.
        parameters.it_lim = Int32(clamping: 10_000 + 100 * (m + n))
        // No scaling: GLPK's automatic scaling turns coefficients of rounding size (1e-17, say
        // an expected consumption that should be 0) into huge ones and then reports bounded
        // programs as unbounded, or cycles; bandit LPs have entries of order 1 anyway.
        glp_std_basis(problem)
        var code = glp_simplex(problem, &parameters)
        if code == GLP_EITLIM {
            // Second attempt from scratch with the textbook ratio test.
            glp_std_basis(problem)
            parameters.r_test = GLP_RT_STD
            code = glp_simplex(problem, &parameters)
        }
        guard code == 0 else { throw .solverFailure(code: Int(code)) }
        switch glp_get_status(problem) {
        case GLP_OPT: break
        case GLP_NOFEAS: throw .infeasible
        case GLP_UNBND: throw .unbounded
        case let status:
            // Without presolve, the primal simplex ends in OPT, NOFEAS or UNBND; anything else
            // is reported rather than guessed at.
            if glp_get_prim_stat(problem) == GLP_NOFEAS { throw .infeasible }
            if glp_get_dual_stat(problem) == GLP_NOFEAS { throw .unbounded }
            throw .solverFailure(code: Int(status))
        }
        var primal = [Double](repeating: 0, count: n)
        for j in 0..<n { primal[j] = glp_get_col_prim(problem, Int32(j + 1)) }
        var activities = [Double](repeating: 0, count: m)
        var duals = [Double](repeating: 0, count: m)
        for i in 0..<m {
            activities[i] = glp_get_row_prim(problem, Int32(i + 1))
            duals[i] = glp_get_row_dual(problem, Int32(i + 1))
        }
        return LinearProgramSolution(objective: glp_get_obj_val(problem), primal: primal, activities: activities, duals: duals)
    }

    /// GLPK's bound type for a pair of (possibly infinite) bounds.
    static func glpkBounds(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return (GLP_FR, 0, 0)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        case (true, true): return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }
}
