import Foundation
import Testing
@testable import LinearProgramming

/// GLPK's default feasibility and optimality tolerances are 10⁻⁷ (relative); the hand-solved
/// optima below are exact rationals, so 10⁻⁹ absolute on O(10) values is well within what a
/// simplex with exact-arithmetic-friendly data returns.
private let tolerance = 1e-9

@Suite struct LinearProgramTests {
    /// max 3x + 2y s.t. x + y ≤ 4, x + 3y ≤ 7, x ≤ 3, x, y ≥ 0. The optimum is the vertex
    /// where x = 3 and x + y = 4: (3, 1), value 11, with x + 3y = 6 < 7 slack. Duals by hand:
    /// the active rows are x + y ≤ 4 and x ≤ 3, so y₁ + y₃ = 3 (∂/∂x) and y₁ = 2 (∂/∂y):
    /// y = (2, 0, 1).
    @Test func handSolvedMaximisation() throws {
        var program = LinearProgram(objective: [3, 2])
        try program.addConstraint([1, 1], upper: 4)
        try program.addConstraint([1, 3], upper: 7)
        try program.addConstraint([1, 0], upper: 3)
        let solution = try program.solve()
        #expect(abs(solution.objective - 11) < tolerance)
        #expect(abs(solution.primal[0] - 3) < tolerance && abs(solution.primal[1] - 1) < tolerance)
        #expect(abs(solution.duals[0] - 2) < tolerance && abs(solution.duals[1]) < tolerance && abs(solution.duals[2] - 1) < tolerance)
        #expect(abs(solution.activities[1] - 6) < tolerance)
    }

    /// min x + y s.t. x + 2y ≥ 4, 3x + y ≥ 6: the optimum is where both bind, x = 8/5,
    /// y = 6/5, value 14/5.
    @Test func handSolvedMinimisationWithLowerBounds() throws {
        var program = LinearProgram(direction: .minimize, objective: [1, 1])
        try program.addConstraint([1, 2], lower: 4)
        try program.addConstraint([3, 1], lower: 6)
        let solution = try program.solve()
        #expect(abs(solution.objective - 14.0 / 5) < tolerance)
        #expect(abs(solution.primal[0] - 8.0 / 5) < tolerance && abs(solution.primal[1] - 6.0 / 5) < tolerance)
    }

    /// An equality row and a free, upper-bounded variable: max x − y s.t. x + y = 2, x ≤ 5,
    /// y free ⇒ x = 5, y = −3, value 8.
    @Test func equalityAndFreeVariable() throws {
        var program = LinearProgram(objective: [1, -1])
        try program.addConstraint([1, 1], lower: 2, upper: 2)
        program.variableUpperBounds[0] = 5
        program.variableLowerBounds[1] = -.infinity
        let solution = try program.solve()
        #expect(abs(solution.objective - 8) < tolerance)
        #expect(abs(solution.primal[1] + 3) < tolerance)
    }

    @Test func infeasibleAndUnbounded() throws {
        var infeasible = LinearProgram(objective: [1])
        try infeasible.addConstraint([1], upper: -1)  // x ≤ −1 with x ≥ 0
        #expect(throws: LinearProgramError.infeasible) { try infeasible.solve() }

        var unbounded = LinearProgram(objective: [1, 1])
        try unbounded.addConstraint([1, -1], upper: 1)
        #expect(throws: LinearProgramError.unbounded) { try unbounded.solve() }
    }

