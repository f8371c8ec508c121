import BanditCore
import Foundation
import Testing
@testable import BanditSimulation

@Suite("Preference matrices")
struct PreferenceMatrixTests {
    @Test("Condorcet, Copeland and Borda winners of a matrix with a Condorcet winner")
    func condorcetInstance() throws {
        // Arm 1 beats 0 (0.6) and 2 (0.7); 0 beats 2 (0.8). Copeland scores (1, 2, 0).
        // Borda: 0 → (0.4 + 0.8)/2 = 0.6, 1 → (0.6 + 0.7)/2 = 0.65, 2 → (0.2 + 0.3)/2 = 0.25.
        let matrix = try PreferenceMatrix(rows: [[0.5, 0.4, 0.8], [0.6, 0.5, 0.7], [0.2, 0.3, 0.5]])
        #expect(matrix.condorcetWinner == 1)
        #expect(matrix.copelandScores == [1, 2, 0])
        #expect(matrix.normalizedCopelandScores == [0.5, 1, 0])
        #expect(matrix.copelandWinners == [1])
        #expect(matrix.bordaScores.enumerated().allSatisfy { abs($0.element - [0.6, 0.65, 0.25][$0.offset]) < 1e-12 })
        #expect(matrix.bordaWinner == 1)
    }

    @Test("Borda and Copeland/Condorcet winners can differ")
    func bordaDiffers() throws {
        // 0 beats 1 and 2 narrowly (0.51); 1 crushes 2 (0.99). Condorcet winner 0, Borda:
        // 0 → 0.51, 1 → (0.49 + 0.99)/2 = 0.74 → Borda winner 1.
        let matrix = try PreferenceMatrix(rows: [[0.5, 0.51, 0.51], [0.49, 0.5, 0.99], [0.49, 0.01, 0.5]])
        #expect(matrix.condorcetWinner == 0)
        #expect(matrix.copelandWinners == [0])
        #expect(matrix.bordaWinners == [1])
    }

    @Test("a cycle has no Condorcet winner and tied Copeland winners")
    func cyclicInstance() throws {
        // Rock–paper–scissors: 0 > 1 > 2 > 0, each 0.7. Every Copeland score is 1.
        let rps = try PreferenceMatrix(rows: [[0.5, 0.7, 0.3], [0.3, 0.5, 0.7], [0.7, 0.3, 0.5]])
        #expect(rps.condorcetWinner == nil)
        #expect(rps.copelandScores == [1, 1, 1])
        #expect(rps.copelandWinners == [0, 1, 2])
        #expect(rps.bordaWinners == [0, 1, 2])
        // Cyclic K = 4 (the shipped file): 0 beats everyone 0.6, arms 1, 2, 3 form a cycle.
        let cyclic = try PreferenceMatrix(contentsOf: Self.data("cyclic-4.txt"))
        #expect(cyclic.condorcetWinner == 0)
        #expect(cyclic.copelandScores == [3, 1, 1, 1])
        // Remove arm 0: a pure cycle with three tied Copeland winners.
        let rows = cyclic.rows.dropFirst().map { Array($0.dropFirst()) }
        let cycle = try PreferenceMatrix(rows: rows)
        #expect(cycle.condorcetWinner == nil)
        #expect(cycle.copelandWinners == [0, 1, 2])
    }

    @Test("Copeland ties without a cycle-free winner: two arms with the same top score")
    func copelandTie() throws {
        // 4 arms: 0 beats 1 and 2, 1 beats 2 and 3, 3 beats 0, 2 beats 3.
        // Scores: 0 → {1, 2} = 2, 1 → {2, 3} = 2, 2 → {3} = 1, 3 → {0} = 1.
        let matrix = try PreferenceMatrix(rows: [
            [0.5, 0.6, 0.6, 0.4],
            [0.4, 0.5, 0.6, 0.6],
            [0.4, 0.4, 0.5, 0.6],
            [0.6, 0.4, 0.4, 0.5],
        ])
        #expect(matrix.condorcetWinner == nil)
        #expect(matrix.copelandScores == [2, 2, 1, 1])
        #expect(matrix.copelandWinners == [0, 1])
        // Copeland regret gaps: cpld = (2/3, 2/3, 1/3, 1/3) → gaps (0, 0, 1/3, 1/3).
        let gaps = try #require(DuelingRegret.copeland.gaps(matrix))
        #expect(gaps.enumerated().allSatisfy { abs($0.element - [0, 0, 1.0 / 3, 1.0 / 3][$0.offset]) < 1e-12 })
        #expect(DuelingRegret.average.gaps(matrix) == nil)
    }

