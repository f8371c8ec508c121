/// SplitMix64, the generator Steele, Lea and Flood (2014) built into Java 8's `SplittableRandom`.
///
/// BanditKit uses it for two things only: expanding a 64-bit seed into the 256-bit state of
/// ``Xoshiro256PlusPlus`` (as Blackman and Vigna recommend), and as a *counter-based* stream
/// (``mix(_:)`` applied to `key + n·γ`) for rewards keyed by `(round, arm)`, which is what gives
/// common random numbers across policies.
@frozen
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
    /// The Weyl-sequence increment γ = ⌊2⁶⁴/φ⌋, odd.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The current position of the Weyl sequence.
    public var state: UInt64

    /// Creates a generator whose first output is `mix(seed &+ increment)`.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// The SplitMix64 finaliser (Stafford's "Mix13" variant): a bijection on 64-bit words with
    /// full avalanche, so consecutive counters give statistically independent outputs.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }
}
