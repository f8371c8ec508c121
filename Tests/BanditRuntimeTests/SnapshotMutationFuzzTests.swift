import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditRuntime

/// Hand-forged snapshots of every registered type: the state is structurally mutated (arrays
/// shrunk, grown and emptied, numbers replaced by −1, 10⁹, 2⁶², 10³⁰⁰ and "nan", keys
/// dropped), re-sealed with a correct length and checksum — so only the state's own
/// validation stands between it and the policy — and restored. Each must give a typed
/// ``SnapshotError``, or a policy that then runs 20 rounds without a crash, a hang or an error
/// other than the typed overflow errors a policy reports for finite but absurd values.
///
/// A crash here is a crash of the test process: run with `BANDITKIT_FUZZ_TRACE=1` to print
/// each mutation before it is tried.
@Suite struct SnapshotMutationFuzzTests {
    /// Mutations tried per type at most (chosen by a fixed-seed draw when there are more);
    /// `BANDITKIT_FUZZ_BUDGET=n` overrides it for a longer run.
    static let budgetPerType = ProcessInfo.processInfo.environment["BANDITKIT_FUZZ_BUDGET"].flatMap { Int($0) } ?? 96
    static let rounds = 20

    /// One step into a JSON value.
    enum Step: CustomStringConvertible {
        case key(String)
        case index(Int)

        var description: String {
            switch self {
            case let .key(key): ".\(key)"
            case let .index(index): "[\(index)]"
            }
        }
    }

    enum Mutation: CustomStringConvertible {
        case shrink, grow, empty, drop
        case replace(Any, String)

        var description: String {
            switch self {
            case .shrink: "shrink"
            case .grow: "grow"
            case .empty: "empty"
            case .drop: "drop"
            case let .replace(_, label): "= \(label)"
            }
        }
    }

    static var replacements: [(Any, String)] {
        [(-1, "-1"), (1_000_000_000, "1e9"), (1 << 62, "2^62"), (1e300, "1e300"), ("nan", "\"nan\""), (0, "0")]
    }

