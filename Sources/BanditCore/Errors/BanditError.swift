/// Every way user input can be rejected by BanditKit.
///
/// Library entry points that take user data throw this type (typed throws) and leave their
/// receiver unchanged when they do, so a service can log the error and carry on. Programmer
/// errors inside the library are `precondition`s instead.
public enum BanditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A reward (or other observation) was NaN or infinite.
    case nonFiniteReward(arm: Int, value: Double)
    /// An arm index outside `0..<armCount`.
    case unknownArm(arm: Int, armCount: Int)
    /// A parameter outside its valid range, e.g. a negative exploration scale.
    case invalidParameter(name: String, value: String, reason: String)
    /// A vector or matrix of the wrong length, e.g. a context of the wrong dimension.
    case dimensionMismatch(name: String, expected: Int, actual: Int)
    /// A name (policy, distribution, family…) that no catalog knows.
    case unknownName(kind: String, name: String, known: [String])
    /// A textual specification such as `bernoulli(0.9)` that does not parse.
    case malformedSpecification(input: String, reason: String)
    /// A scenario file that is not valid: `field` is the dotted path to the offending entry.
    case invalidScenario(field: String, reason: String)
    /// A numerical failure that the caller's data caused (e.g. a singular design matrix).
    case numerical(operation: String, reason: String)

    public var description: String {
        switch self {
        case let .nonFiniteReward(arm, value):
            return "reward for arm \(arm) is not finite (\(value))"
        case let .unknownArm(arm, armCount):
            return "arm \(arm) does not exist (valid arms: 0..<\(armCount))"
        case let .invalidParameter(name, value, reason):
            return "invalid value \(value) for parameter '\(name)': \(reason)"
        case let .dimensionMismatch(name, expected, actual):
            return "'\(name)' has dimension \(actual), expected \(expected)"
        case let .unknownName(kind, name, known):
            return "unknown \(kind) '\(name)' (known: \(known.joined(separator: ", ")))"
        case let .malformedSpecification(input, reason):
            return "cannot parse '\(input)': \(reason)"
        case let .invalidScenario(field, reason):
            return "scenario field '\(field)': \(reason)"
        case let .numerical(operation, reason):
            return "\(operation) failed: \(reason)"
        }
    }
}
