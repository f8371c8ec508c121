import BanditCore
import Foundation
import Testing
@testable import BanditSimulation

@Suite("Knapsack arms")
struct KnapsackArmTests {
    /// Sample means of 40,000 draws against the expected outcomes. Every component lies in an
    /// interval of length ≤ 2, so its standard deviation is ≤ 1 (≤ ½ for [0, 1]); the CLT puts
    /// the sample mean within 5 standard errors except with probability ≈ 6·10⁻⁷ per check.
    @Test("sample means match the expected reward and consumption of every model")
    func sampleMeans() throws {
        let arms: [KnapsackArm] = try [
            KnapsackArm(model: .bernoulli(shared: false), reward: 0.3, consumption: [0.7, -0.4]),
            KnapsackArm(model: .bernoulli(shared: true), reward: 0.6, consumption: [0.2, 0.9]),
            KnapsackArm(model: .beta(concentration: 4), reward: 0.25, consumption: [0.5, -0.8]),
            KnapsackArm(model: .gaussian(standardDeviation: 0.5, shared: true), reward: 0.8, consumption: [0.1, -0.9]),
            KnapsackArm.table([[0.2, 1, 1, 0], [0.5, 0.5, 0, -1], [0.3, 0, 0.25, 0.5]]),
        ]
        let count = 40_000
        var generator = Xoshiro256PlusPlus(seed: 21)
        for arm in arms {
            var consumption = [0.0, 0.0]
            var rewardSum = 0.0
            var consumptionSums = [0.0, 0.0]
            for _ in 0..<count {
                let reward = arm.sample(consumption: &consumption, using: &generator)
                #expect(reward >= 0 && reward <= 1 && consumption.allSatisfy { $0 >= -1 && $0 <= 1 })
                rewardSum += reward
                for j in 0..<2 { consumptionSums[j] += consumption[j] }
            }
            let error = 5 / Double(count).squareRoot()
            #expect(abs(rewardSum / Double(count) - arm.expectedReward) < 0.5 * error, "\(arm.model)")
            for j in 0..<2 { #expect(abs(consumptionSums[j] / Double(count) - arm.expectedConsumption[j]) < error, "\(arm.model) c\(j)") }
        }
    }

    /// Shared Bernoulli components come from one uniform: consumption 1 ⇒ reward 1 when the
    /// consumption probability is below the reward's.
    @Test("shared Bernoulli components are comonotone")
    func sharedBernoulli() throws {
        let arm = try KnapsackArm(model: .bernoulli(shared: true), reward: 0.7, consumption: [0.4])
        var generator = Xoshiro256PlusPlus(seed: 5)
        var consumption = [0.0]
        for _ in 0..<2_000 {
            let reward = arm.sample(consumption: &consumption, using: &generator)
            if consumption[0] == 1 { #expect(reward == 1) }
        }
    }

    /// The closed form of E[clip(X, a, b)] against a midpoint rule on [μ − 12σ, μ + 12σ] with
    /// 200,000 cells (error O(h²) ≈ 10⁻¹⁰ for these σ).
    @Test("the mean of a clipped normal matches numerical integration")
    func clippedNormalMean() {
        for (mean, sd, lower, upper) in [(0.5, 0.2, 0.0, 1.0), (0.9, 0.5, 0.0, 1.0), (-0.7, 0.6, -1.0, 1.0), (2.0, 0.3, -1.0, 1.0)] {
            let cells = 200_000
            let start = mean - 12 * sd
            let width = 24 * sd / Double(cells)
            var integral = 0.0
            for cell in 0..<cells {
                let x = start + (Double(cell) + 0.5) * width
                let density = exp(-0.5 * pow((x - mean) / sd, 2)) / (sd * (2 * Double.pi).squareRoot())
                integral += min(upper, max(lower, x)) * density * width
            }
            #expect(abs(KnapsackArm.clippedNormalMean(mean, sd, lower, upper) - integral) < 1e-8)
        }
    }

    @Test("bad arm parameters are typed errors naming the parameter")
    func badParameters() {
        #expect(throws: BanditError.invalidParameter(name: "reward", value: "1.5", reason: "must lie in [0, 1]")) {
            try KnapsackArm(model: .bernoulli(shared: false), reward: 1.5, consumption: [0])
        }
        #expect(throws: BanditError.invalidParameter(name: "consumption[1]", value: "-1.5", reason: "must lie in [−1, 1]")) {
            try KnapsackArm(model: .beta(concentration: 2), reward: 0.5, consumption: [0, -1.5])
        }
        #expect(throws: BanditError.invalidParameter(name: "outcomes", value: "0.9", reason: "probabilities must sum to 1")) {
            try KnapsackArm.table([[0.5, 1, 1], [0.4, 0, 0]])
        }
        #expect(throws: BanditError.invalidParameter(name: "sd", value: "0.0", reason: "must be finite and > 0")) {
            try KnapsackArm(model: .gaussian(standardDeviation: 0, shared: false), reward: 0.5, consumption: [0])
        }
    }
}
