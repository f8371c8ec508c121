import BanditCore
import Foundation

/// The K-armed dueling bandit: each round the policy picks two arms and observes which won,
/// arm i beating arm j with probability P[i][j] (see ``PreferenceMatrix``).
///
/// Scenario keys (exactly one of the first three):
/// - `preference_matrix` — a list of K rows of K numbers, row i = Pr(arm i beats arm j);
/// - `preference_file` — a text file in the shared format (`#` comment lines, then one row per
///   line), relative paths resolved against the current directory;
/// - `utilities` — K numbers for a utility model chosen by `model`: `btl` (the default,
///   Bradley–Terry–Luce, P[i][j] = uᵢ/(uᵢ + uⱼ), utilities > 0) or `thurstone` (Gaussian,
///   P[i][j] = Φ((uᵢ − uⱼ)/√2));
/// - `regret` — `average` (default), `strong`, `weak` or `copeland` (see ``DuelingRegret``).
///
/// The chosen regret is the first metric; when the matrix has a Condorcet winner, the other
/// Condorcet notions (average, strong, weak) follow it. Strong, weak and average regret need a
/// Condorcet winner; Copeland regret does not.
public struct DuelingFamily: BanditFamily {
    public init() {}

    public var name: String { "dueling" }
    public var environmentKeys: Set<String> { ["preference_matrix", "preference_file", "utilities", "model", "regret"] }

    public func makeSetting(
        environment: ScenarioFields, settings: SimulationSettings, distributions: DistributionCatalog
    ) throws(BanditError) -> any FamilySetting {
        let sources = ["preference_matrix", "preference_file", "utilities"].filter { environment.contains($0) }
        guard sources.count == 1 else {
            throw .invalidScenario(
                field: environment.path + (sources.last ?? "preference_matrix"),
                reason: "give exactly one of preference_matrix, preference_file or utilities")
        }
        let matrix: PreferenceMatrix
        switch sources[0] {
        case "preference_matrix":
            let field = environment.path + "preference_matrix"
            var rows: [[Double]] = []
            for (i, item) in try environment.list("preference_matrix").enumerated() {
                guard case .list(let cells) = item else {
                    throw .invalidScenario(field: "\(field)[\(i)]", reason: "expected a row: a list of numbers")
                }
                var row: [Double] = []
                for (j, cell) in cells.enumerated() {
                    guard case .number(let value) = cell else {
                        throw .invalidScenario(field: "\(field)[\(i)][\(j)]", reason: "expected a number")
                    }
                    row.append(value)
                }
                rows.append(row)
            }
            matrix = try PreferenceMatrix(rows: rows, field: field)
        case "preference_file":
            let field = environment.path + "preference_file"
            let path = try environment.string("preference_file")
            matrix = try PreferenceMatrix(contentsOf: URL(fileURLWithPath: path), field: field)
        default:
            let utilities = try environment.numbers("utilities")
            let field = environment.path + "utilities"
            switch (try environment.optionalString("model") ?? "btl").lowercased() {
            case "btl", "bradley-terry-luce": matrix = try PreferenceMatrix.bradleyTerryLuce(utilities: utilities, field: field)
            case "thurstone", "gaussian": matrix = try PreferenceMatrix.thurstone(utilities: utilities, field: field)
            case let other:
                throw .invalidScenario(field: environment.path + "model", reason: "unknown utility model '\(other)' (known: btl, thurstone)")
            }
        }
        if sources[0] != "utilities" && environment.contains("model") {
            throw .invalidScenario(field: environment.path + "model", reason: "model applies to utilities only")
        }
        let regretName = try environment.optionalString("regret") ?? "average"
        guard let regret = DuelingRegret(rawValue: regretName.lowercased()) else {
            throw .invalidScenario(field: environment.path + "regret", reason: "unknown '\(regretName)' (known: strong, weak, average, copeland)")
        }
        guard regret == .copeland || matrix.condorcetWinner != nil else {
            throw .invalidScenario(
                field: environment.path + "regret",
                reason: "\(regret.rawValue) regret is measured against a Condorcet winner, and this matrix has none; use regret: copeland")
        }
        return DuelingSetting(matrix: matrix, regret: regret, settings: settings)
    }
}

/// A dueling environment ready to simulate.
public struct DuelingSetting: FamilySetting {
    public var matrix: PreferenceMatrix
    /// The regret named first in the output.
    public var regret: DuelingRegret
    public var settings: SimulationSettings

    public init(matrix: PreferenceMatrix, regret: DuelingRegret, settings: SimulationSettings) {
        self.matrix = matrix
        self.regret = regret
        self.settings = settings
    }

    /// The regret notions reported, in order: the chosen one, then the other Condorcet notions
    /// when a Condorcet winner exists.
    public var notions: [DuelingRegret] {
        var notions = [regret]
        if matrix.condorcetWinner != nil {
            notions += [DuelingRegret.average, .strong, .weak].filter { $0 != regret }
        }
        return notions
    }

    /// The asymptotic lower bound on average regret, c·ln T, for a Condorcet instance with
    /// winner w (Komiyama, Honda, Kashima & Nakagawa 2015, COLT, Theorem 2):
    /// c = Σ_{i≠w} min_{j : P[i][j] < ½} ((Δᵢ + Δⱼ)/2) / d(P[i][j], ½), with Δᵢ = P[w][i] − ½ and d
    /// the Bernoulli KL divergence. Nil for the other regret notions or without a Condorcet winner.
    public var lowerBoundName: String { "RMED lower bound (Komiyama et al. 2015)" }

    public var lowerBoundConstant: Double? {
        guard regret == .average, let winner = matrix.condorcetWinner else { return nil }
        func divergence(_ p: Double) -> Double {
            (p > 0 ? p * Foundation.log(2 * p) : 0) + (p < 1 ? (1 - p) * Foundation.log(2 * (1 - p)) : 0)
        }
        let count = matrix.armCount
        var total = 0.0
        for i in 0..<count where i != winner {
            var best = Double.infinity
            for j in 0..<count where matrix[i, j] < 0.5 {
                let cost = 0.5 * (matrix[winner, i] - 0.5 + matrix[winner, j] - 0.5)
                best = Swift.min(best, cost / divergence(matrix[i, j]))
            }
            total += best
        }
        return total
    }

    public var environmentDescription: [String] {
        var description = matrix.rows.enumerated().map { "P[\($0.offset)] = \($0.element.map { "\($0)" }.joined(separator: " "))" }
        description.append("regret=\(regret.rawValue)")
        description.append("condorcet_winner=\(matrix.condorcetWinner.map(String.init) ?? "none")")
        description.append("copeland_winners=\(matrix.copelandWinners.map(String.init).joined(separator: ","))")
        return description
    }
}