    @Test func malformedProgramsAreRejectedBeforeGLPK() throws {
        var program = LinearProgram(objective: [1, 2])
        #expect(throws: LinearProgramError.invalidProblem(field: "constraints[0]", reason: "has 3 coefficients, expected 2")) {
            try program.addConstraint([1, 2, 3], upper: 1)
        }
        #expect(program.constraintCount == 0)
        try program.addConstraint([1, .nan], upper: 1)
        #expect(throws: LinearProgramError.invalidProblem(field: "constraints[0][1]", reason: "must be finite, got nan")) {
            try program.solve()
        }
        var crossed = LinearProgram(objective: [1])
        try crossed.addConstraint([1], lower: 2, upper: 1)
        #expect(throws: LinearProgramError.invalidProblem(field: "constraints[0]", reason: "lower bound 2.0 exceeds upper bound 1.0")) {
            try crossed.solve()
        }
        var infiniteObjective = LinearProgram(objective: [.infinity])
        infiniteObjective.variableUpperBounds[0] = 1
        #expect(throws: LinearProgramError.invalidProblem(field: "objective[0]", reason: "must be finite, got inf")) {
            try infiniteObjective.solve()
        }
        #expect(throws: LinearProgramError.invalidProblem(field: "objective", reason: "needs at least one variable")) {
            try LinearProgram(objective: []).solve()
        }
    }

    /// The bandits-with-knapsacks LP max Σ pₐrₐ s.t. Σ pₐcₐⱼ ≤ ρⱼ, Σ pₐ ≤ 1, p ≥ 0 against brute
    /// force over its vertices: every choice of K tight constraints among the d + 1 rows and
    /// the K sign constraints, solved by Gaussian elimination, kept if feasible. 300 seeded
    /// random instances with K ≤ 6 arms and d ≤ 3 resources.
    @Test func knapsackLPMatchesVertexEnumeration() throws {
        var generator = TestGenerator(seed: 0x6B6E_6170)
        for _ in 0..<300 {
            let armCount = 1 + generator.index(below: 6)
            let resourceCount = 1 + generator.index(below: 3)
            let rewards = (0..<armCount).map { _ in generator.uniform() }
            let costs = (0..<resourceCount).map { _ in (0..<armCount).map { _ in generator.uniform() } }
            let rates = (0..<resourceCount).map { _ in 0.05 + 0.9 * generator.uniform() }
            var program = LinearProgram(objective: rewards)
            for j in 0..<resourceCount { try program.addConstraint(costs[j], upper: rates[j]) }
            try program.addConstraint([Double](repeating: 1, count: armCount), upper: 1)
            let solution = try program.solve()
            let reference = bruteForceKnapsackLP(rewards: rewards, costs: costs, rates: rates)
            // Both are exact up to rounding of O(K) operations on numbers of order 1, and GLPK's
            // 10⁻⁷ relative feasibility tolerance bounds how far its vertex can sit outside.
            #expect(abs(solution.objective - reference) < 1e-7, "K=\(armCount) d=\(resourceCount)")
            for j in 0..<resourceCount {
                let used = zip(costs[j], solution.primal).reduce(0) { $0 + $1.0 * $1.1 }
                #expect(used <= rates[j] + 1e-7)
            }
        }
    }

    /// A program GLPK's automatic scaling got wrong (it reported it unbounded): coefficients
    /// of rounding size, ±10⁻¹⁷, next to entries of order 1 (found by the never-overspend
    /// property test). Σp ≤ 1 bounds it; the optimum must match vertex enumeration.
    @Test func roundingSizedCoefficients() throws {
        let rewards = [0.875, 0.25, 1.0, 1.0 / 3, 0.5]
        let costs = [
            [-0.125, 0.125, 0.5, 0.5, -2.7755575615628914e-17],
            [0.0, 0.25, -0.5, 0.75, 1.3877787807814457e-17],
            [0.125, 0.625, 1.0, 1.0 / 6, 1.0 / 6],
        ]
        let rates = [4.75 / 60, 2.0 / 60, 3.75 / 60]
        var program = LinearProgram(objective: rewards)
        for j in 0..<3 { try program.addConstraint(costs[j], upper: rates[j]) }
        try program.addConstraint([Double](repeating: 1, count: 5), upper: 1)
        let solution = try program.solve()
        #expect(abs(solution.objective - bruteForceKnapsackLP(rewards: rewards, costs: costs, rates: rates)) < 1e-7)
    }

    /// Two threads solving different programs at the same time get exactly the answers of
    /// solving them one after the other (GLPK's thread-local environment in use).
    @Test func concurrentSolvesAgreeWithSerialOnes() throws {
        var generator = TestGenerator(seed: 77)
        var programs: [LinearProgram] = []
        for _ in 0..<400 {
            let armCount = 10
            var program = LinearProgram(objective: (0..<armCount).map { _ in generator.uniform() })
            for _ in 0..<3 { try program.addConstraint((0..<armCount).map { _ in generator.uniform() }, upper: 0.3) }
            try program.addConstraint([Double](repeating: 1, count: armCount), upper: 1)
            programs.append(program)
        }
        let frozen = programs
        let serial = try frozen.map { try $0.solve() }
        let results = ConcurrentResults(count: frozen.count)
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in stride(from: worker, to: frozen.count, by: 2) {
                results.store(try? frozen[index].solve(), at: index)
            }
        }
        #expect(results.values == serial.map { Optional($0) })
    }
}

/// Results written by several threads, read after they joined.
private final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [LinearProgramSolution?]
    init(count: Int) { values = [LinearProgramSolution?](repeating: nil, count: count) }
    func store(_ value: LinearProgramSolution?, at index: Int) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}

/// The naive reference: the maximum of the objective over all vertices of the polytope.
private func bruteForceKnapsackLP(rewards: [Double], costs: [[Double]], rates: [Double]) -> Double {
    let k = rewards.count
    // All inequality rows aᵀp ≤ b: resources, Σp ≤ 1, then −pₐ ≤ 0.
    var rows: [([Double], Double)] = zip(costs, rates).map { ($0, $1) }
    rows.append(([Double](repeating: 1, count: k), 1))
    for a in 0..<k {
        var row = [Double](repeating: 0, count: k)
        row[a] = -1
        rows.append((row, 0))
    }
    var best = -Double.infinity
    func visit(_ start: Int, _ chosen: [Int]) {
        if chosen.count == k {
            guard let point = solveSquare(chosen.map { rows[$0].0 }, chosen.map { rows[$0].1 }) else { return }
            for (row, bound) in rows where zip(row, point).reduce(0, { $0 + $1.0 * $1.1 }) > bound + 1e-9 { return }
            best = max(best, zip(rewards, point).reduce(0) { $0 + $1.0 * $1.1 })
            return
        }
        guard start < rows.count else { return }
        for index in start..<rows.count { visit(index + 1, chosen + [index]) }
    }
    visit(0, [])
    return best
}

/// Gaussian elimination with partial pivoting; nil when (numerically) singular.
private func solveSquare(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
    let n = rhs.count
    var a = matrix
    var b = rhs
    for column in 0..<n {
        var pivot = column
        for row in column..<n where abs(a[row][column]) > abs(a[pivot][column]) { pivot = row }
        guard abs(a[pivot][column]) > 1e-12 else { return nil }
        a.swapAt(column, pivot)
        b.swapAt(column, pivot)
        for row in (column + 1)..<n {
            let factor = a[row][column] / a[column][column]
            for c in column..<n { a[row][c] -= factor * a[column][c] }
            b[row] -= factor * b[column]
        }
    }
    var x = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
        var sum = b[row]
        for c in (row + 1)..<n { sum -= a[row][c] * x[c] }
        x[row] = sum / a[row][row]
    }
    return x
}

/// SplitMix64, so the tests depend on no other module's generator.
struct TestGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func index(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
