import LinearAlgebra
import Testing

/// Solves through `CholeskyFactor` (dtrsv pair, dpotrs, L and Lᵀ solves).
///
/// Bounds (n the order, L̂ the computed factor):
/// - residual: (A + ΔA)x̂ = b with |ΔA| ≤ γ_{3n+1}|L̂||L̂ᵀ| (Higham Thm 10.4); each of the two
///   triangular solves may use a rounded reciprocal pivot, so γ_{3n+3}. Evaluating the residual
///   adds γ_{n+1}(|A||x̂| + |b|).
/// - forward: ‖ΔA‖₂ ≤ γ_{3n+3}‖L̂‖²_F ≈ γ_{3n+3}·trace(A), plus any error in storing A itself
///   (u‖A‖_F for Hilbert), so with η = ‖A⁻¹‖₂‖ΔA‖₂ the perturbation bound
///   ‖x̂ − x‖/‖x‖ ≤ η/(1 − η) holds (Higham Thm 7.2): again c·n·ε·κ.
@Suite("Cholesky solves")
struct CholeskySolveTests {
    /// η for a solve on `spd`, including the error of storing A when it is not exact.
    static func eta(_ spd: SPDCase, dataError: Double = 0) -> Double {
        spd.inverseNormBound * (gamma(3 * spd.n + 3) * spd.trace + dataError)
    }

    /// Checks one solution x̂ of A x = b: componentwise residual and normwise forward error
    /// against `truth` (exact when known, otherwise the reference solve, which costs a factor 2).
    static func check(_ x: [Double], _ b: [Double], spd: SPDCase, factor: CholeskyFactor, truth: [Double], truthIsExact: Bool) {
        let n = spd.n
        let a = spd.matrix.storage
        let l = factor.lower.storage
        var lt = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0..<n { lt[i + j * n] = abs(l[j + i * n]) } }
        let absX = x.map(abs)
        let llx = Reference.multiply(l.map(abs), n: n, Reference.multiply(lt, n: n, absX))
        let ax = Reference.multiply(a, n: n, x)
        let absAx = Reference.multiply(a.map(abs), n: n, absX)
        var residualExcess = 0.0
        for i in 0..<n {
            let bound = gamma(3 * n + 3) * llx[i] + gamma(n + 1) * (absAx[i] + abs(b[i]))
            residualExcess = max(residualExcess, abs(b[i] - ax[i]) - bound)
        }
        #expect(residualExcess <= 0, "residual")

