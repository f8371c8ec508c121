import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditRuntime

@Suite struct DecisionServiceTests {
    func error<T>(_ body: () throws -> T) -> ServiceError? {
        do { _ = try body(); return nil } catch let error as ServiceError { return error } catch {
            Issue.record("untyped error \(error)"); return nil
        }
    }

    @Test func decisionsCarryEventPropensityAndVersion() throws {
        let policy = try EpsilonGreedy(armCount: 3, epsilon: 0.3, seed: 5)
        var state = try DecisionState(policy: policy)
        var direct = policy
        for round in 0..<20 {
            let expected = direct.propensity(of: { var copy = direct; return copy.selectArm() }())
            let decision = try state.decide(eventID: "e\(round)")
            #expect(decision.eventID == "e\(round)" && decision.policyVersion == UInt64(round))
            #expect(decision.arm == direct.selectArm())
            #expect(decision.propensity == expected)
            let reward = Double(round % 2)
            try state.reward(eventID: "e\(round)", value: reward)
            try direct.update(arm: decision.arm, reward: reward)
        }
        #expect(state.policy == direct && state.version == 20 && state.decisionCount == 20 && state.pendingCount == 0)
        // Deterministic index policies report 1; Thompson sampling has no propensity.
        var ucb = try DecisionState(policy: try UCB1(armCount: 2))
        #expect(try ucb.decide(eventID: "a").propensity == 1)
        var ts = try DecisionState(policy: try BernoulliThompsonSampling(armCount: 2, seed: 1))
        #expect(try ts.decide(eventID: "a").propensity == nil)
    }

    @Test func badInputLeavesTheStateUnchanged() throws {
        var state = try DecisionState(policy: try BernoulliThompsonSampling(armCount: 3, seed: 9))
        _ = try state.decide(eventID: "a")
        let before = state.policy
        #expect(error { try state.reward(eventID: "nope", value: 1) } == .unknownEvent("nope"))
        #expect(error { try state.decide(eventID: "a") } == .duplicateEvent("a"))
        #expect(error { try state.decide(eventID: "") } == .invalidEventID("", reason: "empty"))
        #expect(error { try state.decide(eventID: String(repeating: "x", count: 300)) } == .invalidEventID(String(repeating: "x", count: 300), reason: "longer than 256 bytes"))
        guard case .policy(.nonFiniteReward)? = error({ try state.reward(eventID: "a", value: .nan) }) else { Issue.record("NaN accepted"); return }
        guard case .policy(.invalidParameter)? = error({ try state.reward(eventID: "a", value: 2) }) else { Issue.record("2 accepted by a Beta–Bernoulli model"); return }
        #expect(error { try state.reward(eventID: "a", value: 1, arm: 7) } == .armNotInDecision(eventID: "a", arm: 7))
        #expect(state.policy == before && state.version == 0 && state.pendingCount == 1)
        try state.reward(eventID: "a", value: 1)  // still pending after the rejected attempts
        #expect(error { try state.reward(eventID: "a", value: 1) } == .unknownEvent("a"))
    }

    /// Many decisions, then rewards in reverse order: the policy equals one updated directly in
    /// that order.
    @Test func lateOutOfOrderRewards() throws {
        var state = try DecisionState(policy: try UCB1(armCount: 4))
        let decisions = try (0..<50).map { try state.decide(eventID: "e\($0)") }
        var direct = try UCB1(armCount: 4)
        for decision in decisions.reversed() {
            let reward = Double(decision.arm) / 4
            try state.reward(eventID: decision.eventID, value: reward)
            try direct.update(arm: decision.arm, reward: reward)
        }
        #expect(state.policy == direct)
    }

    @Test func batchesAreAllOrNothing() throws {
        var state = try DecisionState(policy: try BernoulliThompsonSampling(armCount: 3, seed: 2))
        for i in 0..<5 { _ = try state.decide(eventID: "e\(i)") }
        let before = state.policy
        let bad = [RewardEvent(eventID: "e0", value: 1), RewardEvent(eventID: "e1", value: 0), RewardEvent(eventID: "e2", value: 3)]
        guard case .batch(index: 2, error: .policy(.invalidParameter))? = error({ try state.reward(bad) }) else {
            Issue.record("expected the third element to fail"); return
        }
        #expect(error { try state.reward([RewardEvent(eventID: "e0", value: 1), RewardEvent(eventID: "zz", value: 1)]) } == .batch(index: 1, error: .unknownEvent("zz")))
        #expect(error { try state.reward([RewardEvent(eventID: "e0", value: 1), RewardEvent(eventID: "e0", value: 0)]) } == .batch(index: 1, error: .alreadyRewarded(eventID: "e0", arm: state.pending["e0"]!.arms[0])))
        #expect(state.policy == before && state.pendingCount == 5 && state.version == 0)
        try state.reward((0..<5).map { RewardEvent(eventID: "e\($0)", value: 1) })
        #expect(state.pendingCount == 0 && state.version == 5)
        #expect(state.policy.alphas.reduce(0, +) == 3 + 5)
    }

