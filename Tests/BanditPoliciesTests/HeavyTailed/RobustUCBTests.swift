import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// Robust UCB's index computed the plain way (Bubeck, Cesa-Bianchi & Lugosi 2013, Algorithm 1)
/// from the samples, with the estimators and bounds written out from Lemmas 1–3.
struct NaiveRobustUCB {
    let estimator: RobustUCB.Estimator
    let epsilon: Double, u: Double
    var samples: [[Double]]
    /// δ = τ⁻² with τ the smallest power of two ≥ t (the doubling schedule) instead of t⁻².
    var doubling = false

    func indices() -> [Double] {
        var t = Double(samples.reduce(0) { $0 + $1.count } + 1)
        if doubling { t = pow(2, ceil(log2(t))) }
        let delta = 1 / (t * t), L = log(1 / delta)
        return samples.map { xs -> Double in
            let s = Double(xs.count)
            switch estimator {
            case .truncatedMean:
                guard !xs.isEmpty else { return .infinity }
                var sum = 0.0
                for (i, x) in xs.enumerated() where abs(x) <= pow(u * Double(i + 1) / L, 1 / (1 + epsilon)) { sum += x }
                return sum / s + 4 * pow(u, 1 / (1 + epsilon)) * pow(L / s, epsilon / (1 + epsilon))
            case .medianOfMeans:
                guard xs.count >= 2 else { return .infinity }
                let k = Int(floor(min(8 * log(exp(0.125) / delta), s / 2)))
                let n = (xs.count / k) * k
                var means = [Double](repeating: 0, count: k)
                for i in 0..<n { means[i % k] += xs[i] / Double(n / k) }
                means.sort()
                let median = k % 2 == 1 ? means[k / 2] : (means[k / 2 - 1] + means[k / 2]) / 2
                return median + pow(12 * u, 1 / (1 + epsilon)) * pow(16 * log(exp(0.125) / delta) / s, epsilon / (1 + epsilon))
            case .catoni:
                guard !xs.isEmpty, s >= 4 * L else { return .infinity }
                let alpha = sqrt(2 * L / (s * (u + 2 * u * L / (s - 2 * L))))
                func psi(_ x: Double) -> Double { (x < 0 ? -1 : 1) * log(1 + abs(x) + x * x / 2) }
                var lo = xs.min()!, hi = xs.max()!
                for _ in 0..<100 {
                    let mid = (lo + hi) / 2
                    if xs.reduce(0, { $0 + psi(alpha * ($1 - mid)) }) > 0 { lo = mid } else { hi = mid }
                }
                return (lo + hi) / 2 + 2 * sqrt(u * L / s)
            }
        }
    }

    func isMaximiser(_ arm: Int) -> Bool {
        let values = indices()
        let best = values.max()!
        if best == .infinity { return values.firstIndex(of: .infinity) == arm }
        return values[arm] >= best - 1e-9 * (1 + abs(best))
    }
}

@Suite("Robust UCB")
struct RobustUCBTests {
    @Test("hand trace with median of means (K = 2, ε = 1, u = 1)")
    func handTrace() throws {
        var policy = try RobustUCB(armCount: 2, estimator: .medianOfMeans, epsilon: 1, momentBound: 1)
        // Median of means needs two samples: arm 0 twice, then arm 1 twice.
        for (arm, reward) in [(0, 1.0), (0, 3.0), (1, 0.0), (1, 0.5)] {
            #expect(policy.selectArm() == arm)
            try policy.update(arm: arm, reward: reward)
        }
        // t = 5, ln(1/δ) = 2 ln 5; k = ⌊min(1 + 16 ln 5, 1)⌋ = 1, so the estimates are the means
        // 2 and 0.25; the width is √(12·16·(1/8 + 2 ln 5)/2) = 17.917 for both → arm 0.
        var indices = policy.indices()
        #expect(abs(indices[0] - (2 + 17.9171)) < 1e-3 && abs(indices[1] - (0.25 + 17.9171)) < 1e-3, "\(indices)")
        #expect(policy.selectArm() == 0)
        try policy.update(arm: 0, reward: 2)
        // t = 6: arm 0 (3 samples, k = 1, mean 2): 2 + √(192·(1/8 + 2 ln 6)/3) = 17.406;
        // arm 1 (2 samples): 0.25 + √(192·(1/8 + 2 ln 6)/2) = 19.118 → arm 1.
        indices = policy.indices()
        #expect(abs(indices[0] - 17.406) < 1e-3 && abs(indices[1] - 19.118) < 1e-3, "\(indices)")
        #expect(policy.selectArm() == 1)
    }

    @Test("matches a naive implementation decision for decision", arguments: RobustUCB.Estimator.allCases)
    func matchesReference(estimator: RobustUCB.Estimator) throws {
        let epsilon = estimator == .catoni ? 1.0 : 0.5
        var policy = try RobustUCB(armCount: 3, estimator: estimator, epsilon: epsilon, momentBound: 0.5)
        var reference = NaiveRobustUCB(estimator: estimator, epsilon: epsilon, u: 0.5, samples: [[], [], []])
        var generator = SplitMix64(seed: 5)
        let arms = try [0.3, 0.0, -0.2].map { try Lomax(shape: 2.5, scale: 0.3, location: $0) }
        for _ in 0..<400 {
            let arm = policy.selectArm()
            #expect(reference.isMaximiser(arm), "arm \(arm) is not a maximiser of \(reference.indices())")
            let reward = arms[arm].sample(using: &generator)
            try policy.update(arm: arm, reward: reward)
            reference.samples[arm].append(reward)
        }
        #expect(policy.totalCount == 400)
        #expect((0..<3).map(policy.count(of:)) == reference.samples.map(\.count))
    }

