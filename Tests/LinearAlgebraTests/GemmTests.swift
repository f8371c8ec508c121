import LinearAlgebra
import Testing

/// dgemm against a triple loop.
///
/// Bound: as for gemv, |Ĉ − C| ≤ γ_{k+2}(|α||op(A)||op(B)| + |β||C|) componentwise for any
/// conventional (non-Strassen) kernel, so BLAS and the reference differ by at most twice that.
@Suite("gemm")
struct GemmTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        var m: Int, n: Int, k: Int
        var testDescription: String { "m=\(m) n=\(n) k=\(k)" }
    }

    static let shapes = [
        Shape(m: 0, n: 0, k: 0), Shape(m: 0, n: 3, k: 2), Shape(m: 3, n: 0, k: 2),
        Shape(m: 3, n: 2, k: 0), Shape(m: 1, n: 1, k: 1), Shape(m: 200, n: 60, k: 90),
    ]

    static let operations: [(Transpose, Transpose)] = [
        (.noTranspose, .noTranspose), (.noTranspose, .transpose),
        (.transpose, .noTranspose), (.transpose, .transpose),
    ]

    @Test(arguments: shapes)
    func matchesReference(shape: Shape) throws {
        for (opA, opB) in Self.operations {
            var rng = SplitMix64(seed: 0x200 &+ UInt64(shape.m * 10_000 + shape.n * 100 + shape.k))
            let a = opA == .noTranspose ? randomMatrix(shape.m, shape.k, &rng) : randomMatrix(shape.k, shape.m, &rng)
            let b = opB == .noTranspose ? randomMatrix(shape.k, shape.n, &rng) : randomMatrix(shape.n, shape.k, &rng)
            let c0 = randomMatrix(shape.m, shape.n, &rng)
            let alpha = rng.uniform(-2, 2), beta = rng.uniform(-2, 2)

            var c = c0
            try Matrix.gemm(opA, a, opB, b, alpha: alpha, beta: beta, into: &c)
            let reference = Reference.gemm(opA, a, opB, b, alpha: alpha, beta: beta, c0)
            let bound = 2 * gamma(shape.k + 2)
            var worst = 0.0
            for i in c.storage.indices {
                worst = max(worst, abs(c.storage[i] - reference.value[i]) - bound * reference.magnitude[i])
            }
            #expect(worst <= 0, "opA=\(opA) opB=\(opB)")

            let allocated = try Matrix.gemm(opA, a, opB, b, alpha: alpha)
            let referenceNoBeta = Reference.gemm(opA, a, opB, b, alpha: alpha, beta: 0, c0)
            #expect(allocated.rows == shape.m && allocated.columns == shape.n)
            var worstAllocated = 0.0
            for i in allocated.storage.indices {
                worstAllocated = max(worstAllocated, abs(allocated.storage[i] - referenceNoBeta.value[i]) - bound * referenceNoBeta.magnitude[i])
            }
            #expect(worstAllocated <= 0, "opA=\(opA) opB=\(opB)")
        }
    }

    /// With β = 0 the previous contents of C must not matter, NaN included.
    @Test func betaZeroIgnoresPreviousOutput() throws {
        let a = try Matrix(rowMajor: [[1, 2], [3, 4]])
        var c = Matrix(rows: 2, columns: 2, repeating: .nan)
        try Matrix.gemm(.noTranspose, a, .transpose, a, into: &c)
        #expect(c == (try Matrix(rowMajor: [[5, 11], [11, 25]])))
    }

    /// An empty inner dimension leaves only β·C.
    @Test func emptyInnerDimensionScalesOutput() throws {
        let a = Matrix(rows: 2, columns: 0, repeating: 0)
        let b = Matrix(rows: 0, columns: 2, repeating: 0)
        var c = try Matrix(rowMajor: [[1, 2], [3, 4]])
        try Matrix.gemm(.noTranspose, a, .noTranspose, b, alpha: 5, beta: -1, into: &c)
        #expect(c == (try Matrix(rowMajor: [[-1, -2], [-3, -4]])))
    }

    @Test func mismatchedShapesThrowAndLeaveOutputUnchanged() throws {
        let a = Matrix(rows: 3, columns: 2, repeating: 1)
        let b = Matrix(rows: 4, columns: 5, repeating: 1)
        let before = Matrix(rows: 3, columns: 5, repeating: 7)
        var c = before
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "gemm inner dimension", expected: 2, actual: 4)) {
            try Matrix.gemm(.noTranspose, a, .noTranspose, b, into: &c)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "gemm c rows", expected: 2, actual: 3)) {
            try Matrix.gemm(.transpose, a, .transpose, Matrix(rows: 5, columns: 3, repeating: 1), into: &c)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "gemm c columns", expected: 4, actual: 5)) {
            try Matrix.gemm(.noTranspose, a, .noTranspose, Matrix(rows: 2, columns: 4, repeating: 1), into: &c)
        }
        #expect(c == before)
    }
}
