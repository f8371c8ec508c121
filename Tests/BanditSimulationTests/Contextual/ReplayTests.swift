import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// Always plays one arm: its replay estimate is known in closed form.
struct FixedArmPolicy: ContextualPolicy {
    let armCount: Int, dimension: Int, arm: Int
    mutating func selectArm(features: ArmFeatures) throws(BanditError) -> Int {
        try validate(features: features)
        return arm
    }
    mutating func update(arm: Int, features: [Double], reward: Double) throws(BanditError) {
        try validate(arm: arm, features: features, reward: reward)
    }
}

@Suite("Replay estimator")
struct ReplayTests {
    /// A uniformly logged CSV: d = 2, K = 3, arm = event mod 3, reward = 10·arm + event.
    static func csv(events: Int, propensity: (Int) -> Double = { _ in 1.0 / 3 }) -> String {
        var lines = ["arm,reward,propensity,f0,f1,f2,f3,f4,f5"]
        for event in 0..<events {
            let arm = event % 3
            lines.append("\(arm),\(10 * arm + event),\(propensity(event)),1,0,0,1,1,1")
        }
        return lines.joined(separator: "\n")
    }

    @Test("a fixed-arm policy's replay estimate is the mean logged reward of that arm")
    func fixedArm() throws {
        let log = try ReplayLog(csv: Self.csv(events: 30), dimension: 2, armCount: 3)
        var trial = ReplayTrial(policy: FixedArmPolicy(armCount: 3, dimension: 2, arm: 1), log: log, stream: CounterStream(key: 1))
        for round in 1...10 { try trial.step(round: round) }
        var values = [Double](repeating: 0, count: 3)
        values.withUnsafeMutableBufferPointer { trial.recordMetrics(into: $0) }
        // Arm-1 events are 1, 4, …, 28: rewards 10 + event, mean 10 + 14.5.
        #expect(values[0] == 24.5)
        #expect(values[1] == 245)
        #expect(values[2] == 29)
        #expect(throws: BanditError.self) { try trial.step(round: 11) }
    }

    @Test("non-uniform logging: events are accepted with probability p_min/p")
    func rejection() throws {
        // Arm-0 events alternate propensity 0.2 and 0.8: half of the 0.8 ones are kept in expectation.
        let text = Self.csv(events: 30_000) { event in (event / 3) % 2 == 0 ? 0.2 : 0.8 }
        let log = try ReplayLog(csv: text, dimension: 2, armCount: 3)
        var trial = ReplayTrial(policy: FixedArmPolicy(armCount: 3, dimension: 2, arm: 0), log: log, stream: CounterStream(key: 2))
        for round in 1...5_000 { try trial.step(round: round) }
        var values = [Double](repeating: 0, count: 3)
        values.withUnsafeMutableBufferPointer { trial.recordMetrics(into: $0) }
        // 5,000 accepted among n scanned arm-0 events, each accepted with probability
        // (1 + 0.25)/2 = 0.625: scanned events ≈ 3·5000/0.625 = 24,000, sd of the count of
        // acceptances ≈ √(n·p(1−p)) ≈ 43 among ~8,000 tries: allow 4.5 sd ≈ 600 events.
        #expect(abs(values[2] - 24_000) <= 600)
        #expect(throws: BanditError.self) { _ = try ReplayLog(csv: "arm,reward,propensity,a,b\n0,1,0,1,2", dimension: 1, armCount: 2) }
        #expect(throws: BanditError.self) { _ = try ReplayLog(csv: "0,1,0.5,1", dimension: 1, armCount: 2) }
    }

    @Test("a scenario with data: replays every linear policy through the simulator")
    func scenarioReplay() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("banditkit-replay-\(UUID().uuidString).csv")
        try Self.csv(events: 3_000).write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let scenario = try Scenario(yaml: """
            name: replay
            family: contextual
            horizon: 50
            repetitions: 2
            dimension: 2
            arms: 3
            data: \(url.path)
            policies:
              - linucb
              - lints
              - linear-epsilon-greedy
            """)
        let result = try Study(scenario: scenario, seed: 1, jobs: 1).run()
        for policy in result.policies {
            let mean = try #require(policy.series("replay_mean_reward")?.final.mean)
            #expect(mean.isFinite && mean >= 0)
        }
    }
}
