import LinearAlgebra
import Testing

/// dtrsv / dtrsm against substitution.
///
/// Bounds (M = op(T), n its order): triangular substitution in any order is backward stable
/// componentwise, (M + ΔM) x̂ = b with |ΔM| ≤ γₙ|M| (Higham Thm 8.5); OpenBLAS kernels multiply
/// by a rounded reciprocal of the diagonal, one extra rounding, so γ_{n+1} is used. Hence
/// 1. residual: |b − M x̂| ≤ γ_{n+1}|M||x̂| exactly, plus γ_{n+1}(|b| + |M||x̂|) for evaluating
///    the residual itself;
/// 2. forward, against the reference x̃: M(x̂ − x̃) = −ΔM₁x̂ + ΔM₂x̃, so
///    |x̂ − x̃| ≤ γ_{n+1}|M⁻¹||M|(|x̂| + |x̃|), doubled to cover the error of the computed |M⁻¹|.
/// Both hold however ill-conditioned M is, because they are componentwise in |M⁻¹||M|.
@Suite("Triangular solves")
struct TriangularSolveTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var n: Int, triangle: Triangle, op: Transpose, unitDiagonal: Bool
        var testDescription: String { "n=\(n) \(triangle) \(op)\(unitDiagonal ? " unit" : "")" }
    }

    static let cases: [Case] = [0, 1, 200].flatMap { n in
        Triangle.allCases.flatMap { triangle in
            Transpose.allCases.flatMap { op in
                [false, true].map { Case(n: n, triangle: triangle, op: op, unitDiagonal: $0) }
            }
        }
    }

    @Test(arguments: cases)
    func matchesReference(c: Case) throws {
        var rng = SplitMix64(seed: 0x400 &+ UInt64(c.n))
        let t = randomTriangular(c.n, c.triangle, &rng)
        try checkSolves(t, c.triangle, c.op, unitDiagonal: c.unitDiagonal, &rng)
    }

    /// A triangular matrix with κ ≈ 9e4: the Cholesky factor of an exactly known SPD matrix with
    /// κ₂ = 2^33 (κ₂(L) = √κ₂(A)).
    @Test(arguments: Triangle.allCases, Transpose.allCases)
    func illConditionedFactor(triangle: Triangle, op: Transpose) throws {
        var rng = SplitMix64(seed: 0x410)
        let spd = hadamardSPD(log2n: 7, log2Condition: 33, seed: 0x411)
        let n = spd.n
        let l = try #require(Reference.cholesky(spd.matrix))
        var t = try Matrix(rows: n, columns: n, columnMajor: l)
        if triangle == .upper {
            // Use Lᵀ stored in the upper triangle, NaN below so stray reads show.
            t = Matrix(rows: n, columns: n, repeating: .nan)
            for j in 0..<n { for i in 0...j { t[i, j] = l[j + i * n] } }
        } else {
            for j in 0..<n { for i in 0..<j { t[i, j] = .nan } }
        }
        try checkSolves(t, triangle, op, unitDiagonal: false, &rng)
    }

    private func checkSolves(
        _ t: Matrix, _ triangle: Triangle, _ op: Transpose, unitDiagonal: Bool, _ rng: inout SplitMix64
    ) throws {
        let n = t.rows
        let (m, isLower) = Reference.triangularOperator(t, triangle, op, unitDiagonal: unitDiagonal)
        let absM = m.map(abs)
        let absInverse = Reference.absoluteInverse(m, n: n, isLower: isLower)
        let g = gamma(n + 1)

        func check(_ x: [Double], _ b: [Double]) {
            let reference = Reference.substitute(m, n: n, isLower: isLower, b)
            let mx = Reference.multiply(m, n: n, x)
            let absMx = Reference.multiply(absM, n: n, x.map(abs))
            let spread = Reference.multiply(absInverse, n: n, Reference.multiply(absM, n: n, (0..<n).map { abs(x[$0]) + abs(reference[$0]) }))
            var residualExcess = 0.0, forwardExcess = 0.0
            for i in 0..<n {
                residualExcess = max(residualExcess, abs(b[i] - mx[i]) - (g * absMx[i] + g * (abs(b[i]) + absMx[i])))
                forwardExcess = max(forwardExcess, abs(x[i] - reference[i]) - 2 * g * spread[i])
            }
            #expect(residualExcess <= 0, "residual")
            #expect(forwardExcess <= 0, "forward error against substitution")
        }

        // Vector right-hand side, in place and allocating.
        let b = randomArray(n, &rng)
        var x = Vector(b)
        try t.solveTriangular(triangle, op, unitDiagonal: unitDiagonal, overwriting: &x)
        check(x.storage, b)
        #expect(try t.solveTriangular(triangle, op, unitDiagonal: unitDiagonal, rightHandSide: Vector(b)) == x)

        // Matrix right-hand side: every column must satisfy the same bounds.
        let columns = 5
        let bm = randomMatrix(n, columns, &rng)
        var xm = bm
        try t.solveTriangular(triangle, op, unitDiagonal: unitDiagonal, overwriting: &xm)
        for j in 0..<columns {
            check(Array(xm.storage[(j * n)..<((j + 1) * n)]), Array(bm.storage[(j * n)..<((j + 1) * n)]))
        }
        #expect(try t.solveTriangular(triangle, op, unitDiagonal: unitDiagonal, rightHandSide: bm) == xm)
    }

    @Test func zeroDiagonalIsSingularUnlessUnit() throws {
        let t = try Matrix(rowMajor: [[2, 0, 0], [1, 0, 0], [1, 1, 3]])
        var b = Vector([1, 2, 3])
        #expect(throws: LinearAlgebraError.singular(operation: "solveTriangular", diagonalIndex: 1)) {
            try t.solveTriangular(.lower, .noTranspose, overwriting: &b)
        }
        var bm = Matrix(rows: 3, columns: 2, repeating: 1)
        #expect(throws: LinearAlgebraError.singular(operation: "solveTriangular", diagonalIndex: 1)) {
            try t.solveTriangular(.lower, .transpose, overwriting: &bm)
        }
        #expect(b == Vector([1, 2, 3]))
        #expect(bm == Matrix(rows: 3, columns: 2, repeating: 1))
        // With a unit diagonal the stored diagonal is never read: x = (1, 1, 1).
        #expect(try t.solveTriangular(.lower, .noTranspose, unitDiagonal: true, rightHandSide: Vector([1, 2, 3])) == Vector([1, 1, 1]))
    }

    @Test func mismatchedShapesThrowAndLeaveRightHandSideUnchanged() {
        let square = Matrix.identity(3)
        var b = Vector([1, 2])
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "solveTriangular right-hand side", expected: 3, actual: 2)) {
            try square.solveTriangular(.upper, .noTranspose, overwriting: &b)
        }
        var bm = Matrix(rows: 2, columns: 4, repeating: 1)
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "solveTriangular right-hand side", expected: 3, actual: 2)) {
            try square.solveTriangular(.lower, .transpose, overwriting: &bm)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "solveTriangular square", expected: 3, actual: 2)) {
            try Matrix(rows: 3, columns: 2, repeating: 1).solveTriangular(.lower, .noTranspose, rightHandSide: Vector([1, 2, 3]))
        }
        #expect(b == Vector([1, 2]))
        #expect(bm == Matrix(rows: 2, columns: 4, repeating: 1))
    }
}
