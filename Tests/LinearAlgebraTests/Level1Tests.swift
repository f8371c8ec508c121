import LinearAlgebra
import Testing

/// Level-1 BLAS wrappers against plain loops.
///
/// Bounds: any summation order (BLAS kernels reorder freely) satisfies
/// |fl(xᵀy) − xᵀy| ≤ γₙ |x|ᵀ|y| (Higham (3.5)), so two implementations differ by at most twice
/// that. An axpy element fl(y + fl(αx)) is within γ₂(|αx| + |y|) of the exact value (one FMA
/// does better).
@Suite("Level-1 BLAS")
struct Level1Tests {
    static let sizes = [0, 1, 7, 200]

    @Test(arguments: sizes)
    func dotMatchesReference(n: Int) throws {
        var rng = SplitMix64(seed: 0x10 &+ UInt64(n))
        let x = randomArray(n, &rng), y = randomArray(n, &rng)
        let result = try Vector(x).dot(Vector(y))
        let reference = Reference.dot(x, y)
        #expect(abs(result - reference.value) <= 2 * gamma(max(n, 1)) * reference.magnitude)
        if n == 0 { #expect(result == 0) }
    }

    @Test(arguments: sizes)
    func norm2MatchesReference(n: Int) {
        var rng = SplitMix64(seed: 0x20 &+ UInt64(n))
        let x = randomArray(n, &rng)
        let reference = euclideanNorm(x)
        // The plain √(Σxᵢ²) is within (γₙ/2 + u)‖x‖; scaled dnrm2 variants spend at most two
        // extra roundings per element, within γ_{2n+2}‖x‖. Twice the larger covers both.
        #expect(abs(Vector(x).norm2 - reference) <= 2 * gamma(2 * n + 2) * reference)
        if n == 0 { #expect(Vector(x).norm2 == 0) }
    }

    /// dnrm2 must not overflow where the plain formula would (entries beyond ~1.3e154).
    @Test func norm2AvoidsOverflow() {
        let big = Vector([3e200, 4e200])
        let expected = 5e200
        #expect(abs(big.norm2 - expected) <= 2 * gamma(6) * expected)
        let tiny = Vector([3e-200, 4e-200])
        #expect(abs(tiny.norm2 - 5e-200) <= 2 * gamma(6) * 5e-200)
    }

    @Test(arguments: sizes)
    func axpyMatchesReference(n: Int) throws {
        var rng = SplitMix64(seed: 0x30 &+ UInt64(n))
        let x = randomArray(n, &rng), y = randomArray(n, &rng)
        let alpha = rng.uniform(-3, 3)
        var inPlace = Vector(y)
        try inPlace.add(Vector(x), scaledBy: alpha)
        let allocated = try Vector(y).adding(Vector(x), scaledBy: alpha)
        #expect(allocated == inPlace)
        for i in 0..<n {
            let exact = y[i] + alpha * x[i]
            #expect(abs(inPlace[i] - exact) <= 2 * gamma(2) * (abs(alpha * x[i]) + abs(y[i])))
        }
    }

    /// A product is correctly rounded, so dscal must agree with Swift's `*` bit for bit.
    @Test(arguments: sizes)
    func scaleIsExactlyElementwiseMultiplication(n: Int) {
        var rng = SplitMix64(seed: 0x40 &+ UInt64(n))
        let x = randomArray(n, &rng)
        let alpha = rng.uniform(-3, 3)
        var v = Vector(x)
        v.scale(by: alpha)
        #expect(v.storage == x.map { alpha * $0 })
        #expect(Vector(x).scaled(by: alpha) == v)
    }

    /// Scaling by zero keeps IEEE semantics whatever the installed OpenBLAS does.
    @Test func scaleByZeroPropagatesNaN() {
        var v = Vector([.nan, .infinity, -2, 3])
        v.scale(by: 0)
        #expect(v[0].isNaN)
        #expect(v[1].isNaN)
        #expect(v[2] == 0 && v[2].sign == .minus)
        #expect(v[3] == 0 && v[3].sign == .plus)
    }

    @Test func mismatchedCountsThrowAndLeaveOperandsUnchanged() {
        let x = Vector([1, 2, 3])
        var y = Vector([4, 5])
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "dot", expected: 2, actual: 3)) {
            try y.dot(x)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "axpy", expected: 2, actual: 3)) {
            try y.add(x, scaledBy: 2)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "axpy", expected: 2, actual: 3)) {
            try y.adding(x)
        }
        #expect(y == Vector([4, 5]))
    }
}
