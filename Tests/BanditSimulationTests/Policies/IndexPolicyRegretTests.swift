import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// Regret of the UCB-type index policies through the simulator, against what their papers
/// prove, on the two-armed Bernoulli instances (0.9, 0.6) and (0.55, 0.45) of Auer et al.
/// (2002, distributions 1 and 3). Each check uses the mean plus three standard errors, so a
/// correct policy fails it with probability ≈ 10⁻³, and each band is one a broken index (wrong
/// sign, wrong scale of the exploration term, wrong count) crosses.
///
/// - Asymptotically optimal policies (KL-UCB: Garivier & Cappé 2011, Theorem 1 and the
///   (1+ε)·ln T/d(μ, μ*) + O(ln ln T) + O(ε⁻²) pull bound behind it; KL-UCB+: Kaufmann 2018;
///   Bayes-UCB: Kaufmann, Cappé & Garivier 2012, Theorem 1; IMED: Honda & Takemura 2015) must
///   stay within twice the Lai–Robbins rate Σ Δ/d(μ, μ*)·ln T: the
///   factor 2 is the stated budget for (1 + ε) and the lower-order terms at these horizons.
///   They must also beat UCB1's guarantee 8 Σ ln T/Δ by the margin Pinsker's d ≥ 2Δ² allows.
/// - MOSS and MOSS-anytime: 49√(KT) (Audibert & Bubeck 2009, Theorem 5; Degenne & Perchet
///   2016 prove the same order anytime, and we hold MOSS-anytime to MOSS's constant).
/// - UCB1-Tuned (no bound in its paper) and UCB-V (Audibert, Munos & Szepesvári 2009,
///   Theorem 1, logarithmic with an unspecified c_ζ): held to UCB1's explicit Theorem 1 bound
///   8 Σ ln T/Δ + (1 + π²/3) Σ Δ, which the variance-aware widths only shrink.
/// - Every policy learns: regret below a quarter of uniform play's ΔT/2, which the minimax
///   bounds alone (loose at T = 10⁴) would not catch.
@Suite("Index policies: regret within theory")
struct IndexPolicyRegretTests {
    static let instances: [[Double]] = [[0.9, 0.6], [0.55, 0.45]]

    /// Σ over the suboptimal arm of Δ/d(μ, μ*) — the Lai & Robbins (1985) constant.
    static func laiRobbins(_ means: [Double]) -> Double {
        let best = means.max()!
        return means.filter { $0 < best }.map { (best - $0) / LaiRobbins.bernoulliKL($0, best) }.reduce(0, +)
    }

    static func finalRegret(_ policy: String, _ means: [Double], horizon: Int, repetitions: Int) throws -> CheckpointSummary {
        let result = try bernoulliStudy(means, policies: [policy], horizon: horizon, repetitions: repetitions).run()
        return result.policies[0].series("pseudo_regret")!.final
    }

    /// Regret below a quarter of uniform play's.
    static func expectLearns(_ regret: CheckpointSummary, _ means: [Double], horizon: Int, _ policy: String) {
        let gap = means.max()! - means.min()!
        #expect(regret.mean < 0.25 * gap * Double(horizon) / 2, "\(policy) on \(means): \(regret.mean)")
    }

