import BanditCore
import Foundation
import Testing
@testable import BanditSimulation

@Suite("Dueling utility models, scenario routes and the lower-bound overlay")
struct UtilityModelTests {
    @Test("Thurstone: P[i][j] = Φ((uᵢ − uⱼ)/√2), rows summing to 1 pairwise, ½ on the diagonal")
    func thurstone() throws {
        // Φ(1/√2) = ½(1 + erf(½)) = 0.76024993890652; Φ(0) = ½.
        let matrix = try PreferenceMatrix.thurstone(utilities: [1, 0, 0])
        #expect(abs(matrix[0, 1] - 0.76024993890652) < 1e-12)
        #expect(abs(matrix[1, 0] - 0.23975006109348) < 1e-12)
        #expect(matrix[1, 2] == 0.5 && matrix[0, 0] == 0.5)
        #expect(matrix.condorcetWinner == 0)  // arms 1 and 2 tie with each other, not with 0
        // Only differences matter: shifting every utility changes nothing.
        let shifted = try PreferenceMatrix.thurstone(utilities: [3, 2, 1.5])
        let base = try PreferenceMatrix.thurstone(utilities: [1.5, 0.5, 0])
        for i in 0..<3 { for j in 0..<3 { #expect(abs(shifted[i, j] - base[i, j]) < 1e-15) } }
        #expect(base.condorcetWinner == 0)
        do {
            _ = try PreferenceMatrix.thurstone(utilities: [1, .nan], field: "utilities")
            Issue.record("accepted a NaN utility")
        } catch {
            #expect(error == .invalidScenario(field: "utilities[1]", reason: "utilities must be finite, got nan"))
        }
    }

    static func study(_ environment: String) throws -> Study {
        let scenario = try Scenario(yaml: """
            name: test
            family: dueling
            horizon: 200
            repetitions: 2
            seed: 4
            \(environment)
            policies:
              - rmed2
              - btm
              - if
              - savage
              - rcs
              - ccb
              - sparring
              - sparring-exp3
              - rmed2fh
            """)
        return try Study(scenario: scenario, seed: 4, jobs: 1)
    }

    @Test("utilities with model: thurstone or btl; model is checked; every new policy runs in the simulator")
    func modelKey() throws {
        let result = try Self.study("utilities: [1, 0.5, 0]\nmodel: thurstone").run()
        #expect(result.policies.count == 9)
        for policy in result.policies {
            // Regret per duel is at most the largest gap Φ(1/√2) − ½ = 0.26.
            let final = policy.metrics[0].final.mean
            #expect(final >= 0 && final <= 200 * 0.2603, "\(policy.label)")
        }
        _ = try Self.study("utilities: [2, 1]\nmodel: BTL")
        func rejects(_ environment: String, field: String) {
            do {
                _ = try Self.study(environment)
                Issue.record("accepted \(environment)")
            } catch let error as BanditError {
                guard case .invalidScenario(let name, _) = error else { Issue.record("\(error)"); return }
                #expect(name == field)
            } catch {
                Issue.record("\(error)")
            }
        }
        rejects("utilities: [1, 0]\nmodel: plackett", field: "model")
        rejects("preference_matrix: [[0.5, 0.6], [0.4, 0.5]]\nmodel: thurstone", field: "model")
        rejects("utilities: [1, -1]\nmodel: btl", field: "utilities[1]")
    }

    @Test("plots of average regret carry the RMED lower bound c·ln t; Copeland regret has none")
    func lowerBoundOverlay() throws {
        let average = try Study(scenario: try Scenario(yaml: """
            name: overlay
            family: dueling
            horizon: 300
            repetitions: 2
            seed: 1
            preference_file: \(PreferenceMatrixTests.data("cyclic-4.txt").path)
            policies:
              - rmed2
            """), seed: 1, jobs: 1)
        // Cyclic: each of arms 1–3 is refuted cheapest by the arm beating it 0.9 to 0.1, at cost
        // (Δᵢ + Δⱼ)/2 = 0.1 per duel and information d(0.1, ½) = 0.36806: c = 3 · 0.1/0.36806.
        let constant = try #require(average.lowerBoundConstant)
        #expect(abs(constant - 3 * 0.1 / 0.36806) < 1e-3)
        let result = try average.run()
        let svg = SVGPlot.regret(result, lowerBound: { constant * log(Double(max($0, 1))) }, title: "overlay")
        #expect(svg.contains("RMED lower bound (Komiyama et al. 2015)"))
        #expect(!svg.contains("Lai–Robbins"))
        let copeland = try Self.study("preference_matrix: [[0.5, 0.7, 0.3], [0.3, 0.5, 0.7], [0.7, 0.3, 0.5]]\nregret: copeland")
        #expect(copeland.lowerBoundConstant == nil)
    }
}
