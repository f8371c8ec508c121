import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditRuntime

/// Frozen version-1 snapshots of every policy type, written once (after 25 rounds of
/// ``ReplayEnvironment``) and never regenerated: a later BanditKit must keep reading them.
///
/// To add the fixture of a new policy type, run
/// `BANDITKIT_WRITE_FIXTURES=1 swift test --filter SnapshotFixtureTests`, which writes only the
/// missing files; commit them and never touch them again.
@Suite struct SnapshotFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let rounds = 25

    static func url(for typeName: String) -> URL { directory.appendingPathComponent("\(typeName).v1.snapshot") }

    @Test func writeMissingFixtures() throws {
        guard ProcessInfo.processInfo.environment["BANDITKIT_WRITE_FIXTURES"] == "1" else { return }
        for policy in try PolicyZoo.all() {
            try write(policy)
        }
    }

    private func write<P: SnapshottablePolicy>(_ fresh: P) throws {
        let url = Self.url(for: P.snapshotTypeName)
        guard !FileManager.default.fileExists(atPath: url.path) else { return }
        var policy = fresh
        _ = try ReplayEnvironment().replay(&policy, rounds: 0..<Self.rounds)
        try PolicySnapshot.encode(policy, specification: "PolicyZoo, \(Self.rounds) rounds of ReplayEnvironment").write(to: url)
    }

    @Test func everyRegisteredTypeHasAFrozenFixture() throws {
        for name in SnapshotRegistry.standard.typeNames {
            #expect(FileManager.default.fileExists(atPath: Self.url(for: name).path), "missing fixture for \(name)")
        }
    }

    /// Each fixture restores, re-encodes to exactly the same state bytes (the format is
    /// stable), and the restored policy keeps running.
    @Test func frozenFixturesStillRestore() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".v1.snapshot") }
        #expect(files.count >= SnapshotRegistry.standard.typeNames.count)
        for file in files {
            let data = try Data(contentsOf: Self.directory.appendingPathComponent(file))
            let (header, policy) = try SnapshotRegistry.standard.restore(data)
            #expect(header.version == 1 && file == "\(header.policyType).v1.snapshot")
            try checkReencodes(policy, original: data)
        }
    }

    private func checkReencodes<P: SnapshottablePolicy>(_ restored: P, original: Data) throws {
        let (_, originalState) = try PolicySnapshot.open(original)
        let (_, state) = try PolicySnapshot.open(try PolicySnapshot.encode(restored))
        #expect(state == originalState, "\(P.self): state bytes changed on re-encoding")
        var policy = restored
        _ = try ReplayEnvironment().replay(&policy, rounds: Self.rounds..<(Self.rounds + 10))
    }

    /// The fixtures also pin behaviour: restoring one equals replaying the same 25 rounds today.
    /// (If a policy's algorithm is deliberately changed, this test — not the fixture — changes.)
    @Test func fixturesMatchTodaysReplay() throws {
        for policy in try PolicyZoo.all() {
            try compare(policy)
        }
    }

    private func compare<P: SnapshottablePolicy>(_ fresh: P) throws {
        let url = Self.url(for: P.snapshotTypeName)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        var replayed = fresh
        _ = try ReplayEnvironment().replay(&replayed, rounds: 0..<Self.rounds)
        #expect(try PolicySnapshot.decode(P.self, from: Data(contentsOf: url)) == replayed, "\(P.self)")
    }
}
