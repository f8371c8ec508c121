import Testing
@testable import LinearAlgebra

@Suite("Symmetric inverse square root (dsyevd)")
struct SymmetricInverseSquareRootTests {
    @Test("hand-solved 2 × 2: A = [[5, 3], [3, 5]] has eigenvalues 8 and 2 on (1, ±1)/√2")
    func handSolved() throws {
        // A^{−1/2} = Q diag(8^{−1/2}, 2^{−1/2}) Qᵀ: diagonal (8^{−1/2} + 2^{−1/2})/2, off-diagonal
        // (8^{−1/2} − 2^{−1/2})/2.
        var workspace = SymmetricInverseSquareRoot(dimension: 2)
        try workspace.compute(fromLower: Matrix(rowMajor: [[5, 3], [3, 5]]))
        let (small, large) = (1 / 8.0.squareRoot(), 1 / 2.0.squareRoot())
        #expect(abs(workspace.root[0, 0] - (small + large) / 2) < 1e-15)
        #expect(abs(workspace.root[1, 0] - (small - large) / 2) < 1e-15)
        #expect(workspace.root[0, 1].bitPattern == workspace.root[1, 0].bitPattern)
        #expect(abs(workspace.eigenvalues[0] - 2) < 1e-14 && abs(workspace.eigenvalues[1] - 8) < 1e-14)
    }

    @Test("R·A·R = I for a random SPD matrix read from its lower triangle only")
    func identity() throws {
        let n = 6
        var a = Matrix(rows: n, columns: n, repeating: 0)
        for i in 0..<n { a[i, i] = 0.5 }
        for k in 0..<10 {
            try a.symmetricRankOneUpdate(Vector((0..<n).map { Double(($0 * 7 + k * 3) % 11) / 11 - 0.4 }))
        }
        var lowerOnly = a
        for j in 1..<n { for i in 0..<j { lowerOnly[i, j] = .nan } }  // never read
        var workspace = SymmetricInverseSquareRoot(dimension: n)
        try workspace.compute(fromLower: lowerOnly)
        let product = try Matrix.gemm(.noTranspose, Matrix.gemm(.noTranspose, workspace.root, .noTranspose, a), .noTranspose, workspace.root)
        for i in 0..<n { for j in 0..<n { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-12) } }
    }

    @Test("non-finite, indefinite or mis-shaped input throws and keeps the previous root")
    func errors() throws {
        var workspace = SymmetricInverseSquareRoot(dimension: 2)
        try workspace.compute(fromLower: Matrix(rowMajor: [[4, 0], [0, 9]]))
        let root = workspace.root
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 1)) {
            try workspace.compute(fromLower: Matrix(rowMajor: [[1, 0], [2, 1]]))
        }
        #expect(throws: LinearAlgebraError.nonFinite(operation: "SymmetricInverseSquareRoot")) {
            try workspace.compute(fromLower: Matrix(rowMajor: [[1, 0], [.infinity, 1]]))
        }
        #expect(throws: LinearAlgebraError.self) { try workspace.compute(fromLower: Matrix.identity(3)) }
        #expect(workspace.root == root)
        #expect(abs(root[0, 0] - 0.5) < 1e-15 && abs(root[1, 1] - 1.0 / 3) < 1e-15)
    }

    @Test("multiply(columns:of:into:) equals gemm on the leading columns and leaves the rest alone")
    func bufferProduct() throws {
        let a = try Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        let b: [Double] = [1, 0, 0, 1, 2, -1, 99, 99]  // three columns used, then padding
        var product = [Double](repeating: -7, count: 12)
        try b.withUnsafeBufferPointer { source in
            try product.withUnsafeMutableBufferPointer { try a.multiply(columns: 3, of: source, into: $0) }
        }
        #expect(product == [1, 3, 5, 2, 4, 6, 0, 2, 4, -7, -7, -7])
        #expect(throws: LinearAlgebraError.self) {
            try b.withUnsafeBufferPointer { source in
                try product.withUnsafeMutableBufferPointer { try a.multiply(columns: 5, of: source, into: $0) }
            }
        }
    }
}
