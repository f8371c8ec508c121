import LinearAlgebra
import Testing

/// dsyr with the mirrored upper triangle.
///
/// Bound: each entry is fl(aᵢⱼ + fl(fl(αxᵢ)xⱼ)) in some association, three roundings, so it is
/// within γ₃(|aᵢⱼ| + |α||xᵢ||xⱼ|) of the exact value; two implementations differ by twice that.
@Suite("Symmetric rank-one update")
struct SymmetricRankOneUpdateTests {
    @Test(arguments: [0, 1, 200])
    func matchesReference(n: Int) throws {
        var rng = SplitMix64(seed: 0x300 &+ UInt64(n))
        let a = randomSymmetric(n, &rng)
        let x = randomArray(n, &rng)
        let alpha = rng.uniform(-2, 2)
        var updated = a
        try updated.symmetricRankOneUpdate(Vector(x), alpha: alpha)
        let reference = Reference.rankOneUpdate(a, alpha: alpha, x)
        var worst = 0.0
        for i in updated.storage.indices {
            worst = max(worst, abs(updated.storage[i] - reference.value[i]) - 2 * gamma(3) * reference.magnitude[i])
        }
        #expect(worst <= 0)
        #expect(try a.symmetricRankOneUpdated(Vector(x), alpha: alpha) == updated)
    }

    /// After many updates A[i, j] and A[j, i] must be the same bits, not merely close: later
    /// code (Cholesky, symmetric kernels) is entitled to read either triangle.
    @Test func staysBitwiseSymmetricOverManyUpdates() throws {
        var rng = SplitMix64(seed: 0x310)
        let n = 120
        var a = randomSymmetric(n, &rng)
        for _ in 0..<50 {
            try a.symmetricRankOneUpdate(randomVector(n, &rng), alpha: rng.uniform(-1, 1))
        }
        var asymmetricPairs = 0
        for j in 0..<n {
            for i in (j + 1)..<n where a[i, j].bitPattern != a[j, i].bitPattern {
                asymmetricPairs += 1
            }
        }
        #expect(asymmetricPairs == 0)
    }

    @Test func mismatchedShapesThrowAndLeaveMatrixUnchanged() {
        let before = Matrix(rows: 3, columns: 3, repeating: 1)
        var a = before
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "symmetricRankOneUpdate x", expected: 3, actual: 2)) {
            try a.symmetricRankOneUpdate(Vector([1, 2]))
        }
        var rectangular = Matrix(rows: 3, columns: 2, repeating: 1)
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "symmetricRankOneUpdate square", expected: 3, actual: 2)) {
            try rectangular.symmetricRankOneUpdate(Vector([1, 2, 3]))
        }
        #expect(a == before)
        #expect(rectangular == Matrix(rows: 3, columns: 2, repeating: 1))
    }
}
