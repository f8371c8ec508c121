import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Chapelle & Li's UCB")
struct ChapelleLiUCBTests {
    /// The index written out plainly from the paper.
    static func index(mean: Double, pulls: Double, round t: Double) -> Double {
        let logInverseDelta = log(1 / (1 / t).squareRoot())
        return mean + (2 * mean * logInverseDelta / pulls).squareRoot() + 2 * logInverseDelta / pulls
    }

    @Test("hand trace: after one pull each, the index decides")
    func handTrace() throws {
        var policy = try ChapelleLiUCB(armCount: 2)
        #expect(policy.selectArm() == 0)
        try policy.update(arm: 0, reward: 1)
        #expect(policy.selectArm() == 1)
        try policy.update(arm: 1, reward: 0)
        // Round 3: ln(1/δ) = ½ ln 3 = 0.549; arm 0: 1 + √(2·0.549) + 2·0.549 = 3.146; arm 1: 0 + 0 + 1.099.
        #expect(policy.selectArm() == 0)
        try policy.update(arm: 0, reward: 0)
        try policy.update(arm: 0, reward: 0)
        try policy.update(arm: 0, reward: 0)
        // Round 6: arm 0 mean 0.25 over 4 pulls, arm 1 mean 0 over 1 pull.
        let zero = Self.index(mean: 0.25, pulls: 4, round: 6), one = Self.index(mean: 0, pulls: 1, round: 6)
        #expect(policy.selectArm() == (zero > one ? 0 : 1))
    }

    @Test("matches the plainly written index on a long random run")
    func matchesReference() throws {
        var policy = try ChapelleLiUCB(armCount: 5)
        var generator = SplitMix64(seed: 9)
        let means = [0.1, 0.05, 0.05, 0.02, 0.3]
        var counts = [Double](repeating: 0, count: 5), sums = [Double](repeating: 0, count: 5)
        for round in 1...5_000 {
            let arm = policy.selectArm()
            if counts.contains(0) {
                #expect(arm == counts.firstIndex(of: 0))
            } else {
                let indices = (0..<5).map { Self.index(mean: sums[$0] / counts[$0], pulls: counts[$0], round: Double(round)) }
                let best = indices.max()!
                #expect(indices[arm] >= best - 1e-12 * (1 + best))
            }
            let reward = Double(generator.next() >> 11) * 0x1p-53 < means[arm] ? 1.0 : 0.0
            try policy.update(arm: arm, reward: reward)
            counts[arm] += 1
            sums[arm] += reward
        }
    }

    @Test("rejects bad input with unchanged state; a reset arm is pulled again first")
    func badInputAndReset() throws {
        var policy = try ChapelleLiUCB(armCount: 2)
        try policy.update(arm: 0, reward: 1)
        try policy.update(arm: 1, reward: 0)
        let before = policy
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: 2) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: .nan) }
        #expect(throws: BanditError.self) { try policy.update(arm: 3, reward: 0) }
        #expect(policy == before)
        try policy.resetArm(0)
        #expect(policy.selectArm() == 0)
        #expect(throws: BanditError.self) { try policy.resetArm(7) }
    }
}
