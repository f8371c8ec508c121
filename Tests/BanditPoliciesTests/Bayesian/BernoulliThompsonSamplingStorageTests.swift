import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// The policy keeps its per-arm state in one buffer but encodes the separate arrays it always
/// did; these pin that form and the fast path's bookkeeping (the count of arms with a shape
/// below 1) through updates, resets and decoding.
@Suite("Beta–Bernoulli Thompson sampling storage")
struct BernoulliThompsonSamplingStorageTests {
    // Shapes below 1/3 make c = 1/√(9d) NaN, which plain JSON cannot hold: strings, as the
    // snapshots write them, with sorted keys so that equal states give equal bytes.
    func encode(_ policy: BernoulliThompsonSampling) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(policy)
    }

    func roundTrip(_ policy: BernoulliThompsonSampling) throws -> BernoulliThompsonSampling {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(BernoulliThompsonSampling.self, from: encode(policy))
    }

    @Test("encodes exactly the historical fields, with α, β and constants in their arrays")
    func encodedForm() throws {
        var policy = try BernoulliThompsonSampling(armCount: 2, reshaping: 2, seed: 3)
        try policy.update(arm: 1, reward: 1)
        let object = try #require(try JSONSerialization.jsonObject(with: encode(policy)) as? [String: Any])
        #expect(Set(object.keys) == [
            "armCount", "priorSuccesses", "priorFailures", "binarize", "reshaping", "alphas", "betas", "gammaConstants", "generator",
        ])
        #expect(object["alphas"] as? [Double] == [1, 2])
        #expect(object["betas"] as? [Double] == [1, 1])
        // Per arm [a/α, d, c, b/α, d, c]: arm 1's α shape is 2/2 = 1, d = 1 − 1/3; the other
        // shapes are 1/2 (d < 0, c NaN).
        let constants = try #require(object["gammaConstants"] as? [Any])
        #expect(constants.count == 12)
        #expect(constants[6] as? Double == 1)
        #expect(constants[7] as? Double == 1 - 1.0 / 3.0)
    }

    @Test("shapes below 1: the count follows updates and resets, and decoding restores it", arguments: [0.3, 1.0, 4.0])
    func shapeCountAndDecoding(reshaping: Double) throws {
        var policy = try BernoulliThompsonSampling(armCount: 3, priorSuccesses: 0.5, priorFailures: 2, reshaping: reshaping, seed: 8)
        var reference = NaiveReshapedThompson(
            alphas: [0.5, 0.5, 0.5], betas: [2, 2, 2], reshaping: reshaping, generator: Xoshiro256PlusPlus(seed: 8))
        var rewards = TestRewards(seed: 2)
        for round in 0..<600 {
            let arm = policy.selectArm()
            #expect(arm == reference.selectArm())
            let reward = rewards.bernoulli([0.7, 0.4, 0.2][arm])
            try policy.update(arm: arm, reward: reward)
            reference.alphas[arm] += reward
            reference.betas[arm] += 1 - reward
            if round == 300 {
                try policy.resetArm(0)
                (reference.alphas[0], reference.betas[0]) = (0.5, 2)
            }
            // The count is the number of arms with a (reshaped) shape below 1.
            let expected = (0..<3).count { reference.alphas[$0] / reshaping < 1 || reference.betas[$0] / reshaping < 1 }
            #expect(policy.armsWithShapeBelowOne == expected)
            if round % 150 == 0 {
                // Decoding gives the same state (compared encoded: a NaN constant is unequal
                // to itself), count included, and the run continues identically.
                let restored = try roundTrip(policy)
                #expect(try encode(restored) == encode(policy))
                #expect(restored.armsWithShapeBelowOne == policy.armsWithShapeBelowOne)
                policy = restored
            }
        }
        #expect(policy.generator == reference.generator)
    }
}
