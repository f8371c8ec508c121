import LinearAlgebra
import Testing

/// Layout, construction and value semantics of `Vector` and `Matrix`.
@Suite("Vector and Matrix values")
struct ValueTypeTests {
    @Test func vectorBasics() {
        var v = Vector(repeating: 1.5, count: 3)
        #expect(v.count == 3 && v.storage == [1.5, 1.5, 1.5])
        v[1] = -2
        #expect(v == [1.5, -2, 1.5])
        #expect(Array(v.map { $0 * 2 }) == [3, -4, 3])
        #expect(Vector([]).isEmpty && Vector(repeating: 0, count: 0).count == 0)
        v.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = Double(i) }
        }
        #expect(v == [0, 1, 2])
    }

    @Test func matrixIsColumnMajor() throws {
        var m = try Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.storage == [1, 4, 2, 5, 3, 6])
        #expect(m[1, 0] == 4 && m[0, 2] == 3)
        m[1, 2] = 60
        #expect(m.storage[1 + 2 * 2] == 60)
        #expect(try Matrix(rows: 2, columns: 3, columnMajor: [1, 4, 2, 5, 3, 60]) == m)
    }

    @Test func identityAndEmptyShapes() throws {
        #expect(Matrix.identity(3).storage == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Matrix.identity(0).storage.isEmpty)
        let empty = try Matrix(rowMajor: [])
        #expect(empty.rows == 0 && empty.columns == 0)
        let noColumns = try Matrix(rowMajor: [[], []])
        #expect(noColumns.rows == 2 && noColumns.columns == 0)
        #expect(Matrix(rows: 0, columns: 5, repeating: 1).storage.isEmpty)
    }

    @Test func malformedMatricesThrow() {
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "Matrix(rowMajor:) row 1", expected: 2, actual: 3)) {
            try Matrix(rowMajor: [[1, 2], [3, 4, 5]])
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "Matrix(rows:columns:columnMajor:) storage", expected: 6, actual: 5)) {
            try Matrix(rows: 2, columns: 3, columnMajor: [1, 2, 3, 4, 5])
        }
    }

    /// Copies are independent: mutating one (even through a raw buffer) never shows in another.
    @Test func copiesAreIndependent() throws {
        let original = try Matrix(rowMajor: [[1, 2], [3, 4]])
        var copy = original
        copy[0, 0] = 9
        copy.withUnsafeMutableBufferPointer { $0[3] = -1 }
        #expect(original == (try Matrix(rowMajor: [[1, 2], [3, 4]])))
        let vector = Vector([1, 2])
        var vectorCopy = vector
        vectorCopy.scale(by: 3)
        #expect(vector == [1, 2])
    }

    @Test func errorsDescribeThemselves() {
        let error = LinearAlgebraError.notPositiveDefinite(leadingMinor: 3)
        #expect(error.description.contains("3"))
        #expect(LinearAlgebraError.dimensionMismatch(operation: "dot", expected: 2, actual: 3).description.contains("dot"))
    }
}
