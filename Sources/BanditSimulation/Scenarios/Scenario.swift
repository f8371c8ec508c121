import BanditCore
import Foundation
import Yams

/// A scenario file: a study that can be re-run and checked, e.g. a paper's experiment.
///
/// Written in YAML (schema in `Scenarios/README.md`). Every key is checked: a misspelt key is an
/// error naming it, not a silently ignored setting.
public struct Scenario: Sendable, Hashable {
    /// Short identifier, used for report sections and file names.
    public var name: String
    /// What the scenario reproduces, for people.
    public var description: String
    /// The source: authors, year, figure or table.
    public var source: String
    /// The bandit family; `stochastic` is the only one so far.
    public var family: String
    /// T.
    public var horizon: Int
    /// Repetitions per policy.
    public var repetitions: Int
    /// The master seed, if fixed by the scenario.
    public var seed: UInt64?
    /// Arms as distribution specifications, e.g. `bernoulli(0.9)`.
    public var arms: [Specification]
    /// Policies as specifications; their text is their label.
    public var policies: [Specification]
    /// What the results must satisfy.
    public var expectations: [Expectation]

    public init(
        name: String, description: String = "", source: String = "", family: String = "stochastic",
        horizon: Int, repetitions: Int, seed: UInt64? = nil, arms: [Specification], policies: [Specification],
        expectations: [Expectation] = []
    ) {
        self.name = name
        self.description = description
        self.source = source
        self.family = family
        self.horizon = horizon
        self.repetitions = repetitions
        self.seed = seed
        self.arms = arms
        self.policies = policies
        self.expectations = expectations
    }

    /// The canonical text hashed into run metadata.
    public var canonicalText: String {
        var lines = ["name=\(name)", "family=\(family)", "horizon=\(horizon)", "repetitions=\(repetitions)"]
        lines.append("seed=\(seed.map(String.init) ?? "random")")
        lines += arms.map { "arm=\($0)" }
        lines += policies.map { "policy=\($0)" }
        lines += expectations.map { "expectation=\($0)" }
        return lines.joined(separator: "\n")
    }
}

/// A check on a scenario's results.
public enum Expectation: Sendable, Hashable, CustomStringConvertible {
    /// The mean of `metric` for `policy` at round `t` lies in `[minimum, maximum]`.
    case range(policy: String, metric: String?, t: Int, minimum: Double, maximum: Double)
    /// `policy` has lower mean `metric` than `other` at round `t`, by at least `z` standard
    /// errors of the difference (z = 2 by default: a one-sided test at about 2.3 %).
    case beats(policy: String, other: String, metric: String?, t: Int, z: Double)

    /// The round the expectation is checked at.
    public var t: Int {
        switch self {
        case .range(_, _, let t, _, _), .beats(_, _, _, let t, _): return t
        }
    }

    public var description: String {
        switch self {
        case let .range(policy, metric, t, minimum, maximum):
            return "\(metric ?? "regret") of \(policy) at t=\(t) in [\(minimum), \(maximum)]"
        case let .beats(policy, other, metric, t, z):
            return "\(policy) beats \(other) on \(metric ?? "regret") at t=\(t) (z ≥ \(z))"
        }
    }
}

