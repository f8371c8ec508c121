extension Matrix: Codable {
    private enum CodingKeys: String, CodingKey {
        case rows, columns, storage
    }

    /// Encodes the shape and the column-major elements.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(storage, forKey: .storage)
    }

    /// Decodes a matrix, rejecting a shape that does not match the element count with a
    /// `DecodingError` so that a corrupted snapshot is never misread.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        let storage = try container.decode([Double].self, forKey: .storage)
        guard let count = Matrix.validatedCount(rows: rows, columns: columns), count == storage.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .storage, in: container,
                debugDescription: "Matrix of shape \(rows) × \(columns) cannot hold \(storage.count) elements")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }
}
