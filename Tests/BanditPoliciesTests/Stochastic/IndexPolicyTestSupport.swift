import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// Plain per-arm sums kept by the naive references of the index-policy tests: nothing shared
/// with ``ArmStatistics``.
struct PlainArms {
    var counts: [Int]
    var sums: [Double]
    var squares: [Double]

    init(armCount: Int) {
        counts = Array(repeating: 0, count: armCount)
        sums = Array(repeating: 0, count: armCount)
        squares = Array(repeating: 0, count: armCount)
    }

    var armCount: Int { counts.count }
    var total: Int { counts.reduce(0, +) }
    func n(_ j: Int) -> Double { Double(counts[j]) }
    func mean(_ j: Int) -> Double { sums[j] / n(j) }
    /// (1/s)Σx² − x̄², the variance estimate of Auer et al. and Audibert et al.
    func variance(_ j: Int) -> Double { max(0, squares[j] / n(j) - mean(j) * mean(j)) }

    mutating func update(_ arm: Int, _ reward: Double) {
        counts[arm] += 1
        sums[arm] += reward
        squares[arm] += reward * reward
    }
}

extension TestRewards {
    /// N(mean, sd²) by Box–Muller from the test generator.
    mutating func gaussian(_ mean: Double, _ sd: Double) -> Double {
        let u1 = (Double(generator.next() >> 11) + 0.5) * 0x1p-53
        let u2 = Double(generator.next() >> 11) * 0x1p-53
        return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// sup{q ∈ [p, hi] : n·d(p, q) ≤ δ} by plain bisection (100 halvings), the reference for the
/// solver of ``KLDivergence``.
func bisectionUpperBound(_ d: (Double, Double) -> Double, p: Double, n: Double, delta: Double, hi: Double) -> Double {
    var low = p, high = hi
    for _ in 0..<200 {
        let mid = 0.5 * (low + high)
        if n * d(p, mid) <= delta { low = mid } else { high = mid }
    }
    return low
}

/// The Bernoulli KL written out.
func plainBernoulliKL(_ p: Double, _ q: Double) -> Double {
    func term(_ a: Double, _ b: Double) -> Double { a == 0 ? 0 : a * log(a / b) }
    return term(p, q) + term(1 - p, 1 - q)
}

/// Whether `arm` is an arg-max (or arg-min) of `values`: equal indices computed in a different
/// order differ in the last bits, so anything within 10⁻⁹ (relative) of the optimum counts.
func isOptimiser(_ arm: Int, of values: [Double], minimise: Bool = false) -> Bool {
    let signed = minimise ? values.map { -$0 } : values
    let best = signed.max()!
    if best == .infinity { return signed[arm] == .infinity }
    return signed[arm] >= best - 1e-9 * (1 + abs(best))
}

/// Plays `rounds` rounds of `policy` on arms with the given means (Bernoulli, or Gaussian with
/// standard deviation `gaussianSD`) and checks every decision against `reference`, the
/// indices written plainly from the paper. Returns the number of pulls per arm.
@discardableResult
func expectMatchesReference<P: BanditPolicy>(
    _ policy: inout P, means: [Double], rounds: Int, seed: UInt64, gaussianSD: Double? = nil, minimise: Bool = false,
    reference: (PlainArms) -> [Double]
) throws -> [Int] {
    var arms = PlainArms(armCount: means.count)
    var rewards = TestRewards(seed: seed)
    var mismatches = 0
    for _ in 0..<rounds {
        let arm = policy.selectArm()
        let values = reference(arms)
        if !isOptimiser(arm, of: values, minimise: minimise) {
            mismatches += 1
            if mismatches <= 3 { Issue.record("t = \(arms.total): arm \(arm) chosen, reference indices \(values)") }
        }
        let reward = gaussianSD.map { rewards.gaussian(means[arm], $0) } ?? rewards.bernoulli(means[arm])
        try policy.update(arm: arm, reward: reward)
        arms.update(arm, reward)
    }
    #expect(mismatches == 0)
    #expect(arms.total == rounds)
    return arms.counts
}

/// Non-finite rewards and unknown arms give the typed errors, `outOfSupport` (if any) a
/// parameter error naming `<policy>.reward`, and none of them changes the policy.
func expectRejectsBadInput<P: BanditPolicy & Equatable>(_ policy: P, valid: Double = 0.5, outOfSupport: Double? = nil) throws {
    var policy = policy
    try policy.update(arm: 0, reward: valid)
    _ = policy.selectArm()
    let before = policy
    let k = policy.armCount
    #expect(throws: BanditError.nonFiniteReward(arm: 0, value: .infinity)) { try policy.update(arm: 0, reward: .infinity) }
    #expect(throws: BanditError.nonFiniteReward(arm: 0, value: -.infinity)) { try policy.update(arm: 0, reward: -.infinity) }
    #expect(throws: BanditError.unknownArm(arm: k, armCount: k)) { try policy.update(arm: k, reward: valid) }
    #expect(throws: BanditError.unknownArm(arm: -1, armCount: k)) { try policy.update(arm: -1, reward: valid) }
    do {
        try policy.update(arm: 0, reward: .nan)
        Issue.record("NaN accepted")
    } catch {
        guard case .nonFiniteReward(0, let value) = error, value.isNaN else { Issue.record("wrong error \(error)"); return }
    }
    if let outOfSupport {
        do {
            try policy.update(arm: 0, reward: outOfSupport)
            Issue.record("reward \(outOfSupport) outside the support accepted")
        } catch {
            guard case .invalidParameter(let name, _, _) = error, name.hasSuffix(".reward") else {
                Issue.record("wrong error \(error)")
                return
            }
        }
    }
    #expect(policy == before)
}

/// The parameter name of a thrown ``BanditError/invalidParameter(name:value:reason:)``.
func invalidParameterName(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        guard case .invalidParameter(let name, _, _) = error as? BanditError else { return "\(error)" }
        return name
    }
}
