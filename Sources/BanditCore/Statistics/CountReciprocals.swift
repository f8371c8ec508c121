import RealModule

/// 1/n and 1/√n for whole counts n, tabulated for small n.
///
/// Recording a reward needs both for the pulled arm; a division and a square root sit on the
/// critical path of every simulated round (the next decision reads the updated mean), so for
/// counts below ``tableSize`` they are read from a table computed once per process — with the
/// same expressions, so the values are bit-identical to computing them.
public struct CountReciprocals: @unchecked Sendable, Hashable {
    /// Counts below this use the table.
    public static let tableSize = 1 << 16

    /// Interleaved (1/n, 1/√n) for n in 0..<tableSize (entry 0 is unused).
    @usableFromInline let table: UnsafePointer<Double>
    /// ln n for n in 0..<tableSize (entry 0 is −∞).
    @usableFromInline let logarithms: UnsafePointer<Double>

    /// Built once per process and never freed, so reading it involves no reference counting.
    public static let shared = CountReciprocals()

    /// Every instance holds the same values, so all compare equal: a statistics value that
    /// carries a reference to the tables hashes and compares by its own data only.
    public static func == (lhs: Self, rhs: Self) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}

    init() {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: 2 * Self.tableSize)
        table[0] = .infinity
        table[1] = .infinity
        for n in 1..<Self.tableSize {
            table[2 * n] = 1 / Double(n)
            table[2 * n + 1] = 1 / Double(n).squareRoot()
        }
        self.table = UnsafePointer(table)
        let logarithms = UnsafeMutablePointer<Double>.allocate(capacity: Self.tableSize)
        for n in 0..<Self.tableSize { logarithms[n] = Double.log(Double(n)) }
        self.logarithms = UnsafePointer(logarithms)
    }

    /// ln n for a whole n ≥ 0 — the exploration term of most index policies, tabulated for the
    /// same reason as the reciprocals.
    @inlinable @inline(__always)
    public func logarithm(of n: Int) -> Double {
        n < Self.tableSize ? logarithms[n] : Double.log(Double(n))
    }

    /// (1/n, 1/√n) for a count n ≥ 1 stored as a `Double`.
    @inlinable @inline(__always)
    public func reciprocals(of count: Double) -> (inverse: Double, inverseRoot: Double) {
        // Adding 2⁵² puts a whole number 0 ≤ n < 2⁵² in the significand's low bits exactly: the
        // index without `Int(_:)`'s range traps, which cost more than the lookup saves. A count
        // that is not a whole number in the table's range takes the computed path.
        let shifted = count + 0x1p52
        if count >= 0 && count < Double(Self.tableSize) && shifted - 0x1p52 == count {
            let n = Int(truncatingIfNeeded: shifted.bitPattern & UInt64(Self.tableSize - 1))
            return (table[2 &* n], table[2 &* n &+ 1])
        }
        return (1 / count, 1 / count.squareRoot())
    }
}