    /// The ranking on the full set agrees with the policy's own choice (so the restricted rule
    /// is the policy's rule), and a restricted decision stays in the subset.
    @Test func restrictedDecisionsFollowThePolicysRule() throws {
        let environment = ReplayEnvironment()
        var ucb = try UCB1(armCount: 4, explorationScale: 0.7)
        var greedy = try EpsilonGreedy(armCount: 4, epsilon: 0, seed: 1)
        var linear = try LinUCB(armCount: 4, dimension: 3)
        var stream = Xoshiro256PlusPlus(seed: 3)
        for round in 0..<40 {
            var copy = ucb
            #expect(try ucb.rankArms(among: [0, 1, 2, 3], count: 1, features: nil, using: &stream)?.arms == [copy.selectArm()])
            var greedyCopy = greedy
            #expect(try greedy.rankArms(among: [0, 1, 2, 3], count: 1, features: nil, using: &stream)?.arms == [greedyCopy.selectArm()])
            let features = try #require(environment.features(round: round, family: .contextual))
            var linearCopy = linear
            #expect(try linear.rankArms(among: [0, 1, 2, 3], count: 1, features: features, using: &stream)?.arms == [try linearCopy.selectArm(features: features)])
            _ = try environment.play(&ucb, rounds: round..<(round + 1))
            _ = try environment.play(&greedy, rounds: round..<(round + 1))
            _ = try environment.play(&linear, rounds: round..<(round + 1))
        }
        var state = try DecisionState(policy: ucb)
        for i in 0..<30 {
            let decision = try state.decide(eventID: "r\(i)", among: [1, 3])
            #expect([1, 3].contains(decision.arm))
            try state.reward(eventID: "r\(i)", value: 1)
        }
        #expect(error { try state.decide(eventID: "x", among: [1, 9]) } == .unknownArm(arm: 9, reason: "no such arm slot (0..<4)"))
        #expect(error { try state.decide(eventID: "x", among: [1, 1]) } == .unknownArm(arm: 1, reason: "listed twice"))
        #expect(error { try state.decide(eventID: "x", among: []) } == .notEnoughArms(requested: 1, available: 0))
        var kl = try DecisionState(policy: try KLUCB(armCount: 3))
        #expect(error { try kl.decide(eventID: "x", among: [0, 1]) } == .unsupported(operation: "restricting decisions to a subset of arms", policyType: "KLUCB"))
    }

    @Test func restrictedEpsilonGreedyPropensity() throws {
        var policy = try EpsilonGreedy(armCount: 4, epsilon: 0.2, seed: 1)
        for arm in 0..<4 { try policy.update(arm: arm, reward: Double(arm) / 4) }
        var state = try DecisionState(policy: policy)
        // Among {0, 1, 2} the greedy arm is 2: propensity ε/3 + (1 − ε) for it, ε/3 otherwise.
        for i in 0..<50 {
            let decision = try state.decide(eventID: "e\(i)", among: [0, 1, 2])
            let expected = decision.arm == 2 ? 0.2 / 3 + 0.8 : 0.2 / 3
            #expect(abs(try #require(decision.propensity) - expected) < 1e-15)
        }
    }

    @Test func topKSlatesTakeOneRewardPerArm() throws {
        var state = try DecisionState(policy: try UCB1(armCount: 5))
        let slate = try state.decide(eventID: "s", count: 3)
        #expect(slate.arms == [0, 1, 2])  // unpulled arms, lowest index first
        try state.reward(eventID: "s", value: 1, arm: 1)
        #expect(error { try state.reward(eventID: "s", value: 1, arm: 1) } == .alreadyRewarded(eventID: "s", arm: 1))
        #expect(error { try state.reward(eventID: "s", value: 1, arm: 4) } == .armNotInDecision(eventID: "s", arm: 4))
        try state.reward(eventID: "s", value: 0)
        try state.reward(eventID: "s", value: 0, arm: 2)
        #expect(state.pendingCount == 0 && state.version == 3)
        #expect(error { try state.decide(eventID: "t", count: 6) } == .notEnoughArms(requested: 6, available: 5))
    }

