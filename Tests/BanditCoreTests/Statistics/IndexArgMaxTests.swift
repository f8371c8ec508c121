import Testing
@testable import BanditCore

/// `IndexArgMax.firstMaximum` must choose exactly what a plain left-to-right scan with a strict
/// comparison chooses (the policies' documented tie rule), for every length and tie pattern.
@Suite("Index arg-max")
struct IndexArgMaxTests {
    /// The reference: one index at a time, the first strictly larger value wins.
    static func plainScan(means: [Double], widths: [Double], scale: Double) -> Int {
        var best = 0
        var bestValue = -Double.infinity
        for i in means.indices {
            let value = means[i] + scale * widths[i]
            if value > bestValue { bestValue = value; best = i }
        }
        return best
    }

    @Test("matches the plain scan on random columns, K = 1…17, with and without ties", arguments: 1...17)
    func matchesPlainScan(armCount: Int) {
        var generator = Xoshiro256PlusPlus(seed: UInt64(armCount))
        for trial in 0..<2_000 {
            // Every third trial draws from a handful of values, so exact ties (also between the
            // two lanes and with the odd tail element) are common.
            let coarse = trial % 3 == 0
            let means = (0..<armCount).map { _ in coarse ? Double(generator.next() % 3) / 2 : generator.nextUniform() }
            let widths = (0..<armCount).map { _ in coarse ? Double(generator.next() % 2) : generator.nextUniform() }
            let scale = coarse ? Double(generator.next() % 2) : 3 * generator.nextUniform()
            let chosen = means.withUnsafeBufferPointer { m in
                widths.withUnsafeBufferPointer { w in IndexArgMax.firstMaximum(means: m, widths: w, scale: scale) }
            }
            #expect(chosen == Self.plainScan(means: means, widths: widths, scale: scale), "means \(means) widths \(widths) scale \(scale)")
        }
    }

    @Test("all-equal indices choose arm 0; infinite widths (unpulled arms) are handled")
    func edgeCases() {
        func choose(_ means: [Double], _ widths: [Double], _ scale: Double) -> Int {
            means.withUnsafeBufferPointer { m in widths.withUnsafeBufferPointer { w in IndexArgMax.firstMaximum(means: m, widths: w, scale: scale) } }
        }
        #expect(choose([0.5, 0.5, 0.5, 0.5, 0.5], [1, 1, 1, 1, 1], 2) == 0)
        #expect(choose([0, 0, 0.2], [1, .infinity, .infinity], 1) == 1)
        #expect(choose([-0.0, 0.0, 0.0], [0, 0, 0], 1) == 0)
        #expect(choose([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [Double](repeating: 0, count: 11), 1) == 10)
        // NaN indices (a forged snapshot can make the scale NaN) are skipped as the scan skips
        // them, and the answer is always a valid index.
        for means in [[Double.nan, 0.3, .nan, 0.5, .nan], [.nan, .nan, .nan, .nan], [.nan, .nan, .nan], [.nan, .nan, 0.1]] {
            let widths = [Double](repeating: 1, count: means.count)
            #expect(choose(means, widths, 1) == Self.plainScan(means: means, widths: widths, scale: 1))
            #expect(choose(means, widths, .nan) == 0)
        }
    }
}

/// The count table must give what the formulas give, and anything it does not cover must take
/// the computed path.
@Suite("Count reciprocals")
struct CountReciprocalsTests {
    @Test("whole counts across the table's edge equal 1/n and 1/√n exactly")
    func wholeCounts() {
        let tables = CountReciprocals.shared
        for n in [1, 2, 3, 10, 1_000, 65_534, 65_535, 65_536, 65_537, 1 << 40] {
            let (inverse, inverseRoot) = tables.reciprocals(of: Double(n))
            #expect(inverse == 1 / Double(n))
            #expect(inverseRoot == 1 / Double(n).squareRoot())
        }
        #expect(tables.reciprocals(of: 0) == (.infinity, .infinity))
    }

    @Test("fractional counts are not rounded to a table entry")
    func fractionalCounts() {
        let tables = CountReciprocals.shared
        for count in [0.5, 1.5, 2.5, 2.25, 1000.75, 65_535.5] {
            let (inverse, inverseRoot) = tables.reciprocals(of: count)
            #expect(inverse == 1 / count)
            #expect(inverseRoot == 1 / count.squareRoot())
        }
    }
}
