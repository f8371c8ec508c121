import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditRuntime

/// A service restored from a ``ServiceSnapshot`` accepts the late rewards of decisions made
/// before it, and ends where a service that never stopped ends.
@Suite struct ServiceSnapshotTests {
    func error<T>(_ body: () throws -> T) -> ServiceError? {
        do { _ = try body(); return nil } catch let error as ServiceError { return error } catch {
            Issue.record("untyped error \(error)"); return nil
        }
    }

    @Test func lateRewardsOfDecisionsBeforeTheSnapshotAreAccepted() throws {
        let policy = try BernoulliThompsonSampling(armCount: 4, seed: 5)
        let uninterrupted = try DecisionService(policy: policy)
        let original = try DecisionService(policy: policy)
        for service in [uninterrupted, original] {
            for i in 0..<20 { _ = try service.decide(eventID: "e\(i)") }
            for i in stride(from: 0, to: 20, by: 3) { try service.reward(eventID: "e\(i)", value: 1) }
        }
        let restored = try DecisionService<BernoulliThompsonSampling>(serviceSnapshot: try original.serviceSnapshot(specification: "thompson"))
        #expect(restored.current.pendingCount == 13 && restored.current.version == 7 && restored.current.decisionCount == 20)
        // The remaining rewards, late and in reverse order, then more decisions.
        for service in [uninterrupted, restored] {
            for i in (0..<20).reversed() where i % 3 != 0 { try service.reward(eventID: "e\(i)", value: Double(i % 2)) }
            for i in 20..<30 {
                _ = try service.decide(eventID: "e\(i)")
                try service.reward(eventID: "e\(i)", value: 1)
            }
        }
        #expect(restored.current.policy == uninterrupted.current.policy)
        #expect(restored.current.pendingCount == 0 && restored.current.version == uninterrupted.current.version)
        // Already rewarded before the snapshot, or never decided: unknown.
        #expect(error { try restored.reward(eventID: "e0", value: 1) } == .unknownEvent("e0"))
        #expect(error { try restored.reward(eventID: "zz", value: 1) } == .unknownEvent("zz"))
        // A policy snapshot alone forgets the pending decisions.
        let policyOnly = try DecisionService<BernoulliThompsonSampling>(snapshot: try original.snapshot())
        #expect(error { try policyOnly.reward(eventID: "e1", value: 1) } == .unknownEvent("e1"))
    }

