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
    /// The bandit family, e.g. `stochastic` (the default) or `contextual`.
    public var family: String
    /// T.
    public var horizon: Int
    /// Repetitions per policy.
    public var repetitions: Int
    /// The master seed, if fixed by the scenario.
    public var seed: UInt64?
    /// The family-specific keys describing the environment (e.g. `arms` for the stochastic
    /// family), parsed by the family when the study is built.
    public var environment: [String: ScenarioValue]
    /// Policies as specifications; their text is their label.
    public var policies: [Specification]
    /// What the results must satisfy.
    public var expectations: [Expectation]

    public init(
        name: String, description: String = "", source: String = "", family: String = "stochastic",
        horizon: Int, repetitions: Int, seed: UInt64? = nil, environment: [String: ScenarioValue],
        policies: [Specification], expectations: [Expectation] = []
    ) {
        self.name = name
        self.description = description
        self.source = source
        self.family = family
        self.horizon = horizon
        self.repetitions = repetitions
        self.seed = seed
        self.environment = environment
        self.policies = policies
        self.expectations = expectations
    }

    /// The canonical text hashed into run metadata.
    public var canonicalText: String {
        var lines = ["name=\(name)", "family=\(family)", "horizon=\(horizon)", "repetitions=\(repetitions)"]
        lines.append("seed=\(seed.map(String.init) ?? "random")")
        lines += environment.keys.sorted().map { "\($0)=\(environment[$0]!)" }
        lines += policies.map { "policy=\($0)" }
        lines += expectations.map { "expectation=\($0)" }
        return lines.joined(separator: "\n")
    }
}

/// A check on a scenario's results.
public enum Expectation: Sendable, Hashable, CustomStringConvertible {
    /// The mean of `metric` for `policy` at round `t` lies in `[minimum, maximum]`, up to three
    /// standard errors: it fails only when the mean is significantly outside the range.
    case range(policy: String, metric: String?, t: Int, minimum: Double, maximum: Double)
    /// `policy` has lower mean `metric` than `other` at round `t`, by at least `z` standard
    /// errors of the difference (z = 2 by default: a one-sided test at about 2.3 %).
    case beats(policy: String, other: String, metric: String?, t: Int, z: Double)
    /// The growth exponent of `metric` for `policy` between rounds `from` and `t` — the log-log
    /// slope ln(R(t)/R(from)) / ln(t/from) of the mean — lies in `[minimum, maximum]`, up to three
    /// standard errors (see ``ExpectationGrowth``).
    case growth(policy: String, metric: String?, from: Int, t: Int, minimum: Double, maximum: Double)

    /// The round the expectation is checked at.
    public var t: Int {
        switch self {
        case .range(_, _, let t, _, _), .beats(_, _, _, let t, _), .growth(_, _, _, let t, _, _): return t
        }
    }

    public var description: String {
        switch self {
        case let .range(policy, metric, t, minimum, maximum):
            return "\(metric ?? "regret") of \(policy) at t=\(t) in [\(minimum), \(maximum)]"
        case let .beats(policy, other, metric, t, z):
            return "\(policy) beats \(other) on \(metric ?? "regret") at t=\(t) (z ≥ \(z))"
        case let .growth(policy, metric, from, t, minimum, maximum):
            return "\(metric ?? "regret") of \(policy) grows like t^k from t=\(from) to t=\(t), k in [\(minimum), \(maximum)]"
        }
    }
}

extension Scenario {
    /// A stochastic K-armed scenario with the given arms.
    public init(
        name: String, description: String = "", source: String = "", horizon: Int, repetitions: Int,
        seed: UInt64? = nil, arms: [Specification], policies: [Specification], expectations: [Expectation] = []
    ) {
        self.init(
            name: name, description: description, source: source, family: "stochastic", horizon: horizon,
            repetitions: repetitions, seed: seed, environment: ["arms": .list(arms.map { .text($0.description) })],
            policies: policies, expectations: expectations)
    }

    /// The keys every scenario may have, whatever its family.
    public static let commonKeys: Set<String> = [
        "name", "description", "source", "family", "horizon", "repetitions", "seed", "policies", "expectations",
    ]

    /// Parses a scenario from YAML text.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` naming the offending field.
    public init(yaml text: String, families: FamilyCatalog = .standard) throws(BanditError) {
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw .invalidScenario(field: "(file)", reason: "not valid YAML: \(Self.oneLine(error))")
        }
        guard case .mapping(let root) = ScenarioValue(loaded: node) else {
            throw .invalidScenario(field: "(file)", reason: "expected a mapping of keys such as name, horizon, arms, policies")
        }
        let reader = ScenarioFields(values: root)
        let family = try reader.optionalString("family") ?? "stochastic"
        guard let familyDefinition = families.family(named: family) else {
            throw .invalidScenario(field: "family", reason: "unknown family '\(family)' (known: \(families.families.map(\.name).joined(separator: ", ")))")
        }
        try reader.allowOnly(Self.commonKeys.union(familyDefinition.environmentKeys))
        let horizon = try reader.integer("horizon", minimum: 1)
        let policies = try reader.specifications("policies")
        var expectations: [Expectation] = []
        for (index, item) in try reader.list("expectations").enumerated() {
            let path = "expectations[\(index)]"
            guard case .mapping(let values) = item else {
                throw .invalidScenario(field: path, reason: "expected a mapping with 'type'")
            }
            let entry = ScenarioFields(values: values, path: path + ".")
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
            case "growth":
                expectations.append(try Expectation.parseGrowth(entry, t: t, path: path))
            default:
                throw .invalidScenario(field: path + ".type", reason: "unknown expectation type '\(type)' (known: range, beats, growth)")
            }
        }
        let labels = policies.map(\.description)
        for expectation in expectations {
            let named: [String]
            switch expectation {
            case .range(let policy, _, _, _, _), .growth(let policy, _, _, _, _, _): named = [policy]
            case .beats(let policy, let other, _, _, _): named = [policy, other]
            }
            for policy in named where !labels.contains(policy) {
                throw .invalidScenario(field: "expectations", reason: "policy '\(policy)' is not in 'policies' (\(labels.joined(separator: ", ")))")
            }
        }
        let seedValue: UInt64?
        switch root["seed"] {
        case nil, .null?: seedValue = nil
        case .number(let number)? where number >= 0 && number == number.rounded() && number < 0x1p63: seedValue = UInt64(number)
        case .text(let text)? where UInt64(text) != nil: seedValue = UInt64(text)
        default: throw .invalidScenario(field: "seed", reason: "expected a non-negative whole number")
        }
        self.init(
            name: try reader.string("name"), description: try reader.optionalString("description") ?? "",
            source: try reader.optionalString("source") ?? "", family: family, horizon: horizon,
            repetitions: try reader.integer("repetitions", minimum: 1), seed: seedValue,
            environment: root.filter { familyDefinition.environmentKeys.contains($0.key) },
            policies: policies, expectations: expectations)
    }

    /// Reads a scenario file.
    public init(contentsOf url: URL, families: FamilyCatalog = .standard) throws(BanditError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .invalidScenario(field: "(file)", reason: "cannot read \(url.path): \(Self.oneLine(error))")
        }
        try self.init(yaml: text, families: families)
    }

    static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
