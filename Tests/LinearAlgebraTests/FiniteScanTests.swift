import Testing
@testable import LinearAlgebra

/// `Matrix.allEntriesFinite`: the scan that certifies a round's features. One bad value at any
/// position of any length (vector body or scalar tail) must be found; extreme finite values
/// must not be mistaken for bad ones.
@Suite("Finite scan")
struct FiniteScanTests {
    @Test("one NaN or ±∞ anywhere is found; the largest, smallest and subnormal finite values pass", arguments: Array(0...19) + [33, 64, 1_000])
    func findsEveryBadValue(count n: Int) throws {
        var random = SplitMix64(seed: UInt64(n) + 5)
        let extremes = [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0]
        let values = (0..<n).map { i in i % 7 == 3 ? extremes[i % extremes.count] : random.normal() }
        #expect(try Matrix(rows: n, columns: 1, columnMajor: values).allEntriesFinite)
        for bad in [Double.nan, .infinity, -.infinity, .signalingNaN] {
            for position in 0..<n {
                var poisoned = values
                poisoned[position] = bad
                #expect(try !Matrix(rows: n, columns: 1, columnMajor: poisoned).allEntriesFinite, "\(bad) at \(position) of \(n)")
            }
        }
    }
}
