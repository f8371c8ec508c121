import BanditCore
import Testing
@testable import BanditPolicies

/// Checks shared by the adversarial policies' tests.
enum AdversarialChecks {
    /// The reported propensities are a probability vector (to 1e-12).
    static func expectDistribution<P: PropensityReportingPolicy>(_ policy: P, sourceLocation: SourceLocation = #_sourceLocation) {
        let propensities = (0..<policy.armCount).map { policy.propensity(of: $0) }
        let valid = propensities.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 }
        #expect(valid, "\(propensities)", sourceLocation: sourceLocation)
        #expect(abs(propensities.reduce(0, +) - 1) < 1e-12, "sum \(propensities.reduce(0, +))", sourceLocation: sourceLocation)
    }

    /// Draws `trials` selections from copies of one state and compares each arm's count with
    /// its propensity (binomial, 4.5σ).
    static func expectFrequenciesMatch<P: PropensityReportingPolicy>(_ policy: P, trials: Int = 40_000, sourceLocation: SourceLocation = #_sourceLocation) {
        var counts = [Int](repeating: 0, count: policy.armCount)
        var copy = policy
        for _ in 0..<trials { counts[copy.selectArm()] += 1 }
        for arm in 0..<policy.armCount {
            let p = policy.propensity(of: arm)
            #expect(isConsistent(successes: counts[arm], trials: trials, probability: p),
                    "arm \(arm): \(counts[arm]) of \(trials), propensity \(p)", sourceLocation: sourceLocation)
        }
    }

    /// Plays `rounds` rounds against an adaptive adversary that rewards one arm and switches it
    /// every `period` rounds, checking the distribution stays finite and normalised (sampled
    /// every 997 rounds to keep the debug run short).
    static func expectStableLongRun<P: PropensityReportingPolicy>(
        _ policy: inout P, rounds: Int, period: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for round in 0..<rounds {
            let arm = policy.selectArm()
            let good = (round / period) % policy.armCount
            try policy.update(arm: arm, reward: arm == good ? 1 : 0)
            if round % 997 == 0 || round == rounds - 1 {
                let propensities = (0..<policy.armCount).map { policy.propensity(of: $0) }
                guard propensities.allSatisfy({ $0.isFinite && $0 >= 0 }), abs(propensities.reduce(0, +) - 1) < 1e-12 else {
                    Issue.record("round \(round): \(propensities)", sourceLocation: sourceLocation)
                    return
                }
            }
        }
    }
}
