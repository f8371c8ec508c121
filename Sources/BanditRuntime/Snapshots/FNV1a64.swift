/// The 64-bit FNV-1a hash (Fowler, Noll & Vo; IETF draft-eastlake-fnv): a dependency-free
/// checksum that detects the bit flips and truncations a stored snapshot can suffer. It is not
/// a cryptographic authenticator — snapshots are trusted data that may be damaged, not forged.
enum FNV1a64 {
    static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `fnv1a64:` followed by 16 lower-case hex digits.
    static func tag<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let hex = String(hash(bytes), radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