    @Test("the doubling schedule matches the naive index at δ = τ⁻², τ = 2^⌈log₂ t⌉", arguments: RobustUCB.Estimator.allCases)
    func doublingMatchesReference(estimator: RobustUCB.Estimator) throws {
        let epsilon = estimator == .catoni ? 1.0 : 0.5
        var policy = try RobustUCB(armCount: 3, estimator: estimator, epsilon: epsilon, momentBound: 0.5, schedule: .doubling)
        var reference = NaiveRobustUCB(estimator: estimator, epsilon: epsilon, u: 0.5, samples: [[], [], []], doubling: true)
        var generator = SplitMix64(seed: 6)
        let arms = try [0.3, 0.0, -0.2].map { try Lomax(shape: 2.5, scale: 0.3, location: $0) }
        for _ in 0..<300 {
            let arm = policy.selectArm()
            #expect(reference.isMaximiser(arm), "arm \(arm) is not a maximiser of \(reference.indices())")
            let reward = arms[arm].sample(using: &generator)
            try policy.update(arm: arm, reward: reward)
            reference.samples[arm].append(reward)
        }
        let restored = try JSONDecoder().decode(RobustUCB.self, from: JSONEncoder().encode(policy))
        #expect(restored == policy && restored.schedule == .doubling)
    }

    @Test("rewards of ±10³⁰⁰ and Pareto α = 1.05 draws never make an index NaN or infinite once defined",
          arguments: RobustUCB.Estimator.allCases)
    func numericalSafety(estimator: RobustUCB.Estimator) throws {
        var policy = try RobustUCB(armCount: 3, estimator: estimator, epsilon: 1, momentBound: 1)
        let pareto = try Lomax(shape: 1.05, scale: 1)
        var generator = SplitMix64(seed: 12)
        for round in 1...400 {
            let arm = policy.selectArm()
            let reward = round % 9 == 0 ? (round % 18 == 0 ? 1e300 : -1e300) : pareto.sample(using: &generator)
            try policy.update(arm: arm, reward: reward)
            let indices = policy.indices()
            #expect(!indices.contains { $0.isNaN })
            // +∞ only while an arm's estimator is undefined (too few samples for its lemma).
            if round > 100 && estimator != .catoni { #expect(indices.allSatisfy { $0.isFinite }, "\(indices)") }
        }
        #expect(policy.totalCount == 400)
    }

    @Test("prefers the best heavy-tailed arm over a long run (median of means)")
    func learns() throws {
        var policy = try RobustUCB(armCount: 3, estimator: .medianOfMeans, epsilon: 1, momentBound: 0.0075)
        var generator = SplitMix64(seed: 8)
        // Lomax α = 3, σ = 0.1: variance 0.0075, mean location + 0.05.
        let arms = try [0.95, -0.05, -0.05].map { try Lomax(shape: 3, scale: 0.1, location: $0) }
        for _ in 0..<20_000 {
            let arm = policy.selectArm()
            try policy.update(arm: arm, reward: arms[arm].sample(using: &generator))
        }
        #expect(policy.count(of: 0) > 18_000, "\((0..<3).map(policy.count(of:)))")
    }

    @Test("rejects bad input and keeps its state")
    func badInput() throws {
        var policy = try RobustUCB(armCount: 2)
        try policy.update(arm: 0, reward: 0.5)
        let before = policy
        #expect(throws: BanditError.nonFiniteReward(arm: 1, value: .infinity)) { try policy.update(arm: 1, reward: .infinity) }
        #expect(throws: BanditError.unknownArm(arm: 2, armCount: 2)) { try policy.update(arm: 2, reward: 1) }
        #expect(throws: BanditError.unknownArm(arm: -1, armCount: 2)) { try policy.update(arm: -1, reward: 1) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: .nan) }
        #expect(policy == before)
        #expect(throws: BanditError.self) { try RobustUCB(armCount: 0) }
        #expect(throws: BanditError.self) { try RobustUCB(armCount: 2, epsilon: 0) }
        #expect(throws: BanditError.self) { try RobustUCB(armCount: 2, epsilon: 1.01) }
        #expect(throws: BanditError.self) { try RobustUCB(armCount: 2, momentBound: -1) }
        #expect(throws: BanditError.self) { try RobustUCB(armCount: 2, momentBound: .nan) }
        #expect(throws: BanditError.self) { try RobustUCB(armCount: 2, estimator: .catoni, epsilon: 0.5) }
        #expect(throws: BanditError.unknownArm(arm: 5, armCount: 2)) { try policy.resetArm(5) }
        #expect(policy == before)
        let data = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(RobustUCB.self, from: data) == policy)
    }

    @Test("resetArm forgets one arm only")
    func reset() throws {
        var policy = try RobustUCB(armCount: 2, estimator: .truncatedMean)
        for arm in [0, 0, 1] { try policy.update(arm: arm, reward: 1) }
        try policy.resetArm(0)
        #expect(policy.count(of: 0) == 0 && policy.count(of: 1) == 1)
        #expect(policy.selectArm() == 0)
    }
}
