import BanditCore
import BanditPolicies
import Testing
@testable import BanditRuntime

/// 64 tasks × 10⁴ decide/reward pairs on one service; run under
/// `swift test --sanitize=thread --filter BanditRuntimeTests` to check for data races.
@Suite struct ConcurrencyTests {
    static let tasks = 64
    static let operationsPerTask = 10_000

    @Test func concurrentDecideAndRewardCountsAddUp() async throws {
        let service = try DecisionService(
            policy: try UCB1(armCount: 8), configuration: .init(pendingLimit: Self.tasks * Self.operationsPerTask))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<Self.tasks {
                group.addTask {
                    var ones = 0
                    for operation in 0..<Self.operationsPerTask {
                        let id = "\(task)-\(operation)"
                        let decision = try service.decide(eventID: id)
                        let reward = decision.arm == 7 ? 1.0 : 0.0
                        ones += Int(reward)
                        try service.reward(eventID: id, value: reward)
                    }
                    return ones
                }
            }
            var ones = 0
            for try await count in group { ones += count }
            let state = service.current
            let total = Self.tasks * Self.operationsPerTask
            #expect(state.decisionCount == UInt64(total) && state.version == UInt64(total) && state.pendingCount == 0)
            #expect(state.policy.statistics.totalCount == total)
            #expect(state.policy.statistics.counts.reduce(0, +) == Double(total))
            #expect(state.policy.statistics.count(of: 7) == Double(ones))
        }
    }

    /// Decisions in one set of tasks, delayed rewards (as a batch) in another.
    @Test func delayedBatchedRewardsFromOtherTasks() async throws {
        let service = try DecisionService(policy: try BernoulliThompsonSampling(armCount: 4, seed: 3))
        let decisions = try await withThrowingTaskGroup(of: [Decision].self) { group in
            for task in 0..<8 {
                group.addTask { try (0..<500).map { try service.decide(eventID: "\(task)/\($0)") } }
            }
            var all: [Decision] = []
            for try await part in group { all += part }
            return all
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in stride(from: 0, to: decisions.count, by: 100) {
                let events = decisions[chunk..<min(chunk + 100, decisions.count)].map { RewardEvent(eventID: $0.eventID, value: 1) }
                group.addTask { try service.reward(events) }
            }
            try await group.waitForAll()
        }
        let state = service.current
        #expect(state.version == 4000 && state.pendingCount == 0)
        #expect(state.policy.alphas.reduce(0, +) == 4 + 4000)
    }
}
