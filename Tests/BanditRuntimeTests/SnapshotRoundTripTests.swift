import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditRuntime

/// Snapshot → restore → continue equals never stopping, for every policy type, at several cut
/// points (including before any round and mid-exploration).
@Suite struct SnapshotRoundTripTests {
    static let horizon = 48
    static let cuts = [0, 1, 5, 23]

    @Test func everyRegisteredTypeIsInTheZoo() throws {
        let zooNames = Set(try PolicyZoo.all().map { type(of: $0).snapshotTypeName })
        #expect(zooNames == Set(SnapshotRegistry.standard.typeNames))
        #expect(zooNames.count == (try PolicyZoo.all()).count, "one instance per type")
    }

    @Test func restoreThenContinueEqualsNeverStopping() throws {
        for policy in try PolicyZoo.all() + PolicyZoo.variants() {
            try check(policy)
        }
    }

    private func check<P: SnapshottablePolicy>(_ fresh: P) throws {
        let environment = ReplayEnvironment()
        var uninterrupted = fresh
        let reference = try environment.replay(&uninterrupted, rounds: 0..<Self.horizon)
        for cut in Self.cuts {
            var first = fresh
            // The environment's own state (knapsack budgets) carries over the cut; the
            // policy's travels through the snapshot only.
            var session = ReplaySession()
            let before = try environment.replay(&first, rounds: 0..<cut, session: &session)
            let data = try PolicySnapshot.encode(first, specification: "zoo")
            // Restored through the registry, as a service that does not know the type would.
            let (header, restoredAny) = try SnapshotRegistry.standard.restore(data)
            #expect(header.policyType == P.snapshotTypeName && header.family == P.family && header.version == 1)
            var restored = try #require(restoredAny as? P, "\(P.self)")
            #expect(restored == first, "\(P.self): round trip at cut \(cut)")
            let after = try environment.replay(&restored, rounds: cut..<Self.horizon, session: &session)
            #expect(before + after == reference, "\(P.self): choices after restoring at round \(cut)")
            #expect(restored == uninterrupted, "\(P.self): final state after restoring at round \(cut)")
        }
    }

    @Test func snapshotsAreDeterministicBytes() throws {
        for policy in try PolicyZoo.all() {
            #expect(try PolicySnapshot.encode(policy) == PolicySnapshot.encode(policy), "\(type(of: policy))")
        }
    }
}
