import LinearAlgebra
import Testing

/// dgemv against plain loops.
///
/// Bound: each output is an inner product of length k (γₖ|op(A)||x|), then scaled by α, with
/// β·y added: two more roundings, so |ŷ − y| ≤ γ_{k+2}(|α||op(A)||x| + |β||y|) componentwise
/// (Higham §3.5) for the reference and for BLAS alike; they differ by at most twice that.
@Suite("gemv")
struct GemvTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        var rows: Int, columns: Int
        var testDescription: String { "\(rows)×\(columns)" }
    }

    static let shapes = [
        Shape(rows: 0, columns: 0), Shape(rows: 0, columns: 3), Shape(rows: 3, columns: 0),
        Shape(rows: 1, columns: 1), Shape(rows: 200, columns: 150),
    ]

    @Test(arguments: shapes, Transpose.allCases)
    func matchesReference(shape: Shape, op: Transpose) throws {
        var rng = SplitMix64(seed: 0x100 &+ UInt64(shape.rows * 1000 + shape.columns))
        let a = randomMatrix(shape.rows, shape.columns, &rng)
        let (m, k) = op == .noTranspose ? (shape.rows, shape.columns) : (shape.columns, shape.rows)
        let x = randomArray(k, &rng), y0 = randomArray(m, &rng)
        let alpha = rng.uniform(-2, 2), beta = rng.uniform(-2, 2)

        var y = Vector(y0)
        try a.gemv(op, alpha: alpha, x: Vector(x), beta: beta, into: &y)
        let reference = Reference.gemv(op, alpha: alpha, a, x, beta: beta, y0)
        let bound = 2 * gamma(k + 2)
        for i in 0..<m {
            #expect(abs(y[i] - reference.value[i]) <= bound * reference.magnitude[i])
        }

        let allocated = try a.gemv(op, alpha: alpha, x: Vector(x))
        let referenceNoBeta = Reference.gemv(op, alpha: alpha, a, x, beta: 0, y0)
        #expect(allocated.count == m)
        for i in 0..<m {
            #expect(abs(allocated[i] - referenceNoBeta.value[i]) <= bound * referenceNoBeta.magnitude[i])
        }
    }

    /// With β = 0 the previous contents of y must not matter, NaN included (BLAS specification).
    @Test(arguments: Transpose.allCases)
    func betaZeroIgnoresPreviousOutput(op: Transpose) throws {
        let a = try Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        let x = Vector(repeating: 1, count: op == .noTranspose ? 2 : 3)
        var y = Vector(repeating: .nan, count: op == .noTranspose ? 3 : 2)
        try a.gemv(op, x: x, into: &y)
        #expect(y == (op == .noTranspose ? Vector([3, 7, 11]) : Vector([9, 12])))
    }

    /// An empty inner dimension leaves only β·y, even with β ≠ 0.
    @Test func emptyInnerDimensionScalesOutput() throws {
        let a = Matrix(rows: 2, columns: 0, repeating: 0)
        var y = Vector([1, -2])
        try a.gemv(.noTranspose, alpha: 3, x: Vector([]), beta: 0.5, into: &y)
        #expect(y == Vector([0.5, -1]))
    }

    @Test func mismatchedShapesThrowAndLeaveOutputUnchanged() throws {
        let a = Matrix(rows: 3, columns: 2, repeating: 1)
        var y = Vector([7, 8, 9])
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "gemv x", expected: 2, actual: 3)) {
            try a.gemv(.noTranspose, x: Vector([1, 1, 1]), into: &y)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "gemv y", expected: 2, actual: 3)) {
            try a.gemv(.transpose, x: Vector([1, 1, 1]), into: &y)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "gemv x", expected: 3, actual: 2)) {
            try a.gemv(.transpose, x: Vector([1, 1]))
        }
        #expect(y == Vector([7, 8, 9]))
    }
}
