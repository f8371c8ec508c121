import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Bracketing Sequential Halving")
struct BracketingSequentialHalvingTests {
    @Test("bracket count: the largest L with min(n, 2ᴸ)·⌈log₂⌉ ≤ ⌊T/(L + 1)⌋ (hand-solved)")
    func bracketCount() {
        // n = 10⁵, T = 1000: L = 5 fits (32·5 = 160 ≤ ⌊1000/6⌋ = 166), L = 6 does not (384 > 142).
        #expect(BracketingSequentialHalving.bracketCount(armCount: 100_000, budget: 1000) == 5)
        // n = 8 caps the brackets: sizes 2, 4, 8 and T large.
        #expect(BracketingSequentialHalving.bracketCount(armCount: 8, budget: 1_000_000) == 3)
        #expect(BracketingSequentialHalving.bracketCount(armCount: 100, budget: 1) == 1)
    }

    @Test("nested random brackets, ≤ T samples, ≤ 2ᴸ distinct arms; noise-free it returns the best arm of the largest bracket")
    func structure() throws {
        let n = 1_000_000, budget = 5000
        var policy = try BracketingSequentialHalving(armCount: n, budget: budget, seed: 4)
        let sizes = policy.bracketSizes
        #expect(sizes == (1...sizes.count).map { 1 << $0 })
        #expect(policy.order.count == sizes.last!)  // memory O(2ᴸ) = O(T), not O(n)
        let largest = Set(policy.order)
        let mean = { (arm: Int) in Double(arm) / Double(n) }
        let arms = try runToEnd(&policy) { mean($0) }
        #expect(arms.count <= budget)
        #expect(Set(arms).isSubset(of: largest))
        #expect(policy.recommend() == largest.max())
    }

    @Test("T = 1 and n = 1 are handled; bad input is rejected")
    func edges() throws {
        var tiny = try BracketingSequentialHalving(armCount: 50, budget: 1, seed: 1)
        try runToEnd(&tiny) { _ in 1 }
        #expect(tiny.isStopped && (0..<50).contains(tiny.recommend()))
        let single = try BracketingSequentialHalving(armCount: 1, budget: 10, seed: 1)
        #expect(single.isStopped && single.recommend() == 0)
        #expect(throws: BanditError.self) { try BracketingSequentialHalving(armCount: 10, budget: 0, seed: 1) }
        #expect(throws: BanditError.self) { try BracketingSequentialHalving(armCount: 0, budget: 10, seed: 1) }
    }
}
