import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditRuntime

/// Hand-forged states with a valid checksum but inconsistent contents: each gives
/// ``SnapshotError/invalidState(path:reason:)`` naming the offending field (the fuzzer in
/// ``SnapshotMutationFuzzTests`` checks that nothing crashes; these check the messages).
@Suite struct SnapshotValidationTests {
    /// `policy`'s snapshot with `edit` applied to its state object, re-sealed.
    func forge<P: SnapshottablePolicy>(_ policy: P, _ edit: (inout [String: Any]) throws -> Void) throws -> Data {
        let data = try PolicySnapshot.encode(policy)
        let newline = try #require(data.firstIndex(of: UInt8(ascii: "\n")))
        var state = try #require(try JSONSerialization.jsonObject(with: data[data.index(after: newline)...]) as? [String: Any])
        try edit(&state)
        return try SnapshotMutationFuzzTests.seal(header: Data(data[..<newline]), state: try JSONSerialization.data(withJSONObject: state))
    }

    func invalidState(_ data: Data) -> (path: String, reason: String)? {
        do { _ = try SnapshotRegistry.standard.restore(data) } catch {
            if case let .invalidState(path, reason) = error { return (path, reason) }
            Issue.record("expected invalidState, got \(error)")
            return nil
        }
        Issue.record("forged state accepted")
        return nil
    }

    @Test func arrayShorterThanTheArmCount() throws {
        let forged = try forge(try BernoulliThompsonSampling(armCount: 4, seed: 1)) { state in
            state["alphas"] = Array((state["alphas"] as! [Any]).dropLast())
        }
        let error = try #require(invalidState(forged))
        #expect(error.path == "alphas" && error.reason == "has 3 elements, expected 4")
    }

    @Test func nonFiniteWhereFiniteIsRequired() throws {
        let forged = try forge(try EXP3(armCount: 3, explorationRate: 0.1, seed: 1)) { state in
            var weights = state["weights"] as! [Any]
            weights[2] = "nan"
            state["weights"] = weights
        }
        let error = try #require(invalidState(forged))
        #expect(error.path == "weights[2]" && error.reason.contains("finite"))
    }

    @Test func claimedArmCountOfABillionIsNotAllocated() throws {
        let policy = try PrimalDualBwK(armCount: 3, budgets: [10, 20], horizon: 100)
        let forged = try forge(policy) { state in state["armCount"] = 1_000_000_000 }
        let error = try #require(invalidState(forged))
        #expect(error.path == "estimates.armCount" && error.reason.contains("1000000000"))
        // RobustUCB builds its estimators from the arm count: the count is compared with the
        // estimators present before anything is allocated.
        let robust = try forge(try RobustUCB(armCount: 3)) { state in state["armCount"] = 1_000_000_000 }
        #expect(try #require(invalidState(robust)).path == "armCount")
    }

    @Test func indexOutOfRangeAndNegativeCount() throws {
        var halving = try SequentialHalving(armCount: 8, budget: 64, seed: 3)
        _ = try ReplayEnvironment().replay(&halving, rounds: 0..<5)
        let cursor = try #require(invalidState(try forge(halving) { $0["cursor"] = 99 }))
        #expect(cursor.path == "cursor" && cursor.reason == "99 is outside 0..<\(halving.survivingArms.count)")
        let knapsack = try UCBBwK(armCount: 3, budgets: [10], horizon: 100, seed: 1)
        let negative = try #require(invalidState(try forge(knapsack) { state in
            var estimates = state["estimates"] as! [String: Any]
            var counts = estimates["counts"] as! [Any]
            counts[1] = -4
            estimates["counts"] = counts
            state["estimates"] = estimates
        }))
        #expect(negative.path == "estimates.counts[1]" && negative.reason == "-4 is negative")
    }

    @Test func allZeroGeneratorState() throws {
        let forged = try forge(try Softmax(armCount: 3, seed: 2)) { state in state["generator"] = ["state": [0, 0, 0, 0]] }
        #expect(try #require(invalidState(forged)).path == "generator.state")
    }

    @Test func inconsistentCachedConstants() throws {
        // Thompson sampling caches Marsaglia–Tsang constants per arm; a NaN there would make
        // the Gamma sampler loop forever.
        let forged = try forge(try BernoulliThompsonSampling(armCount: 2, seed: 1)) { state in
            var constants = state["gammaConstants"] as! [Any]
            constants[1] = "nan"
            state["gammaConstants"] = constants
        }
        #expect(try #require(invalidState(forged)).path == "gammaConstants[0]")
    }
}
