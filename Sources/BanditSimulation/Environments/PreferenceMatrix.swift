import BanditCore
import Foundation

/// A K×K preference matrix P for the dueling bandit: P[i][j] is the probability that arm i
/// beats arm j (Bengs, Busa-Fekete, El Mesaoudi-Paul & Hüllermeier, JMLR 22, 2021, §2).
///
/// Valid matrices have entries in [0, 1], P[i][j] + P[j][i] = 1 (within 1e-9) and ½ on the
/// diagonal. The winner notions are the survey's:
/// - **Condorcet winner**: the arm i with P[i][j] > ½ for every j ≠ i (there may be none);
/// - **Copeland score** of i: #{j ≠ i : P[i][j] > ½}; normalised by K − 1; Copeland winners
///   maximise it (a Condorcet winner is the unique Copeland winner, with normalised score 1);
/// - **Borda score** of i: (1/(K−1)) Σ_{j≠i} P[i][j]; Borda winners maximise it.
public struct PreferenceMatrix: Sendable, Hashable, Codable, CustomStringConvertible {
    /// K.
    public let armCount: Int
    /// P, row-major: `entries[i * K + j]` = P[i][j].
    public let entries: [Double]

    /// Tolerance of the checks P[i][j] + P[j][i] = 1 and P[i][i] = ½.
    public static let tolerance = 1e-9

    /// - Parameter field: the scenario field named in errors; a bad cell is `field[i][j]`.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` for fewer than 2 arms, a row of
    ///   the wrong length, an entry outside [0, 1] or not finite, a diagonal entry other than ½,
    ///   or a pair with P[i][j] + P[j][i] ≠ 1.
    public init(rows: [[Double]], field: String = "preference_matrix") throws(BanditError) {
        let count = rows.count
        guard count >= 2 else {
            throw .invalidScenario(field: field, reason: "a dueling bandit needs at least 2 arms, got \(count)")
        }
        for (i, row) in rows.enumerated() where row.count != count {
            throw .invalidScenario(field: "\(field)[\(i)]", reason: "expected \(count) entries (a square matrix), got \(row.count)")
        }
        for i in 0..<count {
            for j in 0..<count {
                let value = rows[i][j]
                guard value.isFinite, value >= 0, value <= 1 else {
                    throw .invalidScenario(field: "\(field)[\(i)][\(j)]", reason: "\(value) is not a probability in [0, 1]")
                }
            }
        }
        for i in 0..<count {
            guard abs(rows[i][i] - 0.5) <= Self.tolerance else {
                throw .invalidScenario(field: "\(field)[\(i)][\(i)]", reason: "the diagonal must be 0.5 (an arm ties with itself), got \(rows[i][i])")
            }
            for j in (i + 1)..<count where abs(rows[i][j] + rows[j][i] - 1) > Self.tolerance {
                throw .invalidScenario(
                    field: "\(field)[\(j)][\(i)]",
                    reason: "P[\(j)][\(i)] = \(rows[j][i]) but P[\(i)][\(j)] = \(rows[i][j]); they must sum to 1")
            }
        }
        armCount = count
        entries = rows.flatMap { $0 }
    }

