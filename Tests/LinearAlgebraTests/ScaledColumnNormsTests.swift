import Testing
@testable import LinearAlgebra

/// `Matrix.addScaledColumnNorms` (the fused last pass of batched optimistic scoring) against
/// its definition from `columnSquaredNorms`, and `Vector.assign`.
@Suite("Scaled column norms and vector assignment")
struct ScaledColumnNormsTests {
    @Test("widths are √columnSquaredNorms and scores gain α·width, bit for bit; finiteness reported", arguments: [1, 3, 4, 9, 20], [5, 6])
    func fusedPass(rows: Int, columns: Int) throws {
        let alpha = 0.37
        var random = SplitMix64(seed: UInt64(rows * 10 + columns))
        let y = try Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in random.normal() })
        let before = Vector((0..<columns).map { _ in random.normal() })
        var squared = Vector(repeating: 0, count: columns)
        try y.columnSquaredNorms(into: &squared)
        var widths = Vector(repeating: -1, count: columns), scores = before
        #expect(try y.addScaledColumnNorms(alpha: alpha, widths: &widths, to: &scores))
        for j in 0..<columns {
            #expect(widths[j].bitPattern == squared[j].squareRoot().bitPattern)
            #expect(scores[j].bitPattern == (before[j] + alpha * squared[j].squareRoot()).bitPattern)
        }
        // A non-finite entry, or a finite one whose square overflows, in any column, shows in
        // the result.
        for bad in [Double.nan, .infinity, 1e300] {
            for column in 0..<columns {
                var poisoned = y
                poisoned[rows - 1, column] = bad
                var w = widths, s = before
                #expect(try !poisoned.addScaledColumnNorms(alpha: alpha, widths: &w, to: &s), "column \(column)")
            }
        }
        var short = Vector(repeating: 0, count: columns - 1)
        #expect(throws: LinearAlgebraError.self) { _ = try y.addScaledColumnNorms(alpha: alpha, widths: &short, to: &scores) }
    }

    @Test("assign copies every element in place and rejects a different count")
    func assign() throws {
        var target = Vector([1, 2, 3])
        try target.assign(Vector([4, -5, 6.5]))
        #expect(target == Vector([4, -5, 6.5]))
        #expect(throws: LinearAlgebraError.self) { try target.assign(Vector([1, 2])) }
        #expect(target == Vector([4, -5, 6.5]))
    }
}
