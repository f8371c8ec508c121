/// A stored value that is not part of a type's observable state: a scratch buffer reused
/// between calls, or a cache recomputable from the rest of the state. Equality and hashing
/// ignore it, so two policies with the same statistics compare equal whatever their last
/// decision's scratch holds or however their cache's last bits came about.
///
/// Encoding is the wrapped value's own (a single value), so wrapping an existing stored
/// property leaves its snapshot format byte for byte unchanged.
@propertyWrapper
struct DerivedState<Value: Sendable>: Sendable, Hashable {
    var wrappedValue: Value

    init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    static func == (_: DerivedState, _: DerivedState) -> Bool { true }

    func hash(into _: inout Hasher) {}
}

extension DerivedState: Codable where Value: Codable {
    init(from decoder: any Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode(Value.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}