    /// Parses the shared text format: lines starting with `#` and blank lines are skipped; every
    /// other line is one row of numbers separated by spaces, tabs or commas.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` naming the row (`field[i]`) of
    ///   an unreadable number, or the cell of an invalid entry.
    public init(parsing text: String, field: String = "preference_matrix") throws(BanditError) {
        var rows: [[Double]] = []
        for (lineIndex, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            var row: [Double] = []
            for token in trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
                guard let value = Double(token) else {
                    throw .invalidScenario(field: "\(field)[\(rows.count)]", reason: "line \(lineIndex + 1): '\(token)' is not a number")
                }
                row.append(value)
            }
            rows.append(row)
        }
        try self.init(rows: rows, field: field)
    }

    /// Reads a file in the shared text format (see ``init(parsing:field:)``).
    public init(contentsOf url: URL, field: String = "preference_file") throws(BanditError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .invalidScenario(field: field, reason: "cannot read '\(url.path)': \(error.localizedDescription)")
        }
        try self.init(parsing: text, field: field)
    }

    /// The Bradley–Terry–Luce model: P[i][j] = uᵢ / (uᵢ + uⱼ) for positive utilities u.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` naming `field[i]` for a utility
    ///   that is not finite and positive, or for fewer than 2 arms.
    public static func bradleyTerryLuce(utilities: [Double], field: String = "utilities") throws(BanditError) -> PreferenceMatrix {
        guard utilities.count >= 2 else {
            throw .invalidScenario(field: field, reason: "a dueling bandit needs at least 2 arms, got \(utilities.count)")
        }
        if let bad = utilities.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw .invalidScenario(field: "\(field)[\(bad)]", reason: "utilities must be finite and > 0, got \(utilities[bad])")
        }
        let rows = utilities.indices.map { i in
            utilities.indices.map { j in i == j ? 0.5 : utilities[i] / (utilities[i] + utilities[j]) }
        }
        return try PreferenceMatrix(rows: rows, field: field)
    }

    /// The Thurstone (case V) model: arm i's perceived quality is uᵢ + εᵢ with independent
    /// standard normal εᵢ, so P[i][j] = Pr(uᵢ + εᵢ > uⱼ + εⱼ) = Φ((uᵢ − uⱼ)/√2) (Thurstone 1927;
    /// Bengs et al., JMLR 2021, §2.3). Utilities are any finite numbers; only differences matter.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` naming `field[i]` for a utility
    ///   that is not finite, or for fewer than 2 arms.
    public static func thurstone(utilities: [Double], field: String = "utilities") throws(BanditError) -> PreferenceMatrix {
        guard utilities.count >= 2 else {
            throw .invalidScenario(field: field, reason: "a dueling bandit needs at least 2 arms, got \(utilities.count)")
        }
        if let bad = utilities.firstIndex(where: { !$0.isFinite }) {
            throw .invalidScenario(field: "\(field)[\(bad)]", reason: "utilities must be finite, got \(utilities[bad])")
        }
        let count = utilities.count
        var rows = [[Double]](repeating: [Double](repeating: 0.5, count: count), count: count)
        for i in 0..<count {
            for j in (i + 1)..<count {
                // 1 − p rather than Φ(−x): the pair then sums to 1 up to one rounding.
                let p = SpecialFunctions.normalCDF((utilities[i] - utilities[j]) / 2.0.squareRoot())
                rows[i][j] = p
                rows[j][i] = 1 - p
            }
        }
        return try PreferenceMatrix(rows: rows, field: field)
    }

    /// P[i][j].
    @inlinable @inline(__always)
    public subscript(i: Int, j: Int) -> Double { entries[i * armCount + j] }

    /// The rows of P.
    public var rows: [[Double]] { (0..<armCount).map { Array(entries[($0 * armCount)..<(($0 + 1) * armCount)]) } }

    /// The arm that beats every other with probability > ½, if there is one.
    public var condorcetWinner: Int? {
        (0..<armCount).first { i in (0..<armCount).allSatisfy { j in j == i || self[i, j] > 0.5 } }
    }

    /// #{j ≠ i : P[i][j] > ½} for each arm i.
    public var copelandScores: [Int] {
        (0..<armCount).map { i in (0..<armCount).filter { j in j != i && self[i, j] > 0.5 }.count }
    }

    /// Copeland scores divided by K − 1, in [0, 1].
    public var normalizedCopelandScores: [Double] { copelandScores.map { Double($0) / Double(armCount - 1) } }

    /// The arms with the largest Copeland score, ascending (at least one).
    public var copelandWinners: [Int] {
        let scores = copelandScores
        let best = scores.max()!
        return scores.indices.filter { scores[$0] == best }
    }

    /// (1/(K−1)) Σ_{j≠i} P[i][j] for each arm i.
    public var bordaScores: [Double] {
        (0..<armCount).map { i in (0..<armCount).reduce(0.0) { $1 == i ? $0 : $0 + self[i, $1] } / Double(armCount - 1) }
    }

    /// The arms with the largest Borda score (within 1e-12), ascending (at least one).
    public var bordaWinners: [Int] {
        let scores = bordaScores
        let best = scores.max()!
        return scores.indices.filter { scores[$0] >= best - 1e-12 }
    }

    /// The Borda winner: the lowest-indexed arm among ``bordaWinners``.
    public var bordaWinner: Int { bordaWinners[0] }

    public var description: String {
        rows.map { $0.map { "\($0)" }.joined(separator: " ") }.joined(separator: "; ")
    }
}
