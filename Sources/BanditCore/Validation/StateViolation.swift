/// A decoded state that breaks one of its type's invariants: the dotted path of the offending
/// field (e.g. `statistics.storage`, `alphas[3]`) and why.
///
/// Decoding checks syntax and types only; a snapshot whose checksum was recomputed over
/// inconsistent contents (arrays shorter than the arm count, negative counts, NaN where a
/// finite number is required) decodes fine and would crash the policy later. Every
/// snapshottable type therefore checks its invariants once, right after decoding, through
/// ``DecodedStateValidating``.
public struct StateViolation: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// A type whose decoded state can be checked for consistency before it is used.
///
/// The check must reject every state on which a later call could trap (an index out of range,
/// an allocation sized by a corrupted count, a precondition) and every state no sequence of
/// valid calls could have produced where that is cheap to tell (a negative count, a
/// non-finite statistic). It runs in O(state size) and allocates nothing proportional to a
/// count the state merely claims — sizes are compared with arrays actually present.
public protocol DecodedStateValidating {
    /// Throws the first violated invariant, its path prefixed by `check`'s path.
    func validateDecodedState(_ check: StateCheck) throws(StateViolation)
}

extension DecodedStateValidating {
    /// Validates the state as a whole (paths from its root).
    public func validateDecodedState() throws(StateViolation) {
        try validateDecodedState(StateCheck())
    }
}
