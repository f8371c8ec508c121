import BanditCore
import Testing
@testable import BanditPolicies

@Suite("RescaledRewards")
struct RescaledRewardsTests {
    /// A reference stream of (arm, reward) pairs on the user's scale [−2, 3].
    static func feedback(count: Int, seed: UInt64) -> [(Int, Double)] {
        var generator = Xoshiro256PlusPlus(seed: seed)
        return (0..<count).map { _ in (generator.nextIndex(below: 3), -2 + 5 * generator.nextUniform()) }
    }

    @Test("decisions equal the base policy fed (r − lower)/amplitude by hand")
    func matchesHandRescaledBase() throws {
        let rescaling = try RewardRescaling(lower: -2, amplitude: 5)
        var wrapped = RescaledRewards(try BernoulliThompsonSampling(armCount: 3, seed: 11), rescaling: rescaling)
        var reference = try BernoulliThompsonSampling(armCount: 3, seed: 11)
        for (arm, reward) in Self.feedback(count: 2_000, seed: 5) {
            #expect(wrapped.selectArm() == reference.selectArm())
            try wrapped.update(arm: arm, reward: reward)
            try reference.update(arm: arm, reward: (reward + 2) / 5)
        }
    }

    @Test("clamping maps rewards beyond the range to its ends")
    func clamps() throws {
        let rescaling = try RewardRescaling(lower: 0, amplitude: 2, clipsToTarget: true)
        #expect(rescaling.rescale(-7) == 0)
        #expect(rescaling.rescale(1) == 0.5)
        #expect(rescaling.rescale(9) == 1)
        var wrapped = RescaledRewards(try BernoulliThompsonSampling(armCount: 2, seed: 1), rescaling: rescaling)
        var reference = try BernoulliThompsonSampling(armCount: 2, seed: 1)
        for (arm, reward, clamped) in [(0, 9.0, 1.0), (1, -3.0, 0.0), (0, 1.0, 0.5)] {
            try wrapped.update(arm: arm, reward: reward)
            try reference.update(arm: arm, reward: clamped)
        }
        for _ in 0..<100 { #expect(wrapped.selectArm() == reference.selectArm()) }
    }

    @Test("a reward outside the accepted range, unclamped, is a typed error naming it, and changes nothing")
    func rejectsOutOfRange() throws {
        let rescaling = try RewardRescaling(lower: 1, amplitude: 2)
        #expect(rescaling.acceptedRange == 1...3)
        var wrapped = RescaledRewards(try BernoulliThompsonSampling(armCount: 2, seed: 3), rescaling: rescaling)
        var untouched = wrapped
        for bad in [0.5, 3.5] {
            do {
                try wrapped.update(arm: 0, reward: bad)
                Issue.record("accepted \(bad)")
            } catch {
                guard case .invalidParameter(let name, let value, _) = error else { Issue.record("\(error)"); continue }
                #expect(name == "reward" && value == "\(bad)")
            }
        }
        #expect(throws: BanditError.nonFiniteReward(arm: 1, value: .infinity)) { try wrapped.update(arm: 1, reward: .infinity) }
        #expect(throws: BanditError.unknownArm(arm: 2, armCount: 2)) { try wrapped.update(arm: 2, reward: 2) }
        for _ in 0..<50 { #expect(wrapped.selectArm() == untouched.selectArm()) }
    }

    @Test("lower must be finite and amplitude finite and positive")
    func validatesParameters() {
        #expect(throws: BanditError.self) { try RewardRescaling(lower: .nan) }
        for amplitude in [0.0, -1, .infinity, .nan] {
            #expect(throws: BanditError.self) { try RewardRescaling(amplitude: amplitude) }
        }
    }

    @Test("propensities are the base policy's")
    func propensities() throws {
        let base = try EXP3(armCount: 4, explorationRate: 0.3, seed: 2)
        let wrapped = RescaledRewards(base, rescaling: try RewardRescaling(lower: -1, amplitude: 2))
        for arm in 0..<4 { #expect(wrapped.propensity(of: arm) == base.propensity(of: arm)) }
    }
}
