extension Vector: Codable {
    /// Encodes the vector as a plain array of numbers, the most portable representation.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storage)
    }

    /// Decodes a plain array of numbers, rejecting one longer than the BLAS limit with a
    /// `DecodingError` instead of trapping.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let array = try container.decode([Double].self)
        guard array.count <= maximumBLASDimension else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Vector has \(array.count) elements, more than Int32.max")
        }
        self.init(array)
    }
}
