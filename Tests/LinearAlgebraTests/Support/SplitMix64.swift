import Foundation

/// Steele, Lea & Flood's SplitMix64 (OOPSLA 2014): a tiny, fully specified generator, so test
/// inputs are identical on every platform and toolchain (unlike `SystemRandomNumberGenerator`
/// or the standard library's `random(in:)` algorithms).
struct SplitMix64: RandomNumberGenerator {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [a, b).
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }

    /// Standard normal by Box–Muller (one of the pair; simplicity beats speed here).
    mutating func normal() -> Double {
        let u1 = 1 - unit() // (0, 1], so the logarithm is finite
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Uniform integer in `range` (the modulo bias is irrelevant for test data).
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
