/// What a random stream is used for. Streams with different purposes are independent, which is
/// what lets two policies in the same repetition see the same rewards (common random numbers)
/// while each keeps its own randomness.
public enum StreamPurpose: Sendable, Hashable {
    /// Rewards drawn by the environment, keyed by round and arm.
    case environment
    /// The problem instance itself when it is drawn per repetition (Bayesian instances).
    case instance
    /// A policy's own randomness, keyed by its specification so that adding another policy to a
    /// run never changes this one's draws.
    case policy(String)
    /// Anything else a caller needs, keyed by a number.
    case custom(UInt64)

    @usableFromInline var tag: UInt64 {
        switch self {
        case .environment: return 0x656E_7669_726F_6E00  // "environ"
        case .instance: return 0x696E_7374_616E_6365  // "instance"
        case .policy(let name): return StableHash.fnv1a(name) ^ 0x706F_6C69_6379_0000
        case .custom(let value): return SplitMix64.mix(value ^ 0x6375_7374_6F6D_0000)
        }
    }
}

/// Derives independent random streams from a master seed: one per (repetition, purpose).
///
/// Derivation hashes the triple through the SplitMix64 finaliser, so streams of neighbouring
/// repetitions or seeds are unrelated, and a repetition's results depend on its index only —
/// never on which thread ran it or how many repetitions ran before it.
@frozen
public struct RandomStreams: Sendable, Hashable, Codable {
    /// The seed the user chose (or that was drawn and printed for them).
    public let masterSeed: UInt64

    @inlinable
    public init(masterSeed: UInt64) { self.masterSeed = masterSeed }

    /// The 64-bit key of one stream.
    @inlinable
    public func key(repetition: Int, purpose: StreamPurpose) -> UInt64 {
        var key = SplitMix64.mix(masterSeed &+ SplitMix64.increment)
        key = SplitMix64.mix(key ^ (UInt64(bitPattern: Int64(repetition)) &* 0xD1B5_4A32_D192_ED03))
        key = SplitMix64.mix(key ^ purpose.tag)
        return key
    }

    /// A sequential generator for one stream.
    @inlinable
    public func generator(repetition: Int, purpose: StreamPurpose) -> Xoshiro256PlusPlus {
        Xoshiro256PlusPlus(seed: key(repetition: repetition, purpose: purpose))
    }

    /// A counter-based stream for one repetition's rewards: the draw for `(round, arm)` does not
    /// depend on which arms were pulled before, which is what common random numbers need.
    @inlinable
    public func rewardStream(repetition: Int) -> CounterStream {
        CounterStream(key: key(repetition: repetition, purpose: .environment))
    }
}

/// A counter-based random stream: `generator(round:slot:)` returns a fresh SplitMix64 whose
/// outputs depend only on the key and the (round, slot) pair.
///
/// Rewards are drawn through it, so policy A and policy B see the same reward when they pull the
/// same arm in the same round of the same repetition, however their histories differ.
@frozen
public struct CounterStream: Sendable, Hashable, Codable {
    /// The stream's key, derived from (seed, repetition, purpose).
    public let key: UInt64

    @inlinable
    public init(key: UInt64) { self.key = key }

    /// The generator for one (round, slot) cell; slots number arms (or any per-round outcome).
    @inlinable @inline(__always)
    public func generator(round: Int, slot: Int) -> SplitMix64 {
        let cell = (UInt64(truncatingIfNeeded: round) << 20) ^ UInt64(truncatingIfNeeded: slot)
        // Distinct cells give distinct seeds (odd multiplier, xor: both bijections), and
        // SplitMix64 mixes its seed on every output, so no extra finaliser is needed here.
        return SplitMix64(seed: key ^ (cell &* 0x9FB2_1C65_1E98_DF25))
    }
}

/// Hashes that must not change between runs or toolchains (unlike `Hasher`, which is seeded
/// per process).
public enum StableHash {
    /// 64-bit FNV-1a over the UTF-8 bytes.
    @inlinable
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