    @Test("invalid matrices are rejected with the offending cell named")
    func badMatrices() {
        func field(_ rows: [[Double]]) -> String? {
            do { _ = try PreferenceMatrix(rows: rows); return nil } catch {
                guard case let .invalidScenario(field, _) = error else { return "wrong error" }
                return field
            }
        }
        // P[2][3] + P[3][2] = 0.7 + 0.4 ≠ 1: the later cell of the pair is named.
        var rows = (0..<4).map { i in (0..<4).map { j in i == j ? 0.5 : (i < j ? 0.6 : 0.4) } }
        rows[3][2] = 0.3 + 0.1 + 0.01
        rows[2][3] = 0.7
        #expect(field(rows) == "preference_matrix[3][2]")
        #expect(field([[0.5, 1.2], [-0.2, 0.5]]) == "preference_matrix[0][1]")
        #expect(field([[0.5, 0.5], [0.5, 0.4]]) == "preference_matrix[1][1]")
        #expect(field([[0.5, .nan], [0.5, 0.5]]) == "preference_matrix[0][1]")
        #expect(field([[0.5, 0.5], [0.5]]) == "preference_matrix[1]")
        #expect(field([[0.5]]) == "preference_matrix")
        // Within tolerance is fine: 1e-12 off.
        #expect(field([[0.5, 0.6 + 1e-12], [0.4, 0.5]]) == nil)
        #expect(throws: BanditError.invalidScenario(field: "preference_file[1]", reason: "line 3: 'x' is not a number")) {
            try PreferenceMatrix(parsing: "# comment\n0.5 0.5\n0.5 x\n", field: "preference_file")
        }
        #expect(throws: BanditError.self) { try PreferenceMatrix.bradleyTerryLuce(utilities: [1, 0]) }
    }

    @Test("the shipped files parse; Arithmetic is P[i][j] = ½ + 0.05(j − i)")
    func shippedFiles() throws {
        let arithmetic = try PreferenceMatrix(contentsOf: Self.data("arithmetic-8.txt"))
        #expect(arithmetic.armCount == 8)
        for i in 0..<8 { for j in 0..<8 { #expect(abs(arithmetic[i, j] - (0.5 + 0.05 * Double(j - i))) < 1e-12) } }
        #expect(arithmetic.condorcetWinner == 0)
        for (name, count) in [("arxiv-6.txt", 6), ("mslr-informational-5.txt", 5)] {
            let matrix = try PreferenceMatrix(contentsOf: Self.data(name))
            #expect(matrix.armCount == count)
            #expect(matrix.condorcetWinner == 0)
        }
    }

    @Test("Bradley–Terry–Luce: P[i][j] = uᵢ/(uᵢ + uⱼ); the largest utility is the Condorcet winner")
    func bradleyTerryLuce() throws {
        let matrix = try PreferenceMatrix.bradleyTerryLuce(utilities: [1, 3, 2])
        #expect(matrix[1, 0] == 0.75)
        #expect(matrix[0, 2] == 1.0 / 3)
        #expect(matrix[2, 2] == 0.5)
        #expect(matrix.condorcetWinner == 1)
        #expect(matrix.bordaWinner == 1)
    }

    /// The project's copy of a shipped matrix (tests run from the package root).
    static func data(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Scenarios/Dueling/data/\(name)").standardized
    }
}
