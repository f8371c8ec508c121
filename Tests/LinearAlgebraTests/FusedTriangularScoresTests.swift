import Testing
@testable import LinearAlgebra

/// `Matrix.fusedTriangularScores` (y_a = Uᵀx_a, ‖y_a‖ and cᵀy_a + α‖y_a‖ for every arm in one
/// pass) against a plain-loop reference, within the rounding bounds of Higham §3.1; on a
/// hand-solved case; and for what it must never do: read U's lower triangle, depend on the
/// other arms, or write anything when it throws.
@Suite("Fused triangular scores")
struct FusedTriangularScoresTests {
    /// U (upper, its strictly lower triangle set to `poison`), K feature columns and c.
    static func problem(dimension d: Int, arms k: Int, seed: UInt64, poison: Double = .nan) throws -> (u: Matrix, x: Matrix, c: Vector) {
        var random = SplitMix64(seed: seed)
        var u = Matrix(rows: d, columns: d, repeating: poison)
        for i in 0..<d {
            for j in 0...i { u[j, i] = random.normal() }
            // A diagonal bounded away from 0, as the inverse of a Cholesky factor has.
            u[i, i] = random.uniform(0.5, 2)
        }
        let x = try Matrix(rows: d, columns: k, columnMajor: (0..<(d * k)).map { _ in random.normal() })
        let c = Vector((0..<d).map { _ in random.normal() })
        return (u, x, c)
    }

    /// Runs the fused scorer; nil when this CPU has no fused kernel.
    static func fused(_ u: Matrix, _ x: Matrix, _ c: Vector, alpha: Double) throws -> (widths: [Double], scores: [Double], finite: Bool)? {
        var scratch = TriangularScoringScratch(dimension: u.rows)
        var widths = Vector(repeating: -1, count: x.columns), scores = Vector(repeating: -1, count: x.columns)
        guard let finite = try u.fusedTriangularScores(features: x, weights: c, alpha: alpha, scratch: &scratch, widths: &widths, into: &scores) else {
            #expect(widths == Vector(repeating: -1, count: x.columns) && scores == Vector(repeating: -1, count: x.columns), "unavailable, yet wrote")
            return nil
        }
        return (Array(widths.storage), Array(scores.storage), finite)
    }

    @Test("matches the plain-loop reference within 2× the derived bound, at every shape of block and group", arguments: [1, 2, 3, 4, 5, 7, 8, 9, 20, 33], [1, 2, 5, 11, 12, 13, 25, 50])
    func matchesReference(dimension d: Int, arms k: Int) throws {
        let alpha = 1.7
        let (u, x, c) = try Self.problem(dimension: d, arms: k, seed: UInt64(100 * d + k))
        guard let result = try Self.fused(u, x, c, alpha: alpha) else { return }
        #expect(result.finite)
        for a in 0..<k {
            // y_i = Σ_{j≤i} U_ji x_j, with t_i = Σ|U_ji x_j|.
            var y = [Double](repeating: 0, count: d), t = [Double](repeating: 0, count: d)
            for i in 0..<d {
                let (value, magnitude) = Reference.dot((0...i).map { u[$0, i] }, (0...i).map { x[$0, a] })
                y[i] = value
                t[i] = magnitude
            }
            let width = euclideanNorm(y)
            let mean = Reference.dot(c.storage, y).value
            let weighted = Reference.dot(c.storage.map(abs), t).value
            // Each method: |ŷ_i − y_i| ≤ γ_d t_i; the width within 3γ_{d+1}‖t‖ and the score
            // within 4γ_{d+2}(|c|ᵀt + α‖t‖) of the exact values (|y_i| ≤ t_i); two methods
            // differ by at most twice that.
            let widthBound = 2 * 3 * gamma(d + 1) * euclideanNorm(t)
            let scoreBound = 2 * 4 * gamma(d + 2) * (weighted + alpha * euclideanNorm(t))
            #expect(abs(result.widths[a] - width) <= widthBound, "d \(d) K \(k) arm \(a) width")
            #expect(abs(result.scores[a] - (mean + alpha * width)) <= scoreBound, "d \(d) K \(k) arm \(a) score")
        }
    }

    @Test("hand-solved: U = [2 1; 0 3], x = (1, 2), c = (1, −1), α = 2 give y = (2, 7), width √53, score −5 + 2√53")
    func handSolved() throws {
        let factor = try Matrix(rows: 2, columns: 2, columnMajor: [2, .nan, 1, 3])
        let x = try Matrix(rows: 2, columns: 1, columnMajor: [1, 2])
        guard let result = try Self.fused(factor, x, Vector([1, -1]), alpha: 2) else { return }
        // Every intermediate is an integer below 2⁵³, so only the square root (correctly
        // rounded) and the last multiply and add round: at most u·2√53 + u·|score|.
        let root = 53.0.squareRoot()
        #expect(result.widths[0] == root)
        #expect(abs(result.scores[0] - (-5 + 2 * root)) <= u * (2 * root + 10))
        #expect(result.finite)
    }

    @Test("each arm's bits depend on its own column alone, not on K, its position or its group; repeat calls agree", arguments: [3, 20])
    func perArmIndependence(dimension d: Int) throws {
        let k = 29
        let (u, x, c) = try Self.problem(dimension: d, arms: k, seed: 7)
        guard let all = try Self.fused(u, x, c, alpha: 0.5), let again = try Self.fused(u, x, c, alpha: 0.5) else { return }
        #expect(all.widths.map(\.bitPattern) == again.widths.map(\.bitPattern))
        #expect(all.scores.map(\.bitPattern) == again.scores.map(\.bitPattern))
        for a in [0, 5, 11, 12, 28] {
            let column = try Matrix(rows: d, columns: 1, columnMajor: (0..<d).map { x[$0, a] })
            let alone = try #require(try Self.fused(u, column, c, alpha: 0.5))
            #expect(alone.widths[0].bitPattern == all.widths[a].bitPattern, "arm \(a)")
            #expect(alone.scores[0].bitPattern == all.scores[a].bitPattern, "arm \(a)")
        }
    }

