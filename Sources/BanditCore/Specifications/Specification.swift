/// A textual call such as `bernoulli(0.9)`, `ucb1` or `epsilon-greedy(epsilon=0.05)`: how the
/// command line and scenario files name a distribution or a policy.
///
/// Grammar: `name` or `name(argument, …)` where each argument is `value` (positional) or
/// `label=value`; values are numbers or bare words. Positional arguments must come first.
public struct Specification: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One argument of a call.
    public struct Argument: Sendable, Hashable, Codable {
        /// The label, or `nil` for a positional argument.
        public var label: String?
        /// The value as written.
        public var value: String

        public init(label: String? = nil, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// The lower-cased name before the parenthesis.
    public var name: String
    /// The arguments in the order written.
    public var arguments: [Argument]

    public init(name: String, arguments: [Argument] = []) {
        self.name = name
        self.arguments = arguments
    }

    /// A specification with labelled numeric arguments, written back in canonical form.
    public init(name: String, labelled: KeyValuePairs<String, Double>) {
        self.name = name
        self.arguments = labelled.map { Argument(label: $0.key, value: Specification.format($0.value)) }
    }

    /// Parses `name(arguments…)`.
    /// - Throws: ``BanditError/malformedSpecification(input:reason:)`` naming what is wrong.
    public init(parsing text: String) throws(BanditError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .malformedSpecification(input: text, reason: "empty") }
        guard let open = trimmed.firstIndex(of: "(") else {
            try Self.checkName(trimmed, in: text)
            self.init(name: trimmed.lowercased())
            return
        }
        guard trimmed.last == ")" else {
            throw .malformedSpecification(input: text, reason: "missing closing ')'")
        }
        let name = String(trimmed[..<open]).trimmingWhitespace()
        try Self.checkName(name, in: text)
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        guard !inner.contains("(") && !inner.contains(")") else {
            throw .malformedSpecification(input: text, reason: "nested parentheses are not allowed")
        }
        var arguments: [Argument] = []
        let pieces = inner.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        if !(pieces.count == 1 && pieces[0].isEmpty) {
            for piece in pieces {
                guard !piece.isEmpty else { throw .malformedSpecification(input: text, reason: "empty argument") }
                if let equals = piece.firstIndex(of: "=") {
                    let label = String(piece[..<equals]).trimmingWhitespace().lowercased()
                    let value = String(piece[piece.index(after: equals)...]).trimmingWhitespace()
                    guard !label.isEmpty, !value.isEmpty else {
                        throw .malformedSpecification(input: text, reason: "argument '\(piece)' needs label=value")
                    }
                    arguments.append(Argument(label: label, value: value))
                } else {
                    if arguments.contains(where: { $0.label != nil }) {
                        throw .malformedSpecification(input: text, reason: "positional argument '\(piece)' after a labelled one")
                    }
                    arguments.append(Argument(value: piece))
                }
            }
        }
        self.init(name: name.lowercased(), arguments: arguments)
    }

    private static func checkName(_ name: String, in text: String) throws(BanditError) {
        guard !name.isEmpty else { throw .malformedSpecification(input: text, reason: "missing name") }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
                || (scalar.value >= 0x61 && scalar.value <= 0x7A) || scalar == "-" || scalar == "_" || scalar == "."
        }
        guard allowed else {
            throw .malformedSpecification(input: text, reason: "name '\(name)' may contain only letters, digits, '-', '_' and '.'")
        }
    }

    /// Canonical form: `name` or `name(label=value, …)`.
    public var description: String {
        if arguments.isEmpty { return name }
        let inner = arguments.map { argument in
            argument.label.map { "\($0)=\(argument.value)" } ?? argument.value
        }.joined(separator: ", ")
        return "\(name)(\(inner))"
    }

    /// Shortest round-tripping text for a number, so specifications print as users write them.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and newlines.
    public func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
