/// xoshiro256++ 1.0 (Blackman & Vigna, 2021, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4)), the library's general-purpose generator.
///
/// The library owns its generator instead of using the standard library's
/// `SystemRandomNumberGenerator` or `random(in:)`, whose algorithms may change between
/// toolchains: a seeded BanditKit run must give bit-identical results on every Swift version.
/// The whole state is four words, so a policy's snapshot includes it at no cost.
@frozen
public struct Xoshiro256PlusPlus: RandomNumberGenerator, Sendable, Hashable, Codable {
    /// The 256-bit state; never all zero.
    public var state: (UInt64, UInt64, UInt64, UInt64) {
        get { (s0, s1, s2, s3) }
        set { (s0, s1, s2, s3) = newValue }
    }

    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the state with four consecutive SplitMix64 outputs, as the authors recommend.
    @inlinable
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        s0 = expander.next()
        s1 = expander.next()
        s2 = expander.next()
        s3 = expander.next()
        // SplitMix64 is a bijection of distinct counters, so four zero outputs are impossible;
        // the guard documents the invariant the generator needs.
        if s0 | s1 | s2 | s3 == 0 { s0 = SplitMix64.increment }
    }

    /// Restores an exact state, e.g. from a snapshot.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for the all-zero state,
    ///   which is a fixed point of the generator.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) throws(BanditError) {
        guard state.0 | state.1 | state.2 | state.3 != 0 else {
            throw .invalidParameter(name: "state", value: "0", reason: "xoshiro256++ state must not be all zero")
        }
        (s0, s1, s2, s3) = state
    }

    @inlinable @inline(__always)
    static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s0 &+ s3, 23) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.s0 == rhs.s0 && lhs.s1 == rhs.s1 && lhs.s2 == rhs.s2 && lhs.s3 == rhs.s3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(s0); hasher.combine(s1); hasher.combine(s2); hasher.combine(s3)
    }

    private enum CodingKeys: String, CodingKey { case state }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([UInt64].self, forKey: .state)
        guard words.count == 4 else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container, debugDescription: "xoshiro256++ state needs 4 words, got \(words.count)")
        }
        do { try self.init(state: (words[0], words[1], words[2], words[3])) } catch {
            throw DecodingError.dataCorruptedError(forKey: .state, in: container, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode([s0, s1, s2, s3], forKey: .state)
    }
}
