/// Describes one parameter that a policy or distribution accepts: how `bandit list` prints it
/// and how a ``Specification`` is bound to it.
public struct ParameterDescriptor: Sendable, Hashable {
    /// The label users write, e.g. `epsilon`.
    public let name: String
    /// The value used when the argument is omitted; `nil` makes the parameter required.
    public let defaultValue: String?
    /// One line for a person: the symbol in the paper and what it controls.
    public let summary: String

    public init(_ name: String, default defaultValue: String? = nil, _ summary: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// The arguments of a ``Specification`` matched against a parameter list, with every value
/// checked when it is read.
public struct BoundArguments: Sendable {
    /// The specification's name, for error messages.
    public let owner: String
    /// The values by parameter name (defaults filled in).
    public let values: [String: String]

    /// `owner(name=value, …)` with every parameter, defaults included, in name order — what a
    /// run's metadata records so the exact configuration can be rebuilt.
    public var canonicalDescription: String {
        values.isEmpty ? owner : owner + "(" + values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: ", ") + ")"
    }

    /// A finite number.
    public func double(_ name: String) throws(BanditError) -> Double {
        let text = try raw(name)
        guard let value = Double(text), value.isFinite else {
            throw .invalidParameter(name: "\(owner).\(name)", value: text, reason: "expected a finite number")
        }
        return value
    }

    /// A whole number.
    public func int(_ name: String) throws(BanditError) -> Int {
        let text = try raw(name)
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, value == value.rounded(), abs(value) < 9e15 { return Int(value) }
        throw .invalidParameter(name: "\(owner).\(name)", value: text, reason: "expected a whole number")
    }

    /// A boolean written `true`/`false` (also `yes`/`no`, `1`/`0`).
    public func bool(_ name: String) throws(BanditError) -> Bool {
        let text = try raw(name).lowercased()
        switch text {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw .invalidParameter(name: "\(owner).\(name)", value: text, reason: "expected true or false")
        }
    }

    /// A bare word, lower-cased.
    public func word(_ name: String) throws(BanditError) -> String { try raw(name).lowercased() }

    /// The raw text of a parameter.
    public func raw(_ name: String) throws(BanditError) -> String {
        guard let value = values[name] else {
            throw .invalidParameter(name: "\(owner).\(name)", value: "(missing)", reason: "a value is required")
        }
        return value
    }
}

extension Specification {
    /// Matches positional arguments to `parameters` in order and labelled ones by name.
    /// - Throws: on an unknown label, a duplicate, too many positional arguments or a missing
    ///   required parameter — each naming the parameter.
    public func bind(to parameters: [ParameterDescriptor]) throws(BanditError) -> BoundArguments {
        var values: [String: String] = [:]
        var position = 0
        for argument in arguments {
            let parameterName: String
            if let label = argument.label {
                guard parameters.contains(where: { $0.name == label }) else {
                    let known = parameters.map(\.name)
                    throw .invalidParameter(
                        name: "\(name).\(label)", value: argument.value,
                        reason: known.isEmpty ? "\(name) takes no parameters" : "unknown parameter (known: \(known.joined(separator: ", ")))")
                }
                parameterName = label
            } else {
                guard position < parameters.count else {
                    throw .invalidParameter(
                        name: name, value: argument.value,
                        reason: "too many arguments (\(name) takes \(parameters.count))")
                }
                parameterName = parameters[position].name
                position += 1
            }
            guard values[parameterName] == nil else {
                throw .invalidParameter(name: "\(name).\(parameterName)", value: argument.value, reason: "given twice")
            }
            values[parameterName] = argument.value
        }
        for parameter in parameters where values[parameter.name] == nil {
            guard let fallback = parameter.defaultValue else {
                throw .invalidParameter(name: "\(name).\(parameter.name)", value: "(missing)", reason: "a value is required")
            }
            values[parameter.name] = fallback
        }
        return BoundArguments(owner: name, values: values)
    }
}
