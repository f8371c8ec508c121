import Foundation
import LinearAlgebra
import Testing

/// `CholeskyFactor.rankOneUpdate` (LINPACK dchud) against fresh factorisations.
///
/// Error model. One update applies n plane rotations to the (n+1) × n matrix M = [L̂ᵀ; xᵀ];
/// computed rotations are exact for M + ΔM with ‖ΔM‖_F ≤ n·γ₆‖M‖_F (Higham Lemmas 19.8–19.9:
/// γ₆ covers forming and applying each rotation), and ‖M‖²_F = trace(Aₜ₊₁). So the new factor
/// satisfies L̂L̂ᵀ = Aₜ₊₁ + E with ‖E‖_F ≤ 2‖M‖₂‖ΔM‖_F ≤ 2nγ₆·trace(Aₜ₊₁). Errors of successive
/// updates add up: ‖E_total‖_F ≤ 2nγ₆ Σₜ trace(Aₜ). The reference Σ xxᵀ accumulated with plain
/// additions is off by at most γ₂Σₜ(‖Aₜ‖_F + ‖xₜ‖²) ≤ 2γ₂Σₜ trace(Aₜ), and a fresh
/// factorisation adds γ_{n+2}·trace (see `CholeskyFactorTests`). The factor difference then
/// follows from Sun's bound with ‖A⁻¹‖₂ ≤ 1/λ (A ⪰ λI) and ‖A‖₂ ≤ trace(A).
@Suite("Cholesky rank-one update")
struct CholeskyRankOneUpdateTests {
    struct Run {
        var factor: CholeskyFactor
        var reference: Matrix
        var traceSum: Double
    }

    /// Applies every update to a factor of λI and to a plainly accumulated A.
    static func run(dimension n: Int, regularization lambda: Double, updates: [[Double]]) throws -> Run {
        var factor = try CholeskyFactor(identityScaledBy: lambda, dimension: n)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { a[i + i * n] = lambda }
        var trace = lambda * Double(n)
        var traceSum = 0.0
        for x in updates {
            try factor.rankOneUpdate(Vector(x))
            for j in 0..<n {
                for i in 0..<n { a[i + j * n] += x[i] * x[j] }
            }
            trace += x.reduce(0) { $0 + $1 * $1 }
            traceSum += trace
        }
        return Run(factor: factor, reference: try Matrix(rows: n, columns: n, columnMajor: a), traceSum: traceSum * (1 + gamma(n + 1)))
    }

    static func checkAgainstFreshFactorisation(_ run: Run, regularization lambda: Double) throws {
        let n = run.factor.dimension
        let l = run.factor.lower.storage
        for j in 0..<n {
            #expect(l[j + j * n] > 0 && l[j + j * n].isFinite, "diagonal \(j)")
            for i in 0..<n where !l[i + j * n].isFinite || (i < j && l[i + j * n] != 0) {
                Issue.record("entry (\(i), \(j)) = \(l[i + j * n])")
            }
        }
        let trace = (0..<n).reduce(0.0) { $0 + run.reference[$1, $1] }
        let updateError = 2 * Double(n) * gamma(6) * run.traceSum
        let accumulationError = 2 * gamma(2) * run.traceSum

        // Backward: ‖L̂L̂ᵀ − A‖_F, evaluating L̂L̂ᵀ costing γₙ·trace.
        let product = Reference.lowerTimesTranspose(l, n: n).value
        let residual = frobeniusNorm(zip(product, run.reference.storage).map { $0 - $1 })
        #expect(residual <= updateError + accumulationError + gamma(n) * trace, "backward error")

        // Forward: against a fresh dpotrf factorisation of the accumulated A.
        let fresh = try CholeskyFactor(factoring: run.reference)
        let difference = frobeniusNorm(zip(l, fresh.lower.storage).map { $0 - $1 })
        let perturbation = updateError + accumulationError + gamma(n + 2) * trace
        #expect(difference <= (1 / 2.0.squareRoot()) * (1 / lambda) * trace.squareRoot() * perturbation, "forward error")

        // log det, first order: |tr(A⁻¹E)| ≤ √n‖A⁻¹‖₂‖E‖_F, plus evaluating both sums of logs.
        var logMagnitude = 0.0
        for i in 0..<n { logMagnitude += 2 * abs(log(fresh.lower[i, i])) }
        let logBound = Double(n).squareRoot() / lambda * perturbation + 2 * gamma(n + 1) * logMagnitude
        #expect(abs(run.factor.logDeterminant - fresh.logDeterminant) <= logBound, "log det")
    }