    @Test(
        "asymptotically optimal policies stay within 2× the Lai–Robbins rate",
        arguments: ["kl-ucb", "kl-ucb-plus", "imed", "bayes-ucb"], instances)
    func asymptoticallyOptimal(policy: String, means: [Double]) throws {
        // Bayes-UCB computes K Beta quantiles per step: a shorter horizon keeps the debug run short.
        let horizon = policy == "bayes-ucb" ? 2_000 : 10_000
        let regret = try Self.finalRegret(policy, means, horizon: horizon, repetitions: 20)
        let logT = log(Double(horizon))
        let bound = 2 * Self.laiRobbins(means) * logT
        #expect(regret.mean + 3 * regret.standardError <= bound,
                "\(policy) on \(means): \(regret.mean) ± \(regret.standardError) > \(bound)")
        // Pinsker: d ≥ 2Δ², so 2·Δ/d·ln T ≤ ln T/Δ — an eighth of UCB1's 8 ln T/Δ.
        let gap = means.max()! - means.min()!
        #expect(regret.mean <= 8 * logT / gap / 8 + 3 * regret.standardError + gap)
        Self.expectLearns(regret, means, horizon: horizon, policy)
    }

    @Test("MOSS and MOSS-anytime stay below 49√(KT)", arguments: ["moss", "moss-anytime"], instances)
    func minimax(policy: String, means: [Double]) throws {
        let horizon = 10_000
        let regret = try Self.finalRegret(policy, means, horizon: horizon, repetitions: 20)
        #expect(regret.mean + 3 * regret.standardError <= 49 * (Double(means.count * horizon)).squareRoot())
        Self.expectLearns(regret, means, horizon: horizon, policy)
    }

    @Test("UCB1-Tuned and UCB-V stay below UCB1's Theorem 1 bound", arguments: ["ucb1-tuned", "ucb-v"], instances)
    func variancePolicies(policy: String, means: [Double]) throws {
        let horizon = 10_000
        let regret = try Self.finalRegret(policy, means, horizon: horizon, repetitions: 20)
        let gap = means.max()! - means.min()!
        let bound = 8 * log(Double(horizon)) / gap + (1 + Double.pi * Double.pi / 3) * gap
        #expect(regret.mean + 3 * regret.standardError <= bound, "\(policy) on \(means): \(regret.mean) > \(bound)")
        Self.expectLearns(regret, means, horizon: horizon, policy)
    }

    @Test("every index policy is in the catalog with its parameters validated")
    func catalog() throws {
        for name in ["ucb1-tuned", "ucb-v", "moss", "moss-anytime", "kl-ucb", "kl-ucb-plus", "bayes-ucb", "imed"] {
            #expect(PolicyCatalog.standard.entry(named: name) != nil, "\(name) missing")
            _ = try bernoulliStudy([0.5, 0.4], policies: [name], horizon: 50, repetitions: 2).run()
        }
        for spec in [
            "kl-ucb(divergence=gaussian, sigma=0.5)", "kl-ucb(divergence=poisson, c=3)", "kl-ucb(divergence=exponential)",
            "kl-ucb-plus(divergence=poisson)", "bayes-ucb(model=gaussian, sigma=2, c=1)", "imed(divergence=gaussian)",
            "ucb-v(zeta=1, c=0.5, b=2)", "moss-anytime(alpha=0)",
        ] {
            _ = try bernoulliStudy([0.5, 0.4], policies: [spec], horizon: 50, repetitions: 2).run()
        }
        for (spec, field) in [
            ("kl-ucb(divergence=cauchy)", "kl-ucb.divergence"), ("kl-ucb(c=-1)", "kl-ucb.c"),
            ("kl-ucb(divergence=gaussian, sigma=0)", "kl-ucb.sigma"), ("kl-ucb-plus(c=-2)", "kl-ucb-plus.c"),
            ("bayes-ucb(model=poisson)", "bayes-ucb.model"), ("bayes-ucb(c=-1)", "bayes-ucb.c"),
            ("imed(divergence=gaussian, sigma=-1)", "imed.sigma"), ("ucb-v(zeta=0)", "ucb-v.zeta"),
            ("ucb-v(b=-1)", "ucb-v.b"), ("moss-anytime(alpha=-1)", "moss-anytime.alpha"),
        ] {
            do {
                _ = try bernoulliStudy([0.5, 0.4], policies: [spec], horizon: 50, repetitions: 2)
                Issue.record("\(spec) accepted")
            } catch {
                // The study wraps the policy's error in the scenario field that holds it.
                let message = "\(error)"
                #expect(message.contains("'\(field)'"), "\(spec): \(message)")
            }
        }
    }
}
