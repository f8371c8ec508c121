import BanditCore

/// How many of the n arms a fixed-budget policy considers.
public enum ArmSubsetSize: Sendable, Hashable {
    /// Every arm.
    case all
    /// m arms drawn uniformly at random without replacement (clamped to n).
    case fixed(Int)
    /// The largest power of two m ≤ n with m·⌈log₂ m⌉ ≤ T: the most arms Sequential Halving
    /// can sample at least once in its first round (Karnin, Koren & Somekh 2013, Algorithm 1,
    /// tᵣ = ⌊T/(|Sᵣ|⌈log₂ m⌉)⌋ ≥ 1) — the usual "SH on a random subset" baseline of the
    /// data-poor regime T ≤ n (Zhao, Stephens, Szepesvári & Jun 2023, §5).
    case budgetLimited

    /// The number of arms for `armCount` arms and a budget.
    public func count(armCount: Int, budget: Int) -> Int {
        switch self {
        case .all: return armCount
        case .fixed(let m): return Swift.min(Swift.max(m, 1), armCount)
        case .budgetLimited:
            var m = 1
            while 2 * m <= armCount && (2 * m) * ceilingLog2(2 * m) <= budget { m *= 2 }
            return m
        }
    }

    /// The arms a fixed-budget policy over `armCount` arms and `budget` samples considers, in
    /// the random order that also breaks its ties: the argument checks and the subset draw the
    /// fixed-budget policies share.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming `armCount`, `budget`
    ///   or `subset`.
    public func candidates(armCount: Int, budget: Int, seed: UInt64) throws(BanditError) -> [Int] {
        guard armCount >= 1 else { throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "must be ≥ 1") }
        guard budget >= 1 else { throw .invalidParameter(name: "budget", value: "\(budget)", reason: "must be ≥ 1") }
        if case .fixed(let m) = self, m < 1 {
            throw .invalidParameter(name: "subset", value: "\(m)", reason: "must be ≥ 1")
        }
        var generator = Xoshiro256PlusPlus(seed: seed)
        return randomArmOrder(armCount: armCount, count: count(armCount: armCount, budget: budget), using: &generator)
    }

    /// Parses the catalog's `subset` parameter: `all`, `auto` or a positive integer.
    public init(parameter text: String) throws(BanditError) {
        switch text.lowercased() {
        case "all": self = .all
        case "auto": self = .budgetLimited
        default:
            guard let m = Int(text), m >= 1 else {
                throw .invalidParameter(name: "subset", value: text, reason: "expected all, auto or a whole number ≥ 1")
            }
            self = .fixed(m)
        }
    }
}

/// ⌈log₂ m⌉ for m ≥ 1 (0 for m = 1): Sequential Halving's number of rounds.
@inlinable
public func ceilingLog2(_ m: Int) -> Int {
    precondition(m >= 1, "ceilingLog2 needs m ≥ 1")
    return m == 1 ? 0 : Int.bitWidth - (m - 1).leadingZeroBitCount
}

/// Draws the arms a pure-exploration policy works on: `count` distinct arms of `0..<armCount`
/// in uniformly random order.
///
/// The order matters as much as the set: policies break ties in favour of the earlier position,
/// so a random order makes every tie-break uniformly random without further draws (a fixed
/// order would favour arm 0 — often the best arm of a test instance). Memory is O(count), never
/// O(armCount) unless every arm is wanted: Floyd's algorithm (Bentley & Floyd 1987, "Programming
/// pearls: a sample of brilliance", CACM 30(9)) picks the set, then a Fisher–Yates shuffle
/// orders it. The set is only used for membership, so the result does not depend on hashing.
public func randomArmOrder<G: RandomNumberGenerator>(armCount: Int, count: Int, using generator: inout G) -> [Int] {
    precondition(count >= 0 && count <= armCount, "randomArmOrder: count out of range")
    var arms: [Int]
    if count == armCount {
        arms = Array(0..<armCount)
    } else {
        arms = []
        arms.reserveCapacity(count)
        var chosen = Set<Int>(minimumCapacity: count)
        for j in (armCount - count)..<armCount {
            let candidate = generator.nextIndex(below: j + 1)
            let pick = chosen.contains(candidate) ? j : candidate
            chosen.insert(pick)
            arms.append(pick)
        }
    }
    var index = arms.count - 1
    while index > 0 {
        let other = generator.nextIndex(below: index + 1)
        arms.swapAt(index, other)
        index -= 1
    }
    return arms
}
