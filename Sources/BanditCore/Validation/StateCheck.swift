/// The checks a ``DecodedStateValidating`` type runs on its decoded fields, each throwing a
/// ``StateViolation`` that names the field's full path. One shared vocabulary, so every type
/// rejects the same kinds of damage (wrong lengths, out-of-range indices, non-finite or
/// negative values) with the same messages.
public struct StateCheck: Sendable {
    /// The path of the value being checked, empty at the root.
    public let prefix: String

    public init(prefix: String = "") { self.prefix = prefix }

    /// The full path of `field`.
    public func path(_ field: String) -> String {
        prefix.isEmpty ? field : field.hasPrefix("[") ? prefix + field : prefix + "." + field
    }

    /// The check of a nested value at `field`.
    public func nested(_ field: String) -> StateCheck { StateCheck(prefix: path(field)) }

    /// Validates a nested component under `field`.
    public func validate(_ field: String, _ component: some DecodedStateValidating) throws(StateViolation) {
        try component.validateDecodedState(nested(field))
    }

    /// Validates each element of `components` under `field[i]`.
    public func validateEach(_ field: String, _ components: [some DecodedStateValidating]) throws(StateViolation) {
        for (index, component) in components.enumerated() {
            try component.validateDecodedState(nested("\(field)[\(index)]"))
        }
    }

    public func fail(_ field: String, _ reason: String) -> StateViolation {
        StateViolation(path: path(field), reason: reason)
    }

    /// Throws `reason` for `field` unless `condition` holds.
    public func require(_ condition: Bool, _ field: String, _ reason: @autoclosure () -> String) throws(StateViolation) {
        guard condition else { throw fail(field, reason()) }
    }

    /// `collection` has exactly `expected` elements.
    public func count(_ field: String, _ collection: some Collection, _ expected: Int) throws(StateViolation) {
        let actual = collection.count
        guard actual == expected else { throw fail(field, "has \(actual) elements, expected \(expected)") }
    }

    /// `collection` has exactly `rows × columns` elements, both ≥ 0 — compared without
    /// overflow, so a forged pair of huge sizes is rejected rather than trapping.
    public func count(_ field: String, _ collection: some Collection, rows: Int, columns: Int) throws(StateViolation) {
        let (product, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, collection.count == product else {
            throw fail(field, "has \(collection.count) elements, expected \(rows) × \(columns)")
        }
    }

    /// `value` is an integer in `range` (a count, a length, a size parameter).
    public func within(_ field: String, _ value: Int, _ range: ClosedRange<Int>) throws(StateViolation) {
        guard range.contains(value) else { throw fail(field, "\(value) is outside \(range.lowerBound)...\(range.upperBound)") }
    }

    /// `value` is ≥ `minimum`.
    public func atLeast(_ field: String, _ value: Int, _ minimum: Int) throws(StateViolation) {
        guard value >= minimum else { throw fail(field, "\(value) is below \(minimum)") }
    }

    /// `value` is an index into `0..<count`.
    public func index(_ field: String, _ value: Int, below count: Int) throws(StateViolation) {
        guard value >= 0 && value < count else { throw fail(field, "\(value) is outside 0..<\(count)") }
    }

    /// `value`, when present, is an index into `0..<count`.
    public func index(_ field: String, _ value: Int?, below count: Int) throws(StateViolation) {
        if let value { try index(field, value, below: count) }
    }

    /// Every element is an index into `0..<count`.
    public func indices(_ field: String, _ values: some Sequence<Int>, below count: Int) throws(StateViolation) {
        for (position, value) in values.enumerated() where !(value >= 0 && value < count) {
            throw fail("\(field)[\(position)]", "\(value) is outside 0..<\(count)")
        }
    }

    /// Every element is an index into `0..<count`, none repeated.
    public func distinctIndices(_ field: String, _ values: [Int], below count: Int) throws(StateViolation) {
        try indices(field, values, below: count)
        guard values.count <= count else { throw fail(field, "has \(values.count) elements, more than \(count) distinct indices") }
        var seen = Set<Int>(minimumCapacity: values.count)
        for (position, value) in values.enumerated() where !seen.insert(value).inserted {
            throw fail("\(field)[\(position)]", "\(value) is listed twice")
        }
    }

    /// `value` is finite.
    public func finite(_ field: String, _ value: Double) throws(StateViolation) {
        guard value.isFinite else { throw fail(field, "\(value) is not finite") }
    }

    /// Every element is finite.
    public func finite(_ field: String, _ values: some Sequence<Double>) throws(StateViolation) {
        for (position, value) in values.enumerated() where !value.isFinite {
            throw fail("\(field)[\(position)]", "\(value) is not finite")
        }
    }

    /// `value` is finite and ≥ 0 (`strictly`: > 0).
    public func nonNegative(_ field: String, _ value: Double, strictly: Bool = false) throws(StateViolation) {
        guard value.isFinite && (strictly ? value > 0 : value >= 0) else {
            throw fail(field, "\(value) must be finite and \(strictly ? ">" : "≥") 0")
        }
    }

    /// Every element is finite and ≥ 0 (`strictly`: > 0).
    public func nonNegative(_ field: String, _ values: some Sequence<Double>, strictly: Bool = false) throws(StateViolation) {
        for (position, value) in values.enumerated() where !(value.isFinite && (strictly ? value > 0 : value >= 0)) {
            throw fail("\(field)[\(position)]", "\(value) must be finite and \(strictly ? ">" : "≥") 0")
        }
    }

    /// Every integer element is ≥ 0.
    public func nonNegative(_ field: String, _ values: some Sequence<Int>) throws(StateViolation) {
        for (position, value) in values.enumerated() where value < 0 {
            throw fail("\(field)[\(position)]", "\(value) is negative")
        }
    }

    /// `value` lies in `range` (NaN never does).
    public func within(_ field: String, _ value: Double, _ range: ClosedRange<Double>) throws(StateViolation) {
        guard range.contains(value) else { throw fail(field, "\(value) is outside [\(range.lowerBound), \(range.upperBound)]") }
    }

    /// Every element lies in `range`.
    public func within(_ field: String, _ values: some Sequence<Double>, _ range: ClosedRange<Double>) throws(StateViolation) {
        for (position, value) in values.enumerated() where !range.contains(value) {
            throw fail("\(field)[\(position)]", "\(value) is outside [\(range.lowerBound), \(range.upperBound)]")
        }
    }

    /// `values` are probabilities summing to 1 within `tolerance`.
    public func distribution(_ field: String, _ values: [Double], tolerance: Double = 1e-6) throws(StateViolation) {
        try within(field, values, 0...1)
        let total = values.reduce(0, +)
        guard Swift.abs(total - 1) <= tolerance else { throw fail(field, "probabilities sum to \(total), not 1") }
    }
}
