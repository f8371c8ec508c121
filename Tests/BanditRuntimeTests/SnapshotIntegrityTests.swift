import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditRuntime

/// Corrupted, truncated, future-version and hand-crafted snapshots give a typed error naming
/// the problem, never a misread policy or a huge allocation.
@Suite struct SnapshotIntegrityTests {
    func ucb1Snapshot() throws -> Data {
        var policy = try UCB1(armCount: 3)
        _ = try ReplayEnvironment().play(&policy, rounds: 0..<10)
        return try PolicySnapshot.encode(policy)
    }

    /// Splits a snapshot into its header object and state bytes.
    func split(_ data: Data) throws -> (header: [String: Any], state: Data) {
        let newline = try #require(data.firstIndex(of: UInt8(ascii: "\n")))
        let header = try #require(try JSONSerialization.jsonObject(with: data[..<newline]) as? [String: Any])
        return (header, Data(data[data.index(after: newline)...]))
    }

    /// Re-assembles a snapshot with a correct length and checksum for `state`, as a forger (or a
    /// buggy writer) would: the integrity checks pass, so the state's own validation must act.
    func seal(_ header: [String: Any], _ state: Data) throws -> Data {
        var header = header
        header["stateLength"] = state.count
        header["checksum"] = FNV1a64.tag(state)
        var data = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        data.append(UInt8(ascii: "\n"))
        data.append(state)
        return data
    }

    func error(_ body: () throws -> Void) -> SnapshotError? {
        do { try body(); return nil } catch let error as SnapshotError { return error } catch {
            Issue.record("untyped error \(error)"); return nil
        }
    }

    @Test func truncationIsDetected() throws {
        let data = try ucb1Snapshot()
        let truncated = data.prefix(data.count - 7)
        let (header, _) = try split(data)
        #expect(error { _ = try PolicySnapshot.decode(UCB1.self, from: truncated) }
            == .lengthMismatch(expected: header["stateLength"] as! Int, actual: (header["stateLength"] as! Int) - 7))
        #expect(error { _ = try PolicySnapshot.decode(UCB1.self, from: data.prefix(20)) } == .notASnapshot(reason: "no header line in the first 65536 bytes"))
        #expect(error { _ = try PolicySnapshot.decode(UCB1.self, from: Data()) } == .notASnapshot(reason: "empty input"))
    }

    @Test func corruptionIsDetected() throws {
        var data = try ucb1Snapshot()
        // Flip one digit of the state (same length): only the checksum can notice.
        let index = try #require(data.lastIndex(where: { (UInt8(ascii: "1")...UInt8(ascii: "8")).contains($0) }))
        data[index] += 1
        guard case .checksumMismatch = error({ _ = try PolicySnapshot.decode(UCB1.self, from: data) }) else {
            Issue.record("expected a checksum mismatch"); return
        }
    }

    @Test func futureVersionAndForeignFormatsAreNamed() throws {
        let (header, state) = try split(try ucb1Snapshot())
        var future = header
        future["version"] = 2
        #expect(error { _ = try PolicySnapshot.decode(UCB1.self, from: try! seal(future, state)) } == .unsupportedVersion(found: 2, newestSupported: 1))
        var foreign = header
        foreign["format"] = "pickle"
        #expect(error { _ = try PolicySnapshot.decode(UCB1.self, from: try! seal(foreign, state)) }
            == .notASnapshot(reason: "format is 'pickle', expected 'banditkit-policy-snapshot'"))
        var unknown = header
        unknown["policyType"] = "UCB9"
        guard case let .unknownPolicyType(name, known)? = error({ _ = try SnapshotRegistry.standard.restore(try! seal(unknown, state)) }) else {
            Issue.record("expected unknownPolicyType"); return
        }
        #expect(name == "UCB9" && known.contains("UCB1"))
        #expect(error { _ = try PolicySnapshot.decode(EpsilonGreedy.self, from: try! ucb1Snapshot()) } == .policyTypeMismatch(expected: "EpsilonGreedy", found: "UCB1"))
        #expect(error { _ = try PolicySnapshot.decode(UCB1.self, from: Data("not json\n{}".utf8)) } == .notASnapshot(reason: "the first line is not a JSON header"))
    }

    @Test func oversizedInputIsRejectedBeforeParsing() throws {
        let data = try ucb1Snapshot()
        #expect(error { _ = try PolicySnapshot.decode(UCB1.self, from: data, maximumBytes: 100) } == .tooLarge(bytes: data.count, limit: 100))
    }

    @Test func claimedArmCountIsCheckedAgainstTheData() throws {
        let (header, state) = try split(try ucb1Snapshot())
        var object = try #require(try JSONSerialization.jsonObject(with: state) as? [String: Any])
        var statistics = try #require(object["statistics"] as? [String: Any])
        statistics["armCount"] = 1_000_000_000
        object["statistics"] = statistics
        let forged = try seal(header, try JSONSerialization.data(withJSONObject: object))
        guard case let .invalidState(path, reason)? = error({ _ = try PolicySnapshot.decode(UCB1.self, from: forged) }) else {
            Issue.record("expected invalidState"); return
        }
        #expect(path == "statistics.storage" && reason.contains("1000000000 arms"))
    }

    @Test func claimedMatrixShapeIsCheckedAgainstTheData() throws {
        var policy = try LinUCB(armCount: 2, dimension: 2)
        _ = try ReplayEnvironment().play(&policy, rounds: 0..<0)
        let (header, state) = try split(try PolicySnapshot.encode(policy))
        var object = try #require(try JSONSerialization.jsonObject(with: state) as? [String: Any])
        var ridge = try #require(object["ridge"] as? [String: Any])
        var gram = try #require(ridge["lowerGram"] as? [String: Any])
        gram["rows"] = 1_000_000_000
        gram["columns"] = 1_000_000_000
        ridge["lowerGram"] = gram
        object["ridge"] = ridge
        let forged = try seal(header, try JSONSerialization.data(withJSONObject: object))
        guard case let .invalidState(path, _)? = error({ _ = try PolicySnapshot.decode(LinUCB.self, from: forged) }) else {
            Issue.record("expected invalidState"); return
        }
        #expect(path == "ridge.lowerGram.storage")
    }

    @Test func missingFieldIsNamed() throws {
        let (header, state) = try split(try ucb1Snapshot())
        var object = try #require(try JSONSerialization.jsonObject(with: state) as? [String: Any])
        object.removeValue(forKey: "explorationScale")
        let forged = try seal(header, try JSONSerialization.data(withJSONObject: object))
        #expect(error { _ = try PolicySnapshot.decode(UCB1.self, from: forged) } == .invalidState(path: "explorationScale", reason: "missing field 'explorationScale'"))
    }
}
