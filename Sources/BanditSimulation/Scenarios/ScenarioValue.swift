import Foundation
import Yams

/// A value from a scenario file, kept in a typed, `Hashable` form so that family-specific
/// sections can be carried by ``Scenario`` and parsed by their family.
public indirect enum ScenarioValue: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case boolean(Bool)
    case list([ScenarioValue])
    case mapping([String: ScenarioValue])
    case null

    /// Converts what Yams loads (String, Int, Double, Bool, arrays, dictionaries, NSNull).
    init(loaded value: Any?) {
        switch value {
        case nil, is NSNull: self = .null
        case let value as Bool: self = .boolean(value)
        case let value as Int: self = .number(Double(value))
        case let value as Double: self = .number(value)
        case let value as String: self = .text(value)
        case let value as [Any]: self = .list(value.map { ScenarioValue(loaded: $0) })
        case let value as [String: Any]: self = .mapping(value.mapValues { ScenarioValue(loaded: $0) })
        default: self = .text("\(value!)")
        }
    }

    /// Parses one value written in YAML syntax, e.g. `20`, `[1, 2]` or `gaussian(0, 0.1)`.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` when it is not valid YAML.
    public init(yamlScalar text: String) throws(BanditError) {
        do { self.init(loaded: try Yams.load(yaml: text)) } catch {
            throw .invalidScenario(field: text, reason: "not a valid YAML value")
        }
    }

    public var description: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .boolean(let flag): return flag ? "true" : "false"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let entries): return "{" + entries.keys.sorted().map { "\($0): \(entries[$0]!)" }.joined(separator: ", ") + "}"
        case .null: return "null"
        }
    }
}

/// Typed access to one mapping of a scenario file, with errors naming the field's full path.
public struct ScenarioFields: Sendable {
    /// The entries.
    public let values: [String: ScenarioValue]
    /// The path prefix for error messages, e.g. `expectations[2].`.
    public let path: String

    public init(values: [String: ScenarioValue], path: String = "") {
        self.values = values
        self.path = path
    }

    /// Rejects keys outside `keys`.
    public func allowOnly(_ keys: Set<String>) throws(BanditError) {
        for key in values.keys.sorted() where !keys.contains(key) {
            throw .invalidScenario(field: path + key, reason: "unknown key (allowed: \(keys.sorted().joined(separator: ", ")))")
        }
    }

    /// Whether a key is present (and not null).
    public func contains(_ key: String) -> Bool {
        if case .some(.null) = values[key] { return false }
        return values[key] != nil
    }

    public func string(_ key: String) throws(BanditError) -> String {
        guard let value = try optionalString(key) else { throw .invalidScenario(field: path + key, reason: "required") }
        return value
    }

    public func optionalString(_ key: String) throws(BanditError) -> String? {
        switch values[key] {
        case nil, .null?: return nil
        case .text(let text)?: return text
        case .number?, .boolean?: return values[key]!.description
        default: throw .invalidScenario(field: path + key, reason: "expected text")
        }
    }

    public func optionalNumber(_ key: String) throws(BanditError) -> Double? {
        switch values[key] {
        case nil, .null?: return nil
        case .number(let number)? where number.isFinite: return number
        case .text(let text)?:
            if let number = Double(text), number.isFinite { return number }
            fallthrough
        default: throw .invalidScenario(field: path + key, reason: "expected a finite number")
        }
    }

    public func number(_ key: String) throws(BanditError) -> Double {
        guard let value = try optionalNumber(key) else { throw .invalidScenario(field: path + key, reason: "required") }
        return value
    }

    public func optionalInteger(_ key: String, minimum: Int) throws(BanditError) -> Int? {
        guard let number = try optionalNumber(key) else { return nil }
        guard number == number.rounded(), abs(number) < 9e15 else {
            throw .invalidScenario(field: path + key, reason: "expected a whole number")
        }
        guard Int(number) >= minimum else { throw .invalidScenario(field: path + key, reason: "must be ≥ \(minimum)") }
        return Int(number)
    }

    public func integer(_ key: String, minimum: Int) throws(BanditError) -> Int {
        guard let value = try optionalInteger(key, minimum: minimum) else { throw .invalidScenario(field: path + key, reason: "required") }
        return value
    }

    public func optionalBoolean(_ key: String) throws(BanditError) -> Bool? {
        switch values[key] {
        case nil, .null?: return nil
        case .boolean(let flag)?: return flag
        default: throw .invalidScenario(field: path + key, reason: "expected true or false")
        }
    }

    public func list(_ key: String) throws(BanditError) -> [ScenarioValue] {
        switch values[key] {
        case nil, .null?: return []
        case .list(let items)?: return items
        default: throw .invalidScenario(field: path + key, reason: "expected a list")
        }
    }

    public func numbers(_ key: String) throws(BanditError) -> [Double] {
        var result: [Double] = []
        for (index, item) in try list(key).enumerated() {
            guard case .number(let number) = item, number.isFinite else {
                throw .invalidScenario(field: "\(path)\(key)[\(index)]", reason: "expected a finite number")
            }
            result.append(number)
        }
        return result
    }

    public func mapping(_ key: String) throws(BanditError) -> ScenarioFields? {
        switch values[key] {
        case nil, .null?: return nil
        case .mapping(let entries)?: return ScenarioFields(values: entries, path: path + key + ".")
        default: throw .invalidScenario(field: path + key, reason: "expected a mapping")
        }
    }

    /// A list of specifications such as `bernoulli(0.9)`.
    public func specifications(_ key: String, required: Bool = true) throws(BanditError) -> [Specification] {
        let items = try list(key)
        guard !items.isEmpty || !required else { throw .invalidScenario(field: path + key, reason: "at least one entry is required") }
        var result: [Specification] = []
        for (index, item) in items.enumerated() {
            guard case .text(let text) = item else {
                throw .invalidScenario(field: "\(path)\(key)[\(index)]", reason: "expected text such as bernoulli(0.9)")
            }
            do { result.append(try Specification(parsing: text)) } catch {
                throw .invalidScenario(field: "\(path)\(key)[\(index)]", reason: error.description)
            }
        }
        return result
    }
}

import BanditCore
