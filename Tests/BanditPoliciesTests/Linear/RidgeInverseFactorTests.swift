import BanditCore
import Foundation
import LinearAlgebra
import Testing
@testable import BanditPolicies

/// The ridge statistics' cached U = L⁻ᵀ (used for batched widths) against its definition, and
/// LinUCB's scores through it (widths ‖Uᵀx‖, means (Uᵀx)ᵀc with the carried c ≈ L⁻¹b)
/// against the triangular-solve method they replaced (widths ‖L⁻¹x‖, means xᵀθ̂).
///
/// Bounds (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., 2002):
/// - after a refactorisation U comes from `dtrtri`: ‖L·Uᵀ − I‖_F ≤ γ_{2d+2}‖|L||Uᵀ|‖_F (§14.2);
/// - each later update adds at most (2dγ₆ + (dγ₆)²)·√(‖L‖²_F + ‖x‖²)·‖U‖_F (Lemmas 19.8–19.9,
///   see `CholeskyFactor.rankOneUpdate(_:inverseTransposed:)`);
/// - evaluating the residual in floating point adds γ_d‖|L||Uᵀ|‖_F.
@Suite("Ridge inverse factor")
struct RidgeInverseFactorTests {
    static let u = Double.ulpOfOne / 2
    static func gamma(_ k: Int) -> Double { Double(k) * u / (1 - Double(k) * u) }

    /// ‖L·Uᵀ − I‖_F and ‖|L||Uᵀ|‖_F by plain loops.
    static func residual(_ ridge: RidgeRegression) -> (residual: Double, magnitude: Double) {
        let l = ridge.factor.lower, inverse = ridge.inverseFactorTransposed, n = ridge.dimension
        var residual = 0.0, magnitude = 0.0
        for i in 0..<n {
            for j in 0..<n {
                var sum = 0.0, absolute = 0.0
                for k in 0..<n {
                    sum += l[i, k] * inverse[j, k]
                    absolute += abs(l[i, k] * inverse[j, k])
                }
                residual += (sum - (i == j ? 1 : 0)) * (sum - (i == j ? 1 : 0))
                magnitude += absolute * absolute
            }
        }
        return (residual.squareRoot(), magnitude.squareRoot())
    }