    @Test func addingAndRemovingArmsLeavesOthersUntouched() throws {
        var state = try DecisionState(policy: try UCB1(armCount: 4), activeArmCount: 3)
        for i in 0..<30 {
            let decision = try state.decide(eventID: "e\(i)")
            #expect(decision.arm < 3)
            try state.reward(eventID: "e\(i)", value: Double(decision.arm == 1 ? 1 : 0))
        }
        let pendingOnOne: String = try {
            for i in 0..<100 where try state.decide(eventID: "p\(i)").arm == 1 { return "p\(i)" }
            throw ServiceError.unknownEvent("no decision chose arm 1")
        }()
        let before = state.policy.statistics
        try state.removeArm(1)
        for i in 0..<30 { #expect(try state.decide(eventID: "q\(i)").arm != 1) }
        #expect(error { try state.reward(eventID: pendingOnOne, value: 1) } == .armRemoved(eventID: pendingOnOne, arm: 1))
        #expect(try state.addArm() == 1, "lowest free slot first")
        #expect(try state.addArm() == 3)
        #expect(error { try state.addArm() } == .noFreeArmSlot(capacity: 4))
        let after = state.policy.statistics
        #expect(after.count(of: 1) == 0, "the reused slot starts fresh")
        for arm in [0, 2] { #expect(after.count(of: arm) == before.count(of: arm) && after.mean(of: arm) == before.mean(of: arm)) }
        var exp3 = try DecisionState(policy: try EXP3(armCount: 3, explorationRate: 0.1, seed: 1))
        #expect(error { try exp3.removeArm(0) } == .unsupported(operation: "removing arms", policyType: "EXP3"))
    }

    @Test func pendingWindowIsBounded() throws {
        var state = try DecisionState(policy: try UCB1(armCount: 2), configuration: .init(pendingLimit: 3))
        for i in 0..<5 { _ = try state.decide(eventID: "e\(i)") }
        #expect(state.pendingCount == 3 && state.evictedCount == 2)
        #expect(error { try state.reward(eventID: "e1", value: 1) } == .unknownEvent("e1"))
        try state.reward(eventID: "e4", value: 1)
    }

    @Test func contextualAndDuelingPoliciesAreServed() throws {
        let environment = ReplayEnvironment()
        let service = try DecisionService(policy: try LinUCB(armCount: 4, dimension: 3))
        var direct = try LinUCB(armCount: 4, dimension: 3)
        for round in 0..<20 {
            let features = try #require(environment.features(round: round, family: .contextual))
            let decision = try service.decide(eventID: "c\(round)", features: features)
            #expect(decision.arm == (try direct.selectArm(features: features)) && decision.propensity == 1)
            let reward = environment.reward(round: round, choice: Choice(arm: decision.arm))
            try service.reward(eventID: "c\(round)", value: reward)
            try direct.update(arm: decision.arm, features: features.column(decision.arm), reward: reward)
        }
        #expect(service.current.policy == direct)
        guard case .policy(.invalidParameter(name: "features", _, _))? = error({ try service.decide(eventID: "x") }) else {
            Issue.record("a contextual decision without features was accepted"); return
        }
        let duel = try DecisionService(policy: try RUCB(armCount: 3, seed: 4))
        let decision = try duel.decide(eventID: "d")
        #expect(decision.arms.count == 2)
        guard case .policy(.invalidParameter(name: "reward", _, _))? = error({ try duel.reward(eventID: "d", value: 0.5) }) else {
            Issue.record("a duel outcome of 0.5 was accepted"); return
        }
        try duel.reward(eventID: "d", value: 1)
        #expect(duel.current.version == 1)
    }

    @Test func serviceSnapshotsRestore() throws {
        let service = try DecisionService(policy: try EpsilonGreedy(armCount: 3, seed: 8))
        for i in 0..<10 {
            _ = try service.decide(eventID: "e\(i)")
            try service.reward(eventID: "e\(i)", value: 1)
        }
        let restored = try DecisionService<EpsilonGreedy>(snapshot: try service.snapshot(specification: "epsilon-greedy"))
        #expect(restored.current.policy == service.current.policy)
        guard case .snapshot(.policyTypeMismatch)? = error({ try DecisionService<UCB1>(snapshot: try service.snapshot()) }) else {
            Issue.record("restored into the wrong type"); return
        }
    }
}
