import BanditCore
import Foundation
@testable import BanditPolicies

/// Runs a pure-exploration policy to its end; `reward(arm)` answers each sample.
/// Returns the arms sampled, in order.
@discardableResult
func runToEnd<P: PureExplorationPolicy>(_ policy: inout P, limit: Int = 10_000_000, reward: (Int) -> Double) throws -> [Int] {
    var sampled: [Int] = []
    while !policy.isStopped && sampled.count < limit {
        let arm = policy.selectArm()
        sampled.append(arm)
        try policy.update(arm: arm, reward: reward(arm))
    }
    return sampled
}

/// The smallest k with P(Bin(trials, p) ≥ k) ≤ tail: more than k − 1 failures of an event whose
/// probability a theorem bounds by p would contradict the theorem (false alarm ≤ tail).
func binomialUpperLimit(trials: Int, probability p: Double, tail: Double = 1e-6) -> Int {
    guard p > 0 else { return 1 }
    guard p < 1 else { return trials + 1 }
    // Survival function by summing the pmf from the top, in log space.
    func logPMF(_ k: Int) -> Double {
        lgamma(Double(trials + 1)) - lgamma(Double(k + 1)) - lgamma(Double(trials - k + 1))
            + Double(k) * log(p) + Double(trials - k) * log1p(-p)
    }
    var survival = 0.0
    var k = trials
    while k >= 0 {
        let next = survival + exp(logPMF(k))
        if next > tail { return k + 1 }
        survival = next
        k -= 1
    }
    return 0
}
