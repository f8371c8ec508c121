import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// Robust UCB (Bubeck, Cesa-Bianchi & Lugosi 2013) through the simulator on three Pareto (Lomax
/// α = 3, σ = 0.1) arms with means 1, 0, 0 (Var = 0.0075 each, so E|X − μ|² ≤ u = 0.0075).
///
/// Following the proof of Proposition 1, a suboptimal arm is pulled after s samples only while
/// its width exceeds Δ/2 (or a bound fails, with probability ≤ t⁻² per round): with median of
/// means, √(192u(1/8 + 2 ln t)/s) ≥ Δ/2 ⇔ s ≤ 768u(1/8 + 2 ln t)/Δ² = 99 at T = 5,000, Δ = 1;
/// with Catoni the width bound gives 16u·2 ln t/Δ² ≈ 2 but the lemma needs s ≥ 8 ln t = 74.
/// So regret ≲ 2·(99 + 1 + π²/3) ≈ 207 for median of means, below a tenth of uniform play's
/// T·(2/3) = 3,333. Catoni's estimator costs O(n) per solve (its root depends on δ), so it runs
/// at T = 1,000 with the doubling schedule (one solve per round, δ = τ⁻², τ ≤ 1024): the lemma
/// needs s ≥ 8 ln τ ≤ 8 ln 1024 = 55.5, so ≤ 56 pulls per suboptimal arm, regret
/// ≲ 2·(56 + 1 + π²/3) ≈ 121, below a quarter of uniform play's 667. The truncated mean's
/// raw-moment width 4√(u·2 ln t/s) with u = E X² ≈ 1.0075 needs s ≈ 1,000–1,200 before it
/// separates Δ = 1, so at these horizons it is not distinguishable from uniform play and is
/// checked against the naive reference (BanditPoliciesTests) instead.
@Suite("Robust UCB: regret through the simulator")
struct HeavyTailedRegretTests {
    @Test("Robust UCB learns on Pareto arms", arguments: [
        ("robust-ucb(estimator=median-of-means, epsilon=1, u=0.0075)", 5_000, 0.1),
        ("robust-ucb(estimator=catoni, epsilon=1, u=0.0075, schedule=doubling)", 1_000, 0.25),
    ])
    func learns(policy: String, horizon: Int, fraction: Double) throws {
        let arms = [0.95, -0.05, -0.05].map {
            Specification(name: "pareto", labelled: ["shape": 3, "scale": 0.1, "location": $0])
        }
        let scenario = Scenario(
            name: "heavy", horizon: horizon, repetitions: policy.contains("median") ? 8 : 2, seed: 13, arms: arms,
            policies: [try Specification(parsing: policy)])
        let result = try Study(scenario: scenario, seed: 13, jobs: 2).run()
        let regret = result.policies[0].series("pseudo_regret")!.final
        let uniform = Double(horizon) * 2 / 3
        #expect(regret.mean + 3 * regret.standardError < fraction * uniform, "\(policy): \(regret.mean) ± \(regret.standardError)")
    }
}
