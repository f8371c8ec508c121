extension LinearProgram: Codable {
    private enum CodingKeys: String, CodingKey {
        case direction, objective, coefficients, lowerBounds, upperBounds, variableLowerBounds, variableUpperBounds
    }

    /// Encodes every field (a policy that keeps its program, such as UCB-BwK, snapshots it
    /// whole). Infinite bounds need an encoder with a non-conforming float strategy.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(direction == .maximize ? "maximize" : "minimize", forKey: .direction)
        try container.encode(objective, forKey: .objective)
        try container.encode(coefficients, forKey: .coefficients)
        try container.encode(lowerBounds, forKey: .lowerBounds)
        try container.encode(upperBounds, forKey: .upperBounds)
        try container.encode(variableLowerBounds, forKey: .variableLowerBounds)
        try container.encode(variableUpperBounds, forKey: .variableUpperBounds)
    }

    /// Decodes a program, rejecting with a `DecodingError` one whose array lengths do not fit
    /// its variable and constraint counts (``solve()`` would reject it later anyway; rejecting
    /// it here names the field).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .direction) {
        case "maximize": direction = .maximize
        case "minimize": direction = .minimize
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .direction, in: container, debugDescription: "'\(other)' is neither maximize nor minimize")
        }
        objective = try container.decode([Double].self, forKey: .objective)
        coefficients = try container.decode([Double].self, forKey: .coefficients)
        lowerBounds = try container.decode([Double].self, forKey: .lowerBounds)
        upperBounds = try container.decode([Double].self, forKey: .upperBounds)
        variableLowerBounds = try container.decode([Double].self, forKey: .variableLowerBounds)
        variableUpperBounds = try container.decode([Double].self, forKey: .variableUpperBounds)
        let n = objective.count, m = lowerBounds.count
        guard coefficients.count / Swift.max(n, 1) == m, coefficients.count == m * n else {
            throw DecodingError.dataCorruptedError(forKey: .coefficients, in: container, debugDescription: "\(coefficients.count) entries cannot be \(m) × \(n)")
        }
        guard upperBounds.count == m else {
            throw DecodingError.dataCorruptedError(forKey: .upperBounds, in: container, debugDescription: "\(upperBounds.count) bounds for \(m) constraints")
        }
        guard variableLowerBounds.count == n, variableUpperBounds.count == n else {
            throw DecodingError.dataCorruptedError(forKey: .variableLowerBounds, in: container, debugDescription: "need one lower and one upper bound per variable (\(n))")
        }
    }
}