    static func frobenius(_ values: [Double]) -> Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    @Test("U matches L⁻ᵀ within the derived bound through many updates and refactorisations",
          arguments: [(3, 1e-8), (16, 1e-3), (40, 1.0)])
    func inverseTracksFactor(dimension d: Int, lambda: Double) throws {
        var random = LinearTestRandom(seed: 21 + UInt64(d))
        var ridge = try RidgeRegression(dimension: d, regularization: lambda, refactorizationInterval: 250)
        // Starts as fl(1/fl(√λ))·I against fl(√λ)·I.
        var bound = Double(d).squareRoot() * Self.gamma(2)
        let perUpdate = 2 * Double(d) * Self.gamma(6) + pow(Double(d) * Self.gamma(6), 2)
        let anchor = random.vector(d)
        for step in 0..<1_200 {
            let x = random.mixedContext(step: step, anchor: anchor)
            let lNorm = Self.frobenius(ridge.factor.lower.storage), uNorm = Self.frobenius(ridge.inverseFactorTransposed.storage)
            try ridge.update(features: x, reward: random.normal())
            if ridge.updatesSinceRefactorization == 0 {
                // Refreshed from a factor recomputed by dpotrf (or, if A was numerically
                // singular, the incremental one) by dtrtri.
                bound = Self.gamma(2 * d + 2) * Self.residual(ridge).magnitude
            } else {
                bound += perUpdate * (lNorm * lNorm + x.reduce(0) { $0 + $1 * $1 }).squareRoot() * uNorm
            }
            if step % 97 == 0 || step == 1_199 {
                let (residual, magnitude) = Self.residual(ridge)
                #expect(residual <= bound + Self.gamma(d) * magnitude, "step \(step): ‖LUᵀ − I‖_F = \(residual), bound \(bound)")
            }
        }
        for j in 0..<d { for i in (j + 1)..<d { #expect(ridge.inverseFactorTransposed[i, j] == 0) } }
    }

    @Test("U is not part of the state: decoding recomputes it, equality and encoding ignore it")
    func derivedState() throws {
        var random = LinearTestRandom(seed: 8)
        var ridge = try RidgeRegression(dimension: 5, regularization: 0.1, refactorizationInterval: 1_000)
        for _ in 0..<60 { try ridge.update(features: random.vector(5), reward: random.normal()) }
        let data = try JSONEncoder().encode(ridge)
        #expect(!String(decoding: data, as: UTF8.self).contains("inverse"))
        let decoded = try JSONDecoder().decode(RidgeRegression.self, from: data)
        #expect(decoded == ridge)
        #expect(decoded.inverseFactorTransposed == (try ridge.factor.inverseTransposed()))
    }

    @Test("LinUCB's scores equal the triangular-solve method's within the derived bound", arguments: [2, 20, 64])
    func scoresMatchTriangularSolve(dimension d: Int) throws {
        let k = 12, alpha = 1.7, lambda = 0.05
        var random = LinearTestRandom(seed: 99 + UInt64(d))
        var policy = try LinUCB(armCount: k, dimension: d, explorationScale: alpha, regularization: lambda)
        var features = ArmFeatures(dimension: d, armCount: k)
        for round in 0..<700 {
            features.withUnsafeMutableBufferPointer { buffer in
                for i in buffer.indices { buffer[i] = (round % 9 == 0 ? 1e-4 : 1) * random.normal() }
            }
            let arm = try policy.selectArm(features: features)
            try policy.update(arm: arm, roundFeatures: features, reward: random.normal())
        }
        features.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = random.normal() }
        }
        let scores = try policy.scores(features: features)
        let ridge = policy.ridge
        // The previous method: Y = L⁻¹X by dtrsm, widths ‖yₐ‖, means Xᵀθ̂ by the same dgemv.
        var solved = try Matrix(rows: d, columns: k, columnMajor: features.storage)
        try ridge.factor.lower.solveTriangular(.lower, .noTranspose, overwriting: &solved)
        let means = try features.matrixCopy().gemv(.transpose, x: ridge.estimate)
        let (residual, _) = Self.residual(ridge)
        let lNorm = Self.frobenius(ridge.factor.lower.storage), uNorm = Self.frobenius(ridge.inverseFactorTransposed.storage)
        // ‖L⁻¹‖₂ ≤ ‖Uᵀ‖/(1 − ‖LUᵀ − I‖) since L⁻¹ = Uᵀ(LUᵀ)⁻¹.
        let inverseNorm = uNorm / (1 - residual)
        // The new means are ỹᵀc with the carried c ≈ L⁻¹b: ‖c − L⁻¹b‖ ≤ ‖L⁻¹‖‖Lc − b‖, the
        // residual measured with its evaluation error (RidgeWhitenedResponseTests).
        let c = Array(ridge.whitenedResponse.storage), cNorm = Self.frobenius(c)
        let (cResidual, cMagnitude) = RidgeWhitenedResponseTests.residual(ridge)
        let cGap = inverseNorm * (cResidual + Self.gamma(d + 1) * (cMagnitude + Self.frobenius(Array(ridge.response.storage))))
        // The old means are xᵀθ̂ with θ̂ from two solves, (L + ΔL₁)y₁ = b, (L + ΔL₂)ᵀθ̂ = y₁,
        // |ΔLᵢ| ≤ γ_d|L|: ‖θ̂ − A⁻¹b‖ ≤ ‖L⁻¹‖γ_d‖L‖_F(‖θ̂‖ + ‖L⁻¹‖‖y₁‖).
        let thetaHat = Array(ridge.estimate.storage), y1Norm = Self.frobenius(Array(try ridge.factor.solveLower(ridge.response).storage))
        let thetaGap = inverseNorm * Self.gamma(d) * lNorm * (Self.frobenius(thetaHat) + inverseNorm * y1Norm)
        for a in 0..<k {
            let x = (0..<d).map { features[$0, a] }
            let y = (0..<d).map { solved[$0, a] }
            let xNorm = Self.frobenius(x), yNorm = Self.frobenius(y)
            // |Uᵀ||x| bounded by ‖U‖_F‖x‖.
            // New: fl(Uᵀx) = Uᵀx + e₁, ‖e₁‖ ≤ γ_d‖U‖_F‖x‖. Uᵀx − L⁻¹x = L⁻¹(LUᵀ − I)x.
            // Old: (L + ΔL)ŷ = x with |ΔL| ≤ γ_d|L| (Thm 8.5), so ŷ − L⁻¹x = −L⁻¹ΔLŷ.
            let vectorGap = Self.gamma(d) * uNorm * xNorm + inverseNorm * (residual * xNorm + Self.gamma(d) * lNorm * yNorm)
            // Both means against xᵀA⁻¹b: new, with ỹ = Uᵀx off L⁻¹x by yGap, and the dot's own
            // rounding γ_d‖ỹ‖‖c‖; old, ‖x‖·thetaGap and its dot's γ_d|x|ᵀ|θ̂|.
            let yGap = Self.gamma(d) * uNorm * xNorm + inverseNorm * residual * xNorm
            let newMeanGap = yGap * cNorm + (yNorm + vectorGap + yGap) * cGap + Self.gamma(d) * (yNorm + vectorGap) * cNorm
            let oldMeanGap = xNorm * thetaGap + Self.gamma(d) * zip(x, thetaHat).reduce(0) { $0 + abs($1.0 * $1.1) }
            let oldScore = means[a] + alpha * yNorm
            // The widths' own sums of squares and square roots: relative γ_{d+1} each; each
            // score's mean + α·w: γ₂ of its magnitude (α·w_new ≤ |score| + |mean|).
            let newMagnitude = abs(scores[a]) + 2 * abs(means[a])
            let bound = alpha * vectorGap + newMeanGap + oldMeanGap + Self.gamma(d + 1) * (alpha * yNorm + newMagnitude)
                + Self.gamma(2) * (abs(means[a]) + alpha * yNorm + newMagnitude)
            #expect(abs(scores[a] - oldScore) <= bound, "arm \(a): \(scores[a]) vs \(oldScore)")
        }
    }

