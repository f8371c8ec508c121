import BanditCore
import BanditPolicies
import Testing
@testable import BanditRuntime

@Suite struct PolicyFactoryTests {
    @Test func everyStandardEntryBuildsItsFamily() throws {
        for (name, entry) in PolicyFactory.standard.entries {
            let shape = PolicyFactory.Shape(armCount: 3, dimension: entry.family == .contextual ? 2 : nil, seed: 1)
            let policy = try PolicyFactory.standard.make(name, shape: shape)
            #expect(type(of: policy).family == entry.family && policy.armCount == 3, "\(name)")
            #expect(SnapshotRegistry.standard.entries[type(of: policy).snapshotTypeName] != nil, "\(name) is restorable")
        }
    }

    @Test func parametersAreBoundByName() throws {
        let policy = try PolicyFactory.standard.make("ucb1(alpha=0.25)", shape: .init(armCount: 2))
        #expect((policy as? UCB1)?.explorationScale == 0.25)
        let greedy = try PolicyFactory.standard.make("epsilon-greedy(0.3)", shape: .init(armCount: 2, seed: 5))
        #expect(greedy as? EpsilonGreedy == (try EpsilonGreedy(armCount: 2, epsilon: 0.3, seed: 5)))
    }

    @Test func badConfigurationsNameTheProblem() {
        #expect(throws: BanditError.self) { try PolicyFactory.standard.make("ucb7", shape: .init(armCount: 2)) }
        #expect(throws: BanditError.invalidParameter(name: "ucb1.alpha", value: "-1.0", reason: "must be finite and ≥ 0")) {
            try PolicyFactory.standard.make("ucb1(alpha=-1)", shape: .init(armCount: 2))
        }
        #expect(throws: BanditError.self) { try PolicyFactory.standard.make("linucb", shape: .init(armCount: 2)) }
        #expect(throws: BanditError.self) { try PolicyFactory.standard.make("ucb1", shape: .init(armCount: 2, dimension: 3)) }
        #expect(throws: BanditError.self) { try PolicyFactory.standard.make("rucb", shape: .init(armCount: 1)) }
        #expect(throws: BanditError.self) { try PolicyFactory.standard.make("ucb1", shape: .init(armCount: 1 << 20)) }
    }
}