extension Scenario {
    /// Parses a scenario from YAML text.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` naming the offending field.
    public init(yaml text: String) throws(BanditError) {
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw .invalidScenario(field: "(file)", reason: "not valid YAML: \(Self.oneLine(error))")
        }
        guard let root = node as? [String: Any] else {
            throw .invalidScenario(field: "(file)", reason: "expected a mapping of keys such as name, horizon, arms, policies")
        }
        let reader = FieldReader(values: root, path: "")
        try reader.allowOnly(["name", "description", "source", "family", "horizon", "repetitions", "seed", "arms", "policies", "expectations"])
        name = try reader.string("name")
        description = try reader.optionalString("description") ?? ""
        source = try reader.optionalString("source") ?? ""
        family = try reader.optionalString("family") ?? "stochastic"
        guard family == "stochastic" else {
            throw .invalidScenario(field: "family", reason: "unknown family '\(family)' (known: stochastic)")
        }
        horizon = try reader.integer("horizon", minimum: 1)
        repetitions = try reader.integer("repetitions", minimum: 1)
        seed = try reader.optionalUInt64("seed")
        arms = try reader.specifications("arms")
        policies = try reader.specifications("policies")
        var expectations: [Expectation] = []
        for (index, item) in try reader.list("expectations").enumerated() {
            let path = "expectations[\(index)]"
            guard let values = item as? [String: Any] else {
                throw .invalidScenario(field: path, reason: "expected a mapping with 'type'")
            }
            let entry = FieldReader(values: values, path: path + ".")
            let type = try entry.string("type")
            let t = try entry.optionalInteger("t", minimum: 1) ?? horizon
            guard t <= horizon else { throw .invalidScenario(field: path + ".t", reason: "t=\(t) is beyond the horizon \(horizon)") }
            switch type {
            case "range":
                try entry.allowOnly(["type", "policy", "metric", "t", "min", "max"])
                let minimum = try entry.number("min")
                let maximum = try entry.number("max")
                guard minimum <= maximum else { throw .invalidScenario(field: path + ".min", reason: "min > max") }
                expectations.append(.range(policy: try entry.string("policy"), metric: try entry.optionalString("metric"), t: t, minimum: minimum, maximum: maximum))
            case "beats":
                try entry.allowOnly(["type", "policy", "other", "metric", "t", "z"])
                let z = try entry.optionalNumber("z") ?? 2
                expectations.append(.beats(policy: try entry.string("policy"), other: try entry.string("other"), metric: try entry.optionalString("metric"), t: t, z: z))
            default:
                throw .invalidScenario(field: path + ".type", reason: "unknown expectation type '\(type)' (known: range, beats)")
            }
        }
        self.expectations = expectations
        let labels = policies.map(\.description)
        for expectation in expectations {
            let named: [String]
            switch expectation {
            case .range(let policy, _, _, _, _): named = [policy]
            case .beats(let policy, let other, _, _, _): named = [policy, other]
            }
            for policy in named where !labels.contains(policy) {
                throw .invalidScenario(field: "expectations", reason: "policy '\(policy)' is not in 'policies' (\(labels.joined(separator: ", ")))")
            }
        }
    }

    /// Reads a scenario file.
    public init(contentsOf url: URL) throws(BanditError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .invalidScenario(field: "(file)", reason: "cannot read \(url.path): \(Self.oneLine(error))")
        }
        try self.init(yaml: text)
    }

    static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// Typed access to one YAML mapping, with errors naming the field's full path.
private struct FieldReader {
    let values: [String: Any]
    let path: String

    func allowOnly(_ keys: Set<String>) throws(BanditError) {
        for key in values.keys.sorted() where !keys.contains(key) {
            throw .invalidScenario(field: path + key, reason: "unknown key (allowed: \(keys.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ key: String) throws(BanditError) -> String {
        guard let value = try optionalString(key) else { throw .invalidScenario(field: path + key, reason: "required") }
        return value
    }

    func optionalString(_ key: String) throws(BanditError) -> String? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        if let text = value as? String { return text }
        if let number = value as? Int { return String(number) }
        if let number = value as? Double { return "\(number)" }
        throw .invalidScenario(field: path + key, reason: "expected text")
    }

    func optionalNumber(_ key: String) throws(BanditError) -> Double? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        let number: Double?
        if let value = value as? Int { number = Double(value) } else if let value = value as? Double { number = value } else if let text = value as? String { number = Double(text) } else { number = nil }
        guard let number, number.isFinite else { throw .invalidScenario(field: path + key, reason: "expected a finite number") }
        return number
    }

    func number(_ key: String) throws(BanditError) -> Double {
        guard let value = try optionalNumber(key) else { throw .invalidScenario(field: path + key, reason: "required") }
        return value
    }

    func optionalInteger(_ key: String, minimum: Int) throws(BanditError) -> Int? {
        guard let number = try optionalNumber(key) else { return nil }
        guard number == number.rounded(), abs(number) < 9e15 else {
            throw .invalidScenario(field: path + key, reason: "expected a whole number")
        }
        guard Int(number) >= minimum else { throw .invalidScenario(field: path + key, reason: "must be ≥ \(minimum)") }
        return Int(number)
    }

    func integer(_ key: String, minimum: Int) throws(BanditError) -> Int {
        guard let value = try optionalInteger(key, minimum: minimum) else { throw .invalidScenario(field: path + key, reason: "required") }
        return value
    }

    func optionalUInt64(_ key: String) throws(BanditError) -> UInt64? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        if let number = value as? Int, number >= 0 { return UInt64(number) }
        if let text = value as? String, let number = UInt64(text) { return number }
        throw .invalidScenario(field: path + key, reason: "expected a non-negative whole number")
    }

    func list(_ key: String) throws(BanditError) -> [Any] {
        guard let value = values[key], !(value is NSNull) else { return [] }
        guard let items = value as? [Any] else { throw .invalidScenario(field: path + key, reason: "expected a list") }
        return items
    }

    func specifications(_ key: String) throws(BanditError) -> [Specification] {
        let items = try list(key)
        guard !items.isEmpty else { throw .invalidScenario(field: path + key, reason: "at least one entry is required") }
        var result: [Specification] = []
        for (index, item) in items.enumerated() {
            guard let text = item as? String else {
                throw .invalidScenario(field: "\(path)\(key)[\(index)]", reason: "expected text such as bernoulli(0.9)")
            }
            do { result.append(try Specification(parsing: text)) } catch {
                throw .invalidScenario(field: "\(path)\(key)[\(index)]", reason: error.description)
            }
        }
        return result
    }
}
