import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Pure-exploration snapshots")
struct PureExplorationSnapshotTests {
    /// Samples `steps` times, snapshots through JSON, then runs the original and the restored
    /// copy to the end on the same rewards: they must take the same decisions.
    func roundTrip<P: PureExplorationPolicy & Codable & Equatable>(_ start: P, steps: Int, means: [Double]) throws {
        var policy = start
        var rewards = TestRewards(seed: 3)
        for _ in 0..<steps where !policy.isStopped {
            let arm = policy.selectArm()
            try policy.update(arm: arm, reward: rewards.bernoulli(means[arm % means.count]))
        }
        var restored = try JSONDecoder().decode(P.self, from: try JSONEncoder().encode(policy))
        #expect(restored == policy)
        var copyOfRewards = rewards
        let original = try runToEnd(&policy) { rewards.bernoulli(means[$0 % means.count]) }
        let resumed = try runToEnd(&restored) { copyOfRewards.bernoulli(means[$0 % means.count]) }
        #expect(original == resumed)
        #expect(policy.recommend() == restored.recommend())
    }

    @Test("snapshot → restore → continue takes the same decisions as never stopping")
    func snapshots() throws {
        let means = [0.3, 0.5, 0.45, 0.6, 0.55, 0.2, 0.4]
        try roundTrip(try SequentialHalving(armCount: 7, budget: 700, seed: 1), steps: 123, means: means)
        try roundTrip(try SuccessiveRejects(armCount: 7, budget: 700, seed: 1), steps: 200, means: means)
        try roundTrip(try UniformAllocation(armCount: 7, budget: 100, seed: 1), steps: 50, means: means)
        try roundTrip(try BracketingSequentialHalving(armCount: 1000, budget: 2000, seed: 1), steps: 900, means: means)
        try roundTrip(try LUCB(armCount: 7, confidence: 0.1), steps: 301, means: means)
        try roundTrip(try LUCB.klLUCB(armCount: 7, confidence: 0.1), steps: 301, means: means)
    }
}