    @Test("the fused route and the BLAS route (dtrmm, dgemv, norms) agree within the derived bound", arguments: [3, 20, 41])
    func fusedMatchesBLASRoute(dimension d: Int) throws {
        let k = 17, alpha = 0.9
        var random = LinearTestRandom(seed: 500 + UInt64(d))
        var ridge = try RidgeRegression(dimension: d, regularization: 0.3)
        for _ in 0..<(3 * d) { try ridge.update(features: random.vector(d), reward: random.normal()) }
        let features = try Matrix(rows: d, columns: k, columnMajor: (0..<(d * k)).map { _ in random.normal() })
        var workspace = Matrix(rows: d, columns: k, repeating: 0), scratch = TriangularScoringScratch(dimension: d)
        var fusedWidths = Vector(repeating: 0, count: k), fusedScores = Vector(repeating: 0, count: k)
        var blasWidths = fusedWidths, blasScores = fusedScores
        #expect(ridge.optimisticScores(features: features, explorationScale: alpha, workspace: &workspace, scratch: &scratch, widths: &fusedWidths, into: &fusedScores))
        #expect(ridge.optimisticScoresThroughBLAS(features: features, explorationScale: alpha, workspace: &workspace, widths: &blasWidths, into: &blasScores))
        let u = ridge.inverseFactorTransposed, c = Array(ridge.whitenedResponse.storage)
        for a in 0..<k {
            // Both routes form y = Uᵀx with |ŷᵢ − yᵢ| ≤ γ_d tᵢ, tᵢ = Σ_j |U_ji x_j|; then
            // ‖ŷ‖ within 3γ_{d+1}‖t‖ and cᵀŷ + α‖ŷ‖ within 4γ_{d+2}(|c|ᵀt + α‖t‖) of exact.
            let t = (0..<d).map { i in (0...i).reduce(0.0) { $0 + abs(u[$1, i] * features[$1, a]) } }
            let tNorm = Self.frobenius(t), weighted = zip(c, t).reduce(0.0) { $0 + abs($1.0) * $1.1 }
            #expect(abs(fusedWidths[a] - blasWidths[a]) <= 2 * 3 * Self.gamma(d + 1) * tNorm, "arm \(a) width")
            #expect(abs(fusedScores[a] - blasScores[a]) <= 2 * 4 * Self.gamma(d + 2) * (weighted + alpha * tNorm), "arm \(a) score")
        }
    }
}

extension ArmFeatures {
    /// The features as a fresh d × K matrix.
    func matrixCopy() throws -> Matrix { try Matrix(rows: dimension, columns: armCount, columnMajor: storage) }
}
