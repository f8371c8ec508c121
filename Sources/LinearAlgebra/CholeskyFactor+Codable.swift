extension CholeskyFactor: Codable {
    private enum CodingKeys: String, CodingKey {
        case lower
    }

    /// Encodes the factor L (not A), so restoring it needs no refactorisation and is exact.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lower, forKey: .lower)
    }

    /// Decodes a factor, rejecting any L that breaks the invariants (not square, non-finite,
    /// non-positive diagonal, non-zero above the diagonal) with a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let lower = try container.decode(Matrix.self, forKey: .lower)
        if let violation = CholeskyFactor.invariantViolation(of: lower) {
            throw DecodingError.dataCorruptedError(forKey: .lower, in: container, debugDescription: "Invalid Cholesky factor: \(violation)")
        }
        self.init(uncheckedLower: lower)
    }
}