    /// Every (path, mutation) the state admits: arrays shrink, grow and empty; numbers take each
    /// replacement; object keys are dropped.
    static func mutations(of value: Any, at path: [Step] = []) -> [([Step], Mutation)] {
        var result: [([Step], Mutation)] = []
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() {
                result.append((path + [.key(key)], .drop))
                result += mutations(of: object[key]!, at: path + [.key(key)])
            }
        } else if let array = value as? [Any] {
            result += [(path, .shrink), (path, .grow), (path, .empty)]
            for (index, element) in array.enumerated() { result += mutations(of: element, at: path + [.index(index)]) }
        } else if value is NSNumber || value is String {
            for (replacement, label) in replacements { result.append((path, .replace(replacement, label))) }
        }
        return result
    }

    /// `value` with `mutation` applied at `path`.
    static func apply(_ mutation: Mutation, at path: [Step], to value: Any) -> Any {
        guard let step = path.first else {
            switch mutation {
            case .shrink: return Array((value as! [Any]).dropLast())
            case .grow:
                let array = value as! [Any]
                return array + [array.last ?? 0]
            case .empty: return [Any]()
            case let .replace(replacement, _): return replacement
            case .drop: preconditionFailure("drop applies to a key")
            }
        }
        let rest = Array(path.dropFirst())
        switch step {
        case let .key(key):
            var object = value as! [String: Any]
            if rest.isEmpty, case .drop = mutation {
                object.removeValue(forKey: key)
            } else {
                object[key] = apply(mutation, at: rest, to: object[key]!)
            }
            return object
        case let .index(index):
            var array = value as! [Any]
            array[index] = apply(mutation, at: rest, to: array[index])
            return array
        }
    }

    static func seal(header: Data, state: Data) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: header) as? [String: Any])
        object["stateLength"] = state.count
        object["checksum"] = FNV1a64.tag(state)
        var data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        data.append(UInt8(ascii: "\n"))
        data.append(state)
        return data
    }

    @Test func forgedStatesGiveTypedErrorsOrWorkingPolicies() throws {
        let trace = ProcessInfo.processInfo.environment["BANDITKIT_FUZZ_TRACE"] == "1"
        for policy in try PolicyZoo.all() + PolicyZoo.variants() {
            let (tried, rejected) = try fuzz(policy, trace: trace)
            // Some mutations leave a valid state (a count set to 0 in a scratch buffer, a
            // parameter moved within its range); a dropped field never does.
            #expect(tried > 0 && rejected > 0, "\(type(of: policy)): \(rejected) of \(tried) forged states rejected")
        }
    }

    private func fuzz<P: SnapshottablePolicy>(_ fresh: P, trace: Bool) throws -> (tried: Int, rejected: Int) {
        var policy = fresh
        _ = try ReplayEnvironment().replay(&policy, rounds: 0..<SnapshotFixtureTests.rounds)
        let data = try PolicySnapshot.encode(policy)
        let newline = try #require(data.firstIndex(of: UInt8(ascii: "\n")))
        let header = Data(data[..<newline])
        let state = try JSONSerialization.jsonObject(with: data[data.index(after: newline)...], options: [.fragmentsAllowed])
        // The re-serialised, unmutated state must restore the same policy, or every mutation
        // would be rejected for the wrong reason.
        let baseline = try Self.seal(header: header, state: try JSONSerialization.data(withJSONObject: state, options: [.sortedKeys]))
        #expect(try PolicySnapshot.decode(P.self, from: baseline) == policy, "\(P.self): JSON round trip changes the state")

        // At most half the budget on structural mutations (arrays, keys) and the rest on number
        // replacements, each a fixed-seed sample when there are more.
        var generator = Xoshiro256PlusPlus(seed: 0xF022)
        func sample(_ items: [([Step], Mutation)], _ count: Int) -> [([Step], Mutation)] {
            var items = items
            for index in items.indices.reversed() { items.swapAt(index, generator.nextIndex(below: index + 1)) }
            return Array(items.prefix(count))
        }
        let all = Self.mutations(of: state)
        let structural = all.filter { if case .replace = $0.1 { false } else { true } }
        let replacements = all.filter { if case .replace = $0.1 { true } else { false } }
        let structuralShare = sample(structural, Self.budgetPerType / 2)
        let candidates = structuralShare + sample(replacements, Self.budgetPerType - structuralShare.count)
        // Debugging aid: BANDITKIT_FUZZ_SKIP=a,b skips the mutations whose label contains a or b.
        let skipped = (ProcessInfo.processInfo.environment["BANDITKIT_FUZZ_SKIP"] ?? "").split(separator: ",").map(String.init)
        var rejected = 0
        for (path, mutation) in candidates {
            let label = "\(P.snapshotTypeName)\(path.map(\.description).joined()) \(mutation)"
            if trace { FileHandle.standardError.write(Data("fuzz: \(label)\n".utf8)) }
            if skipped.contains(where: { label.contains($0) }) { continue }
            let mutated = Self.apply(mutation, at: path, to: state)
            let forged = try Self.seal(header: header, state: try JSONSerialization.data(withJSONObject: mutated, options: [.sortedKeys, .fragmentsAllowed]))
            let restored: any SnapshottablePolicy
            do {
                restored = try SnapshotRegistry.standard.restore(forged).policy
            } catch {
                rejected += 1
                continue
            }
            do {
                try run(restored)
            } catch BanditError.numerical, BanditError.nonFiniteReward {
                // A finite but absurd value (10³⁰⁰ in a posterior or a Cholesky factor) can
                // overflow a later update: the policy detects it and rejects the update with a
                // typed error, leaving its state as it was — not a crash.
            } catch {
                Issue.record("\(label): accepted, then failed: \(error)")
            }
        }
        return (candidates.count, rejected)
    }

    private func run<Q: SnapshottablePolicy>(_ restored: Q) throws {
        var policy = restored
        let start = SnapshotFixtureTests.rounds
        _ = try ReplayEnvironment().replay(&policy, rounds: start..<(start + Self.rounds))
    }
}