    @Test func contextualSlatesAndRemovedArmsSurvive() throws {
        let environment = ReplayEnvironment()
        var state = try DecisionState(policy: try LinUCB(armCount: 4, dimension: 3))
        let features = try #require(environment.features(round: 0, family: .contextual))
        let slate = try state.decide(eventID: "slate", features: features, among: [0, 1, 2], count: 3)
        try state.reward(eventID: "slate", value: 1, arm: slate.arms[1])
        let single = try state.decide(eventID: "one", features: try #require(environment.features(round: 1, family: .contextual)), among: [0, 1, 2])
        let removedLater = try state.decide(eventID: "gone", features: features, among: [3])
        try state.removeArm(3)
        let data = try ServiceSnapshot.encode(state, specification: nil)
        var restored = try ServiceSnapshot.decode(LinUCB.self, from: data, maximumBytes: 1 << 20)
        var direct = state
        #expect(restored.activeArms == [true, true, true, false])
        #expect(throws: ServiceError.alreadyRewarded(eventID: "slate", arm: slate.arms[1])) { try restored.reward(eventID: "slate", value: 0, arm: slate.arms[1]) }
        #expect(throws: ServiceError.armRemoved(eventID: "gone", arm: removedLater.arm)) { try restored.reward(eventID: "gone", value: 1) }
        // The stored feature columns are the ones learnt from: the same policy either way.
        try restored.reward(eventID: "slate", value: 0.5, arm: slate.arms[2])
        try restored.reward(eventID: "one", value: 0.25)
        try direct.reward(eventID: "slate", value: 0.5, arm: slate.arms[2])
        try direct.reward(eventID: "one", value: 0.25)
        #expect(restored.policy == direct.policy && single.arms.count == 1)
        #expect(restored.generations == direct.generations && restored.pendingCount == 2 && direct.pendingCount == 2, "the slate's first arm and the removed arm's decision wait")
    }

    @Test func evictionContinuesInDecisionOrder() throws {
        var state = try DecisionState(policy: try UCB1(armCount: 2), configuration: .init(pendingLimit: 3))
        for i in 0..<3 { _ = try state.decide(eventID: "e\(i)") }
        try state.reward(eventID: "e1", value: 1)
        var restored = try ServiceSnapshot.decode(UCB1.self, from: try ServiceSnapshot.encode(state, specification: nil), maximumBytes: 1 << 20)
        for i in 3..<5 { _ = try restored.decide(eventID: "e\(i)") }
        // Pending were e0, e2; e3 fills the window, e4 evicts the oldest, e0.
        #expect(restored.evictedCount == 1 && restored.pendingCount == 3)
        #expect(throws: ServiceError.unknownEvent("e0")) { try restored.reward(eventID: "e0", value: 1) }
        try restored.reward(eventID: "e2", value: 1)
    }

    @Test func forgedServiceStateIsRejectedWithItsPath() throws {
        var state = try DecisionState(policy: try UCB1(armCount: 3))
        _ = try state.decide(eventID: "a")
        let data = try ServiceSnapshot.encode(state, specification: nil)
        let newline = try #require(data.firstIndex(of: UInt8(ascii: "\n")))
        var body = try #require(try JSONSerialization.jsonObject(with: data[data.index(after: newline)...]) as? [String: Any])
        var service = try #require(body["service"] as? [String: Any])
        var pending = try #require(service["pending"] as? [[String: Any]])
        var decision = try #require(pending[0]["decision"] as? [String: Any])
        decision["arms"] = [99]
        pending[0]["decision"] = decision
        service["pending"] = pending
        body["service"] = service
        let forged = try SnapshotMutationFuzzTests.seal(header: Data(data[..<newline]), state: try JSONSerialization.data(withJSONObject: body))
        #expect(throws: SnapshotError.invalidState(path: "service.pending[0].decision.arms[0]", reason: "99 is outside 0..<3")) {
            _ = try ServiceSnapshot.decode(UCB1.self, from: forged, maximumBytes: 1 << 20)
        }
        #expect(throws: SnapshotError.policyTypeMismatch(expected: "EXP3", found: "UCB1")) {
            _ = try ServiceSnapshot.decode(EXP3.self, from: data, maximumBytes: 1 << 20)
        }
        var corrupted = data
        corrupted[corrupted.count - 3] ^= 1
        guard case .snapshot(.checksumMismatch)? = error({ try DecisionService<UCB1>(serviceSnapshot: corrupted) }) else {
            Issue.record("expected a checksum mismatch"); return
        }
        guard case .snapshot(.notASnapshot)? = error({ try DecisionService<UCB1>(serviceSnapshot: try PolicySnapshot.encode(try UCB1(armCount: 2))) }) else {
            Issue.record("a policy snapshot was read as a service snapshot"); return
        }
    }

    /// The service part fuzzed as policy states are (``SnapshotMutationFuzzTests``): a typed
    /// error, or a service whose pending decisions' rewards and 20 more rounds run without a
    /// crash (rewards may be refused with a typed ``ServiceError``).
    @Test func forgedServicePartsNeverCrash() throws {
        let environment = ReplayEnvironment()
        var slates = try DecisionState(policy: try UCB1(armCount: 4), activeArmCount: 3)
        _ = try slates.decide(eventID: "s", count: 2)
        _ = try slates.decide(eventID: "t")
        try slates.removeArm(1)
        var linear = try DecisionState(policy: try LinUCB(armCount: 4, dimension: 3))
        for round in 0..<3 { _ = try linear.decide(eventID: "c\(round)", features: try #require(environment.features(round: round, family: .contextual))) }
        var duels = try DecisionState(policy: try RUCB(armCount: 4, seed: 1))
        for round in 0..<3 { _ = try duels.decide(eventID: "d\(round)") }
        try fuzz(slates)
        try fuzz(linear)
        try fuzz(duels)
    }

    private func fuzz<P: ServablePolicy>(_ state: DecisionState<P>) throws {
        let data = try ServiceSnapshot.encode(state, specification: nil)
        let newline = try #require(data.firstIndex(of: UInt8(ascii: "\n")))
        let header = Data(data[..<newline])
        let body = try #require(try JSONSerialization.jsonObject(with: data[data.index(after: newline)...]) as? [String: Any])
        let service = try #require(body["service"])
        let environment = ReplayEnvironment()
        for (path, mutation) in SnapshotMutationFuzzTests.mutations(of: service) {
            var forgedBody = body
            forgedBody["service"] = SnapshotMutationFuzzTests.apply(mutation, at: path, to: service)
            let forged = try SnapshotMutationFuzzTests.seal(header: header, state: try JSONSerialization.data(withJSONObject: forgedBody))
            guard var restored = try? ServiceSnapshot.decode(P.self, from: forged, maximumBytes: 1 << 20) else { continue }
            let features = P.family == .contextual ? environment.features(round: 0, family: .contextual) : nil
            for id in restored.pending.keys.sorted() {
                for arm in restored.pendingArms(of: id) ?? [] { try? restored.reward(eventID: id, value: 1, arm: arm) }
            }
            for round in 0..<20 {
                _ = try? restored.decide(eventID: "new\(round)", features: features)
                try? restored.reward(eventID: "new\(round)", value: 1)
            }
        }
    }
}
