import CLinearKernels
import Foundation
import Testing

/// The four-lane plane rotation of the rank-one Cholesky update: its bits must equal the scalar
/// expression's, entry by entry, because the factor's last bits are pinned state.
@Suite("Plane rotation kernel")
struct PlaneRotationTests {
    @Test("(a, b) ← (c·a + s·b, c·b − s·a) bit for bit with the scalar expression, every length and tail", arguments: Array(0...13) + [40, 101])
    func matchesScalar(length n: Int) {
        var random = SplitMix64(seed: UInt64(n) + 1)
        // Magnitudes spread over many binades, so that a fused multiply-add (one rounding
        // instead of three) would show in the last bits.
        var a = (0..<n).map { _ in random.normal() * Double(sign: .plus, exponent: Int(random.next() % 40) - 20, significand: 1) }
        var b = (0..<n).map { _ in random.normal() * Double(sign: .plus, exponent: Int(random.next() % 40) - 20, significand: 1) }
        let angle = random.uniform(0, 6.3)
        let c = angle.cosine, s = angle.sine
        let expectedA = zip(a, b).map { c * $0 + s * $1 }
        let expectedB = zip(a, b).map { c * $1 - s * $0 }
        let (originalA, originalB) = (a, b)
        let ran = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in banditkit_rotate(ap.baseAddress, bp.baseAddress, n, c, s) }
        }
        #expect((ran != 0) == (banditkit_rotate_available() != 0))
        if ran != 0 {
            #expect(a.map(\.bitPattern) == expectedA.map(\.bitPattern))
            #expect(b.map(\.bitPattern) == expectedB.map(\.bitPattern))
        } else {
            #expect(a == originalA && b == originalB)
        }
    }
}

private extension Double {
    var cosine: Double { Foundation.cos(self) }
    var sine: Double { Foundation.sin(self) }
}
