import Testing
@testable import LinearAlgebra

@Suite("Batched helpers for linear bandits")
struct BatchedOperationsTests {
    static func matrix(_ rows: Int, _ columns: Int, seed: Double) throws -> Matrix {
        try Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { ($0 % 7 == 0 ? -1 : 1) * (seed + Double($0)).squareRoot() / 3 })
    }

    @Test("lower-only rank-one update equals the mirrored one on the lower triangle, bit for bit")
    func lowerUpdate() throws {
        let n = 7
        let x = Vector((0..<n).map { 0.3 * Double($0) - 1 })
        var full = try Self.matrix(n, n, seed: 2).symmetricRankOneUpdated(Vector(repeating: 1, count: n))
        var lower = full
        try full.symmetricRankOneUpdate(x, alpha: 0.7)
        try lower.symmetricRankOneUpdateLower(x, alpha: 0.7)
        for j in 0..<n { for i in j..<n { #expect(lower[i, j].bitPattern == full[i, j].bitPattern) } }
        #expect(lower.mirroringLowerTriangle() == full)
        #expect(throws: LinearAlgebraError.self) { try lower.symmetricRankOneUpdateLower(Vector([1, 2])) }
    }

    @Test("column squared norms match a plain sum to rounding (d·ε relative)")
    func columnNorms() throws {
        for rows in [1, 3, 4, 9] {
            let m = try Self.matrix(rows, 5, seed: 1)
            var norms = Vector(repeating: 0, count: 5)
            try m.columnSquaredNorms(into: &norms)
            for j in 0..<5 {
                let naive = (0..<rows).reduce(0.0) { $0 + m[$1, j] * m[$1, j] }
                #expect(abs(norms[j] - naive) <= Double(rows) * Double.ulpOfOne * naive)
            }
        }
        var wrong = Vector(repeating: 0, count: 4)
        #expect(throws: LinearAlgebraError.self) { try Self.matrix(2, 5, seed: 1).columnSquaredNorms(into: &wrong) }
    }

    @Test("rank-k update equals beta·C + alpha·A Aᵀ from gemm and is exactly symmetric")
    func rankK() throws {
        let a = try Self.matrix(4, 6, seed: 3)
        var c = Matrix.identity(4)
        try c.symmetricRankKUpdate(a, alpha: 2, beta: 0.5)
        let product = try Matrix.gemm(.noTranspose, a, .transpose, a, alpha: 2)
        for i in 0..<4 {
            for j in 0..<4 {
                let expected = (i == j ? 0.5 : 0) + product[i, j]
                #expect(abs(c[i, j] - expected) <= 16 * Double.ulpOfOne * (1 + abs(expected)))
                #expect(c[i, j].bitPattern == c[j, i].bitPattern)
            }
        }
        var target = Matrix(rows: 2, columns: 3, repeating: 0)
        try [1.0, 2, 3, 4, 5, 6].withUnsafeBufferPointer { (source) throws(LinearAlgebraError) in try target.assign(columnMajor: source) }
        #expect(target[1, 2] == 6)
    }
}
