import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// Final pseudo-regret of every repetition of the `index`-th policy.
private func finalRegrets(_ result: SimulationResult, policy index: Int) throws -> [Double] {
    let series = try #require(result.policies[index].series("pseudo_regret"))
    return series.values.map { $0[$0.count - 1] }
}

/// z of the difference between two independent sample means.
private func twoSampleZ(_ a: CheckpointSummary, _ b: CheckpointSummary) -> Double {
    (a.mean - b.mean) / (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
}

/// Regret bands from the papers' theorems, run through the simulator on Bernoulli arms.
///
/// The bounds hold in expectation, so each test requires the estimated mean plus three standard
/// errors to lie below the bound, as the UCB1 test does; the constants are the papers', not
/// tuned. Each instance is chosen so that a learner that does not learn (uniform play regret
/// T · mean gap) breaks the bound by a wide margin.
@Suite("Exploration and adversarial policies: regret through the simulator")
struct ExplorationRegretTests {
    static let means = [0.9, 0.6, 0.6, 0.6]
    static let horizon = 10_000

    /// Uniform play's regret on ``means``: T · (3 · 0.3)/4 = 2250.
    static var uniformRegret: Double { Double(horizon) * 0.9 / 4 }

    @Test("Exp3 stays below 2.63 √(g K ln K) with g = T (Auer et al. 2002, Corollary 3.2)")
    func exp3() throws {
        let result = try bernoulliStudy(Self.means, policies: ["exp3"], horizon: Self.horizon, repetitions: 30).run()
        let final = try #require(result.policies[0].series("pseudo_regret")).final
        let k = Double(Self.means.count)
        let bound = 2.63 * (Double(Self.horizon) * k * log(k)).squareRoot()  // 619.4
        #expect(final.mean + 3 * final.standardError <= bound, "Exp3 \(final.mean) ± \(final.standardError), bound \(bound)")
        #expect(bound < Self.uniformRegret / 3)
    }

    @Test("Exp3-IX stays below Neu (2015) Theorem 1, integrated over δ")
    func exp3ix() throws {
        let result = try bernoulliStudy(Self.means, policies: ["exp3-ix"], horizon: Self.horizon, repetitions: 30).run()
        let final = try #require(result.policies[0].series("pseudo_regret")).final
        let k = Double(Self.means.count), t = Double(Self.horizon)
        // P(R > a + b ln(2/δ)) ≤ δ gives E[R] ≤ a + b(1 + ln 2); pseudo-regret ≤ E[R].
        let bound = 4 * (k * t * log(k)).squareRoot() + ((2 * k * t / log(k)).squareRoot() + 1) * (1 + log(2.0))  // 1350
        #expect(final.mean + 3 * final.standardError <= bound, "Exp3-IX \(final.mean) ± \(final.standardError), bound \(bound)")
        #expect(bound < Self.uniformRegret)
    }

    @Test("Tsallis-INF stays below 4√(KT) + 1 with either estimator (Zimmert & Seldin 2021, Theorem 1)",
          arguments: ["tsallis-inf", "tsallis-inf(estimator=rv)"])
    func tsallisINF(policy: String) throws {
        let result = try bernoulliStudy(Self.means, policies: [policy], horizon: Self.horizon, repetitions: 30).run()
        let final = try #require(result.policies[0].series("pseudo_regret")).final
        let bound = 4 * (Double(Self.means.count) * Double(Self.horizon)).squareRoot() + 1  // 801
        #expect(final.mean + 3 * final.standardError <= bound, "Tsallis-INF \(final.mean) ± \(final.standardError), bound \(bound)")
    }

    /// Lattimore & Szepesvári (2020), Theorem 6.1: R_T ≤ m Σ Δᵢ + (T − mK) Σ Δᵢ exp(−mΔᵢ²/4) for
    /// 1-subgaussian rewards (Bernoulli rewards are ½-subgaussian). With m from eq. (6.5) for
    /// Δ = 0.3, T = 2000: m = ⌈44.4 ln 45⌉ = 170 and the bound is 51 + 1660 · 0.3 · e^(−3.825) = 61.9.
    /// The exploration cost m Σ Δᵢ is paid exactly, and afterwards every round costs the gap of
    /// the one arm committed to, so each repetition's regret is m Σ Δᵢ + (T − mK) Δⱼ for some j.
    @Test("explore-then-commit: Theorem 6.1 bound, and the exact regret of each repetition")
    func exploreThenCommit() throws {
        let means = [0.9, 0.6], horizon = 2_000, gap = 0.3
        let result = try bernoulliStudy(means, policies: ["explore-then-commit(gap=0.3)"], horizon: horizon, repetitions: 40).run()
        let m = try ExploreThenCommit.explorationLength(gap: gap, horizon: horizon)
        #expect(m == 170)
        let exploration = Double(m) * gap
        let bound = exploration + Double(horizon - 2 * m) * gap * exp(-Double(m) * gap * gap / 4)
        let final = try #require(result.policies[0].series("pseudo_regret")).final
        #expect(final.mean + 3 * final.standardError <= bound, "ETC \(final.mean) ± \(final.standardError), bound \(bound)")
        for regret in try finalRegrets(result, policy: 0) {
            let committedToBest = abs(regret - exploration) < 1e-6
            let committedToWorst = abs(regret - (exploration + Double(horizon - 2 * m) * gap)) < 1e-6
            #expect(committedToBest || committedToWorst, "regret \(regret) is not m Σ Δ + (T − mK) Δⱼ")
        }
    }

    /// ε_n-greedy and Softmax have no regret theorem at their usual settings, so they are checked
    /// against plain implementations written from the formulas with an independent generator:
    /// the mean regrets must agree within 4.5 standard errors of their difference.
    @Test("ε_n-greedy and Softmax agree with plain reference implementations", arguments: [
        "epsilon-n-greedy(c=0.3, d=0.2)", "softmax(tau=0.1)", "softmax(tau=0.5, decreasing=true)",
    ])
    func referenceAgreement(policy: String) throws {
        let means = [0.9, 0.8, 0.7, 0.6], horizon = 1_000, repetitions = 200
        let result = try bernoulliStudy(means, policies: [policy], horizon: horizon, repetitions: repetitions).run()
        let simulated = try #require(result.policies[0].series("pseudo_regret")).final

        var generator = SplitMix64(seed: 99)
        func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 }
        let k = means.count
        var regrets: [Double] = []
        for _ in 0..<repetitions {
            var counts = [Double](repeating: 0, count: k)
            var sums = [Double](repeating: 0, count: k)
            var regret = 0.0
            for n in 1...horizon {
                let averages = (0..<k).map { counts[$0] > 0 ? sums[$0] / counts[$0] : 0 }
                var arm: Int
                if policy.hasPrefix("epsilon") {
                    // ε_n = min{1, cK/(d²n)}, c = 0.3, d = 0.2; unpulled arms are greedy first.
                    let epsilon = min(1, 0.3 * Double(k) / (0.04 * Double(n)))
                    if uniform() < epsilon {
                        arm = min(k - 1, Int(uniform() * Double(k)))
                    } else {
                        arm = counts.firstIndex(of: 0) ?? averages.firstIndex(of: averages.max()!)!
                    }
                } else if let unpulled = counts.firstIndex(of: 0) {
                    arm = unpulled
                } else {
                    let tau = policy.contains("decreasing") ? 0.5 / log(Double(n) + 1) : 0.1
                    let weights = averages.map { exp($0 / tau) }
                    let target = uniform() * weights.reduce(0, +)
                    var cumulative = 0.0
                    arm = k - 1
                    for j in 0..<k {
                        cumulative += weights[j]
                        if target < cumulative { arm = j; break }
                    }
                }
                sums[arm] += uniform() < means[arm] ? 1 : 0
                counts[arm] += 1
                regret += means[0] - means[arm]
            }
            regrets.append(regret)
        }
        let reference = CheckpointSummary(t: horizon, values: regrets)
        let z = twoSampleZ(simulated, reference)
        #expect(abs(z) < 4.5, "\(policy): \(simulated.mean) ± \(simulated.standardError) vs reference \(reference.mean) ± \(reference.standardError)")
    }

    @Test("every exploration entry is in the standard catalog and rejects bad parameters by name")
    func catalog() throws {
        for name in ["epsilon-n-greedy", "softmax", "explore-then-commit", "exp3", "exp3-ix", "tsallis-inf"] {
            #expect(PolicyCatalog.standard.entry(named: name) != nil, "\(name) missing")
        }
        for (text, parameter) in [
            ("exp3(gamma=0)", "exp3.gamma"), ("exp3-ix(eta=-1)", "exp3-ix.eta"), ("softmax(tau=0)", "softmax.tau"),
            ("epsilon-n-greedy(d=1)", "epsilon-n-greedy.d"), ("explore-then-commit(m=0)", "explore-then-commit.m"),
            ("tsallis-inf(scale=0)", "tsallis-inf.scale"),
        ] {
            do {
                _ = try bernoulliStudy([0.5, 0.4], policies: [text], horizon: 10, repetitions: 1).run()
                Issue.record("\(text) accepted")
            } catch let error as BanditError {
                // The study reports it as a scenario error whose reason is the parameter error.
                #expect("\(error)".contains("parameter '\(parameter)'"), "\(text): \(error)")
            }
        }
    }
}