    @Test func manyRandomUpdatesMatchFreshFactorisation() throws {
        var rng = SplitMix64(seed: 0x700)
        let n = 40
        let updates = (0..<400).map { _ in (0..<n).map { _ in rng.normal() } }
        try Self.checkAgainstFreshFactorisation(Self.run(dimension: n, regularization: 1, updates: updates), regularization: 1)
    }

    /// Duplicated and collinear contexts (the hard case for Sherman–Morrison-style updates):
    /// the factor must stay finite, positive definite and consistent with refactorising.
    @Test func collinearAndDuplicatedUpdatesStayPositiveDefinite() throws {
        var rng = SplitMix64(seed: 0x710)
        let n = 8
        let direction = (0..<n).map { _ in rng.uniform(-1, 1) }
        let updates = (0..<20_000).map { t in
            let scale = t % 2 == 0 ? 1 : rng.uniform(-2, 2)
            return direction.map { scale * $0 }
        }
        let lambda = 0.1
        try Self.checkAgainstFreshFactorisation(Self.run(dimension: n, regularization: lambda, updates: updates), regularization: lambda)
    }

    /// Sizes 0 and 1, sparse (one-hot) and zero updates, where results are known exactly or to
    /// within the rounding of one hypot.
    @Test func smallAndSparseCases() throws {
        var empty = try CholeskyFactor(identityScaledBy: 1, dimension: 0)
        try empty.rankOneUpdate(Vector([]))
        #expect(empty.dimension == 0)

        var single = try CholeskyFactor(identityScaledBy: 9, dimension: 1)
        try single.rankOneUpdate(Vector([4]))
        #expect(single.lower[0, 0] == 5) // hypot(3, 4) is exact

        var factor = try CholeskyFactor(identityScaledBy: 4, dimension: 3)
        let before = factor
        try factor.rankOneUpdate(Vector([0, 0, 0]))
        #expect(factor == before)
        try factor.rankOneUpdate(Vector([0, 3, 0]))
        // A = diag(4, 13, 4): only L₁₁ changes, to √13 (hypot is accurate to < 1 ulp).
        #expect(factor.lower[0, 0] == 2 && factor.lower[2, 2] == 2)
        #expect(abs(factor.lower[1, 1] - 13.0.squareRoot()) <= 13.0.squareRoot().ulp)
        for j in 0..<3 { for i in 0..<3 where i != j { #expect(factor.lower[i, j] == 0) } }
    }

    @Test func invalidUpdatesThrowAndLeaveFactorUnchanged() throws {
        var factor = try CholeskyFactor(factoring: Matrix(rowMajor: [[4, 2, 0], [2, 5, 1], [0, 1, 3]]))
        let before = factor
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "CholeskyFactor.rankOneUpdate", expected: 3, actual: 2)) {
            try factor.rankOneUpdate(Vector([1, 2]))
        }
        #expect(throws: LinearAlgebraError.nonFinite(operation: "CholeskyFactor.rankOneUpdate")) {
            try factor.rankOneUpdate(Vector([1, .nan, 2]))
        }
        #expect(throws: LinearAlgebraError.nonFinite(operation: "CholeskyFactor.rankOneUpdate")) {
            try factor.rankOneUpdate(Vector([1, 2, .infinity]))
        }
        #expect(factor == before)
    }
}