        let eta = Self.eta(spd)
        let relative = truthIsExact ? eta / (1 - eta) : 2 * eta / (1 - 2 * eta)
        #expect(relative < 1)
        let error = euclideanNorm(zip(x, truth).map { $0 - $1 })
        #expect(error <= relative * euclideanNorm(truth), "forward error")
    }

    @Test(arguments: SPDKind.allCases)
    func vectorSolve(kind: SPDKind) throws {
        let spd = kind.make()
        let n = spd.n
        let factor = try CholeskyFactor(factoring: spd.matrix)
        var rng = SplitMix64(seed: 0x600)
        let b: [Double], truth: [Double], exact: Bool
        if let system = spd.exactSystem {
            (b, truth, exact) = (system.b, system.x, true)
        } else {
            b = randomArray(n, &rng)
            let reference = try #require(Reference.cholesky(spd.matrix))
            (truth, exact) = (Reference.choleskySolve(reference, n: n, b), false)
        }
        var x = Vector(b)
        try factor.solve(overwriting: &x)
        Self.check(x.storage, b, spd: spd, factor: factor, truth: truth, truthIsExact: exact)
        #expect(try factor.solve(Vector(b)) == x)
    }

    @Test(arguments: SPDKind.allCases)
    func matrixSolve(kind: SPDKind) throws {
        let spd = kind.make()
        let n = spd.n
        let factor = try CholeskyFactor(factoring: spd.matrix)
        var rng = SplitMix64(seed: 0x610)
        let columns = 4
        let b = randomMatrix(n, columns, &rng)
        var x = b
        try factor.solve(overwriting: &x)
        #expect(try factor.solve(b) == x)
        let reference = try #require(Reference.cholesky(spd.matrix))
        for j in 0..<columns {
            let bj = Array(b.storage[(j * n)..<((j + 1) * n)])
            let xj = Array(x.storage[(j * n)..<((j + 1) * n)])
            Self.check(xj, bj, spd: spd, factor: factor, truth: Reference.choleskySolve(reference, n: n, bj), truthIsExact: false)
        }
    }

    /// Solving H X = I must reproduce the exactly known inverse of the Hilbert matrix, up to
    /// the perturbation bound that includes the rounding of 1/(i+j−1) when H was stored.
    @Test func hilbertInverseFromManyRightHandSides() throws {
        let (spd, exactInverse) = hilbertSPD(8)
        let n = spd.n
        let factor = try CholeskyFactor(factoring: spd.matrix)
        let x = try factor.solve(Matrix.identity(n))
        let eta = Self.eta(spd, dataError: u * frobeniusNorm(spd.matrix.storage))
        for j in 0..<n {
            let column = Array(x.storage[(j * n)..<((j + 1) * n)])
            let exact = Array(exactInverse[(j * n)..<((j + 1) * n)])
            let error = euclideanNorm(zip(column, exact).map { $0 - $1 })
            #expect(error <= eta / (1 - eta) * euclideanNorm(exact), "column \(j)")
        }
    }

    /// L⁻¹b, L⁻ᵀw and xᵀA⁻¹x against substitution on the same factor, with the componentwise
    /// triangular bound |ŷ − ỹ| ≤ 2γ_{n+1}|L⁻¹||L|(|ŷ| + |ỹ|) (see `TriangularSolveTests`).
    @Test(arguments: SPDKind.allCases)
    func triangularSolvesAndQuadraticForm(kind: SPDKind) throws {
        let spd = kind.make()
        let n = spd.n
        let factor = try CholeskyFactor(factoring: spd.matrix)
        var rng = SplitMix64(seed: 0x620)
        let b = randomArray(n, &rng)
        let l = factor.lower.storage
        var lt = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0..<n { lt[i + j * n] = l[j + i * n] } }

        for (matrix, isLower) in [(l, true), (lt, false)] {
            let y = isLower ? try factor.solveLower(Vector(b)) : try factor.solveLowerTransposed(Vector(b))
            var inPlace = Vector(b)
            if isLower { try factor.solveLower(overwriting: &inPlace) } else { try factor.solveLowerTransposed(overwriting: &inPlace) }
            #expect(inPlace == y)
            let reference = Reference.substitute(matrix, n: n, isLower: isLower, b)
            let absInverse = Reference.absoluteInverse(matrix, n: n, isLower: isLower)
            let spread = Reference.multiply(absInverse, n: n, Reference.multiply(matrix.map(abs), n: n, (0..<n).map { abs(y[$0]) + abs(reference[$0]) }))
            var excess = 0.0
            for i in 0..<n { excess = max(excess, abs(y[i] - reference[i]) - 2 * gamma(n + 1) * spread[i]) }
            #expect(excess <= 0, isLower ? "L⁻¹b" : "L⁻ᵀb")

            if isLower {
                // q = ‖ỹ‖²: |q̂ − q| ≤ Σδᵢ(2|ỹᵢ| + δᵢ) + γₙΣ(ŷᵢ² + ỹᵢ²), δ the bound above.
                let q = try factor.inverseQuadraticForm(Vector(b))
                let qReference = reference.reduce(0) { $0 + $1 * $1 }
                var bound = 0.0
                for i in 0..<n {
                    let delta = 2 * gamma(n + 1) * spread[i]
                    bound += delta * (2 * abs(reference[i]) + delta) + gamma(n) * (y[i] * y[i] + reference[i] * reference[i])
                }
                #expect(abs(q - qReference) <= bound, "xᵀA⁻¹x")
            }
        }
    }

    @Test func invalidRightHandSidesThrowAndLeaveThemUnchanged() throws {
        let factor = try CholeskyFactor(identityScaledBy: 2, dimension: 3)
        var short = Vector([1, 2])
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "CholeskyFactor.solve", expected: 3, actual: 2)) {
            try factor.solve(overwriting: &short)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "CholeskyFactor.solveLower", expected: 3, actual: 2)) {
            try factor.solveLower(overwriting: &short)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "CholeskyFactor.solveLowerTransposed", expected: 3, actual: 2)) {
            try factor.solveLowerTransposed(overwriting: &short)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "CholeskyFactor.inverseQuadraticForm", expected: 3, actual: 2)) {
            try factor.inverseQuadraticForm(short)
        }
        #expect(short == Vector([1, 2]))

        var poisoned = Vector([1, .nan, 3])
        #expect(throws: LinearAlgebraError.nonFinite(operation: "CholeskyFactor.solve")) {
            try factor.solve(overwriting: &poisoned)
        }
        #expect(throws: LinearAlgebraError.nonFinite(operation: "CholeskyFactor.solveLowerTransposed")) {
            try factor.solveLowerTransposed(overwriting: &poisoned)
        }
        #expect(poisoned[0] == 1 && poisoned[1].isNaN && poisoned[2] == 3)

        var wrongRows = Matrix(rows: 2, columns: 2, repeating: 1)
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "CholeskyFactor.solve right-hand side", expected: 3, actual: 2)) {
            try factor.solve(overwriting: &wrongRows)
        }
        var infinite = Matrix(rows: 3, columns: 2, repeating: 1)
        infinite[2, 1] = -.infinity
        #expect(throws: LinearAlgebraError.nonFinite(operation: "CholeskyFactor.solve")) {
            try factor.solve(overwriting: &infinite)
        }
        #expect(wrongRows == Matrix(rows: 2, columns: 2, repeating: 1))
        #expect(infinite[2, 1] == -.infinity && infinite[0, 0] == 1)
    }
}
