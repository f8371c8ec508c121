import BanditRuntime
import Foundation
import Testing
@testable import BanditServer

/// Re-opening a store replays its log into exactly the state it had: policy state, pending
/// decisions and counters, for contextual, restricted and top-k decisions alike.
@Suite struct ReplayTests {
    @Test func reopeningRestoresEveryBanditExactly() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bandit-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("b.sqlite").path

        var before: [BanditSummary] = []
        do {
            let store = try BanditStore(path: path)
            _ = try await store.create(CreateBanditRequest(name: "lin", policy: "lints(v=0.3)", arms: 3, dimension: 2, seed: 4))
            _ = try await store.create(CreateBanditRequest(name: "ucb", policy: "ucb1", arms: 4))
            _ = try await store.create(CreateBanditRequest(name: "duel", policy: "rucb", arms: 3, seed: 2))
            for i in 0..<40 {
                let features = (0..<3).map { arm in [Double(arm) - 1, Double((i + arm) % 5) / 5] }
                _ = try await store.decide(name: "lin", DecideRequest(eventID: "l\(i)", features: features))
                let slate = try await store.decide(name: "ucb", DecideRequest(eventID: "u\(i)", available: i % 2 == 0 ? [0, 2, 3] : nil, count: 2))
                _ = try await store.decide(name: "duel", DecideRequest(eventID: "d\(i)"))
                if i % 3 != 0 {  // leave some pending, reward the rest late and partly in batches
                    try await store.reward(name: "lin", [RewardRequest(eventID: "l\(i)", value: Double(i % 2))], batch: false)
                    try await store.reward(name: "ucb", [RewardRequest(eventID: "u\(i)", value: 1, arm: slate.arms[1]), RewardRequest(eventID: "u\(i)", value: 0)], batch: true)
                    try await store.reward(name: "duel", [RewardRequest(eventID: "d\(i)", value: Double(i % 2))], batch: false)
                }
            }
            before = try await ["lin", "ucb", "duel"].asyncMap { try await store.summary(name: $0) }
            #expect(before.map(\.pending) == [14, 14, 14])
        }
        let reopened = try BanditStore(path: path)
        let after = try await ["lin", "ucb", "duel"].asyncMap { try await reopened.summary(name: $0) }
        #expect(after == before)
        // Pending decisions survived: their rewards are accepted after the restart.
        try await reopened.reward(name: "ucb", [RewardRequest(eventID: "u0", value: 1)], batch: false)
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