    @Test("a NaN or ±∞ feature makes its arm's score non-finite and the call report it; other arms keep their bits", arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteFeatures(bad: Double) throws {
        let d = 9, k = 14
        let (u, x, c) = try Self.problem(dimension: d, arms: k, seed: 3)
        guard let clean = try Self.fused(u, x, c, alpha: 1) else { return }
        for (row, arm) in [(0, 0), (8, 13), (4, 6)] {
            var poisoned = x
            poisoned[row, arm] = bad
            let result = try #require(try Self.fused(u, poisoned, c, alpha: 1))
            #expect(!result.finite)
            #expect(!result.scores[arm].isFinite, "row \(row) arm \(arm)")
            for a in 0..<k where a != arm {
                #expect(result.scores[a].bitPattern == clean.scores[a].bitPattern)
            }
        }
    }

    @Test("every mismatched shape is a typed error that writes nothing")
    func shapeErrors() throws {
        let (u, x, c) = try Self.problem(dimension: 4, arms: 3, seed: 1)
        var scratch = TriangularScoringScratch(dimension: 4), wrongScratch = TriangularScoringScratch(dimension: 5)
        let untouched = Vector([9, 9, 9])
        var widths = untouched, scores = untouched, shortWidths = Vector([9, 9]), shortScores = Vector([9, 9])
        let notSquare = Matrix(rows: 4, columns: 5, repeating: 1)
        let wrongRows = Matrix(rows: 5, columns: 3, repeating: 1)
        #expect(throws: LinearAlgebraError.self) { _ = try notSquare.fusedTriangularScores(features: x, weights: c, alpha: 1, scratch: &scratch, widths: &widths, into: &scores) }
        #expect(throws: LinearAlgebraError.self) { _ = try u.fusedTriangularScores(features: wrongRows, weights: c, alpha: 1, scratch: &scratch, widths: &widths, into: &scores) }
        #expect(throws: LinearAlgebraError.self) { _ = try u.fusedTriangularScores(features: x, weights: Vector([1, 2, 3]), alpha: 1, scratch: &scratch, widths: &widths, into: &scores) }
        #expect(throws: LinearAlgebraError.self) { _ = try u.fusedTriangularScores(features: x, weights: c, alpha: 1, scratch: &wrongScratch, widths: &widths, into: &scores) }
        #expect(throws: LinearAlgebraError.self) { _ = try u.fusedTriangularScores(features: x, weights: c, alpha: 1, scratch: &scratch, widths: &shortWidths, into: &scores) }
        #expect(throws: LinearAlgebraError.self) { _ = try u.fusedTriangularScores(features: x, weights: c, alpha: 1, scratch: &scratch, widths: &widths, into: &shortScores) }
        #expect(widths == untouched && scores == untouched && shortWidths == Vector([9, 9]) && shortScores == Vector([9, 9]))
        // The raw-columns form: the column storage must hold d values per width.
        var w = [9.0, 9, 9], sc = [9.0, 9, 9], shortSc = [9.0, 9]
        try x.withUnsafeBufferPointer { columns in
            try w.withUnsafeMutableBufferPointer { wp in
                try sc.withUnsafeMutableBufferPointer { sp in
                    #expect(throws: LinearAlgebraError.self) {
                        _ = try u.fusedTriangularScores(columns: UnsafeBufferPointer(rebasing: columns.dropLast()), weights: c, alpha: 1, scratch: &scratch, widths: wp, scores: sp)
                    }
                    try shortSc.withUnsafeMutableBufferPointer { shortSp in
                        #expect(throws: LinearAlgebraError.self) {
                            _ = try u.fusedTriangularScores(columns: columns, weights: c, alpha: 1, scratch: &scratch, widths: wp, scores: shortSp)
                        }
                    }
                }
            }
        }
        #expect(w == [9, 9, 9] && sc == [9, 9, 9] && shortSc == [9, 9])
    }

    @Test("the raw-columns form scores a slice as the matrix form scores the whole, bit for bit")
    func rawColumnsMatchMatrix() throws {
        let (u, x, c) = try Self.problem(dimension: 7, arms: 9, seed: 12)
        guard let whole = try Self.fused(u, x, c, alpha: 0.8) else { return }
        var scratch = TriangularScoringScratch(dimension: 7)
        var widths = [Double](repeating: -1, count: 4), scores = [Double](repeating: -1, count: 4)
        // Arms 3...6 as one slice of the storage.
        let finite = try x.withUnsafeBufferPointer { columns in
            try widths.withUnsafeMutableBufferPointer { wp in
                try scores.withUnsafeMutableBufferPointer { sp in
                    try u.fusedTriangularScores(columns: UnsafeBufferPointer(rebasing: columns[(3 * 7)..<(7 * 7)]), weights: c, alpha: 0.8, scratch: &scratch, widths: wp, scores: sp)
                }
            }
        }
        #expect(finite == true)
        #expect(widths.map(\.bitPattern) == whole.widths[3...6].map(\.bitPattern))
        #expect(scores.map(\.bitPattern) == whole.scores[3...6].map(\.bitPattern))
    }

    @Test("availability is decided once: the answer matches the result of a call")
    func availability() throws {
        let (u, x, c) = try Self.problem(dimension: 3, arms: 2, seed: 5)
        #expect((try Self.fused(u, x, c, alpha: 1) != nil) == Matrix.fusedTriangularScoresAvailable)
    }
}
