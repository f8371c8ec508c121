import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// Policies built for rewards in [0, 1], run on Gaussian arms through `lower`, `amplitude` and
/// `clip=true`.
///
/// On the clamped scale the arms are a [0, 1]-bounded instance with means
/// m(μ) = E[clamp((X − ℓ)/a, 0, 1)] = ∫₀¹ Φ(((μ − ℓ)/a − y)/(σ/a)) dy (computed here by Simpson's
/// rule, independently of the library), so each policy's bounded-reward guarantee applies to it;
/// the pseudo-regret the simulator reports is on the original scale, which is the clamped-scale
/// regret times Δ/Δ′ for two arms (Δ′ the clamped gap).
@Suite("Bounded-reward policies on Gaussian arms via reward rescaling")
struct RescaledRewardRegretTests {
    static let means = [1.0, 0.5]
    static let sd = 0.5
    static let lower = -1.0
    static let amplitude = 3.0
    static let horizon = 5_000

    static func clampedMean(_ mu: Double) -> Double {
        let m = (mu - lower) / amplitude, s = sd / amplitude
        let n = 2_000
        var total = 0.0
        for i in 0...n {
            let y = Double(i) / Double(n)
            let weight: Double = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2)
            total += weight * SpecialFunctions.normalCDF((m - y) / s)
        }
        return total / Double(3 * n)
    }

    static func finalRegret(_ policy: String, repetitions: Int = 20) throws -> CheckpointSummary {
        let spec = "\(policy)(lower=\(lower), amplitude=\(amplitude), clip=true)"
        let scenario = Scenario(
            name: "rescaled", horizon: horizon, repetitions: repetitions, seed: 3,
            arms: means.map { Specification(name: "gaussian", labelled: ["mean": $0, "sd": sd]) },
            policies: [try Specification(parsing: spec)])
        let result = try Study(scenario: scenario, seed: 3, jobs: 2).run()
        return try #require(result.policies[0].series("pseudo_regret")).final
    }

    static let gap = means[0] - means[1]
    static var clampedMeans: [Double] { means.map(clampedMean) }
    /// Original-scale regret per unit of clamped-scale regret.
    static var scale: Double { gap / (clampedMeans[0] - clampedMeans[1]) }

    @Test("the clamped scale keeps the arms' order")
    func orderKept() {
        let clamped = Self.clampedMeans
        #expect(clamped[0] > clamped[1])
        #expect(clamped.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test(
        "asymptotically optimal bounded-reward policies stay within 2× the Bernoulli Lai–Robbins rate of the clamped instance",
        arguments: ["thompson", "kl-ucb", "kl-ucb-plus", "imed", "bayes-ucb"])
    func asymptoticallyOptimal(policy: String) throws {
        // Garivier & Cappé 2011 (Theorem 1) and its successors bound pulls of a suboptimal arm of a
        // [0, 1]-bounded instance by (1 + ε) ln T / d_Bern(m, m*) + o(ln T).
        let clamped = Self.clampedMeans
        let bound = 2 * Self.scale * (clamped[0] - clamped[1]) / LaiRobbins.bernoulliKL(clamped[1], clamped[0]) * log(Double(Self.horizon))
        let regret = try Self.finalRegret(policy)
        #expect(regret.mean + 3 * regret.standardError <= bound, "\(policy): \(regret.mean) ± \(regret.standardError) > \(bound)")
        #expect(bound < Self.gap * Double(Self.horizon) / 2 / 4)
    }

    @Test("Exp3 stays below 2.63 √(T K ln K) on the clamped scale (Auer et al. 2002, Corollary 3.2)")
    func exp3() throws {
        let k = Double(Self.means.count)
        let bound = Self.scale * 2.63 * (Double(Self.horizon) * k * log(k)).squareRoot()
        let regret = try Self.finalRegret("exp3")
        #expect(regret.mean + 3 * regret.standardError <= bound, "exp3: \(regret.mean) ± \(regret.standardError) > \(bound)")
    }

    @Test("the other bounded-reward policies learn: regret below a quarter of uniform play's",
          arguments: ["ucb-chapelle-li", "exp3-ix", "tsallis-inf", "optimistic-thompson", "reshaped-thompson"])
    func learns(policy: String) throws {
        let regret = try Self.finalRegret(policy, repetitions: 10)
        #expect(regret.mean + 3 * regret.standardError < Self.gap * Double(Self.horizon) / 2 / 4, "\(policy): \(regret.mean)")
    }

    @Test("without clip, unbounded arms are rejected before the run, naming the policy's lower parameter")
    func rejectsUnboundedArmsUpFront() throws {
        let catalog = PolicyCatalog.standard
        let bounded = catalog.entries.filter { $0.parameters.contains { $0.name == "clip" } }.map(\.name)
        #expect(Set(bounded) == ["thompson", "ucb-chapelle-li", "kl-ucb", "kl-ucb-plus", "bayes-ucb", "imed", "exp3", "exp3-ix", "tsallis-inf", "optimistic-thompson", "reshaped-thompson"])
        for name in bounded {
            let scenario = Scenario(
                name: "unbounded", horizon: 10, repetitions: 1, seed: 1,
                arms: [Specification(name: "gaussian", labelled: ["mean": 0, "sd": 1])],
                policies: [Specification(name: name)])
            do {
                _ = try Study(scenario: scenario, seed: 1, jobs: 1)
                Issue.record("\(name) accepted Gaussian rewards without a range")
            } catch {
                // The study wraps the catalog's error with the scenario field it came from.
                #expect(error.description.contains("parameter '\(name).lower'"), "\(error)")
            }
        }
    }
}
