import BanditCore
import BanditPolicies
import Foundation
import Testing
@testable import BanditSimulation

/// Picks a uniformly random arm, or the null arm with probability 1/10; remembers its choice.
struct RandomKnapsackPolicy: KnapsackPolicy {
    let armCount: Int
    let resourceCount: Int
    var generator: Xoshiro256PlusPlus
    var lastChoice: Int?
    mutating func selectArm(remainingBudgets: [Double], round: Int) -> Int? {
        lastChoice = generator.nextUniform() < 0.1 ? nil : generator.nextIndex(below: armCount)
        return lastChoice
    }
    mutating func update(arm: Int?, reward: Double, consumption: [Double]) throws(BanditError) {
        try validate(arm: arm, reward: reward, consumption: consumption)
    }
}

/// Always the same arm.
struct FixedKnapsackPolicy: KnapsackPolicy {
    let armCount: Int
    let resourceCount: Int
    let arm: Int?
    var updates = 0
    mutating func selectArm(remainingBudgets: [Double], round: Int) -> Int? { arm }
    mutating func update(arm: Int?, reward: Double, consumption: [Double]) throws(BanditError) {
        try validate(arm: arm, reward: reward, consumption: consumption)
        updates += 1
    }
}

private func metrics<P: KnapsackPolicy>(_ trial: KnapsackTrial<P>, resources: Int) -> [Double] {
    var values = [Double](repeating: .nan, count: 3 + resources)
    values.withUnsafeMutableBufferPointer { trial.recordMetrics(into: $0) }
    return values
}

@Suite("Knapsack trial")
struct KnapsackTrialTests {
    /// Property: over 1,000 seeded random instances — table arms whose consumption is a
    /// multiple of ¼ in [−½, 1] (exact in binary, so a pull can use exactly what is left),
    /// budgets multiples of ¼ — no budget ever goes below 0, and the run stops only in a round
    /// whose drawn outcome would have overdrawn a budget. Pulls that use exactly the remaining
    /// budget must happen (and be allowed) in many instances.
    @Test("never overspend: 1,000 random instances, including costs equal to the remaining budget")
    func neverOverspend() throws {
        var generator = Xoshiro256PlusPlus(seed: 0xB0C)
        var exactPulls = 0
        var stops = 0
        for instanceIndex in 0..<1_000 {
            let armCount = 1 + generator.nextIndex(below: 5)
            let resourceCount = 1 + generator.nextIndex(below: 3)
            let replenishing = instanceIndex % 4 == 0
            var arms: [KnapsackArm] = []
            for _ in 0..<armCount {
                let outcomes = 1 + generator.nextIndex(below: 3)
                var rows: [[Double]] = []
                for _ in 0..<outcomes {
                    var row = [1 / Double(outcomes), Double(generator.nextIndex(below: 5)) / 4]
                    for _ in 0..<resourceCount {
                        let low = replenishing ? -2 : 0
                        row.append(Double(low + generator.nextIndex(below: 5 - low)) / 4)
                    }
                    rows.append(row)
                }
                arms.append(try KnapsackArm.table(rows))
            }
            let budgets = (0..<resourceCount).map { _ in Double(1 + generator.nextIndex(below: 20)) / 4 }
            let horizon = 60
            let instance = try KnapsackInstance(arms: arms, budgets: budgets, horizon: horizon)
            let stream = RandomStreams(masterSeed: UInt64(instanceIndex)).rewardStream(repetition: 0)
            var trial = KnapsackTrial(
                policy: RandomKnapsackPolicy(armCount: armCount, resourceCount: resourceCount, generator: Xoshiro256PlusPlus(seed: UInt64(instanceIndex))),
                instance: instance, benchmark: try instance.benchmark().value, stream: stream)
            for round in 1...horizon {
                let before = trial.remainingBudgets
                let wasRunning = trial.stopRound == nil
                try trial.step(round: round)
                let after = trial.remainingBudgets
                #expect(after.allSatisfy { $0 >= 0 }, "instance \(instanceIndex) round \(round): \(after)")
                if wasRunning, trial.stopRound == round {
                    stops += 1
                    // The stop is justified: the outcome drawn for the chosen arm overdraws.
                    let arm = try #require(trial.currentPolicy.lastChoice)
                    var consumption = [Double](repeating: 0, count: resourceCount)
                    var coin = stream.generator(round: round, slot: 0)
                    _ = instance.arms[arm].sample(consumption: &consumption, using: &coin)
                    #expect(zip(before, consumption).contains { $0 - $1 < 0 })
                    #expect(after == before)
                } else if wasRunning {
                    for j in 0..<resourceCount where after[j] == 0 && before[j] > 0 { exactPulls += 1 }
                }
            }
        }
        // Not a tolerance: these only guard that the property was exercised where it matters.
        #expect(exactPulls > 100)
        #expect(stops > 100)
    }

    /// One arm paying 1 and consuming exactly 1; B = 10, T = 100. The tenth pull uses exactly
    /// the last unit (allowed), the eleventh would overdraw: the run stops with reward 10.
    /// OPT_LP = T·max{p : p ≤ B/T} = 10, so regret(t) = t/10 − reward(t).
    @Test("a cost equal to the remaining budget is allowed; the next pull stops the run; regret is OPT_LP·t/T − reward")
    func exactBudget() throws {
        let instance = try KnapsackInstance(arms: [KnapsackArm.table([[1, 1, 1]])], budgets: [10], horizon: 100)
        let benchmark = try instance.benchmark()
        #expect(abs(benchmark.value - 10) < 1e-9)
        var trial = KnapsackTrial(
            policy: FixedKnapsackPolicy(armCount: 1, resourceCount: 1, arm: 0), instance: instance, benchmark: benchmark.value,
            stream: RandomStreams(masterSeed: 3).rewardStream(repetition: 0))
        for round in 1...5 { try trial.step(round: round) }
        #expect(metrics(trial, resources: 1) == [0.5 - 5, 5, 0, 5])
        for round in 6...10 { try trial.step(round: round) }
        #expect(trial.remainingBudgets == [0] && trial.stopRound == nil)
        for round in 11...100 { try trial.step(round: round) }
        #expect(trial.stopRound == 11)
        #expect(trial.currentPolicy.updates == 10)
        let final = metrics(trial, resources: 1)
        #expect(abs(final[0]) < 1e-9 && final[1] == 10 && final[2] == 1 && final[3] == 10)
    }

    /// Replenishment: an arm consuming −1 raises the budget, and the null arm changes nothing.
    @Test("negative consumption replenishes; the null arm consumes nothing and never stops the run")
    func replenishmentAndNullArm() throws {
        let instance = try KnapsackInstance(arms: [KnapsackArm.table([[1, 0, -1]])], budgets: [1], horizon: 10)
        var restock = KnapsackTrial(
            policy: FixedKnapsackPolicy(armCount: 1, resourceCount: 1, arm: 0), instance: instance, benchmark: 0,
            stream: RandomStreams(masterSeed: 1).rewardStream(repetition: 0))
        for round in 1...10 { try restock.step(round: round) }
        #expect(restock.remainingBudgets == [11] && metrics(restock, resources: 1)[3] == -10)
        var idle = KnapsackTrial(
            policy: FixedKnapsackPolicy(armCount: 1, resourceCount: 1, arm: nil), instance: instance, benchmark: 0,
            stream: RandomStreams(masterSeed: 1).rewardStream(repetition: 0))
        for round in 1...10 { try idle.step(round: round) }
        #expect(idle.remainingBudgets == [1] && idle.stopRound == nil && idle.currentPolicy.updates == 10)
    }

    @Test("a policy returning an arm outside 0..<K is a typed error, not a crash")
    func unknownArm() throws {
        let instance = try KnapsackInstance(arms: [KnapsackArm.table([[1, 1, 0]])], budgets: [1], horizon: 10)
        var trial = KnapsackTrial(
            policy: FixedKnapsackPolicy(armCount: 1, resourceCount: 1, arm: 3), instance: instance, benchmark: 0,
            stream: RandomStreams(masterSeed: 1).rewardStream(repetition: 0))
        #expect(throws: BanditError.unknownArm(arm: 3, armCount: 1)) { try trial.step(round: 1) }
    }

    /// Dynamic pricing by hand: prices (0.9, 0.5, 0.2) selling with probabilities
    /// (0.2, 0.6, 0.9), one unit of inventory per sale, B/T = ¼. Means r = (0.18, 0.30, 0.18),
    /// c = (0.2, 0.6, 0.9). The optimum mixes prices 0.9 and 0.5 with both constraints tight:
    /// p = (7/8, 1/8, 0), value 0.195 per round — certified by the dual y = 0.3 (inventory),
    /// z = 0.12 (Σp ≤ 1): 0.2y + z = 0.18, 0.6y + z = 0.3, 0.9y + z = 0.39 ≥ 0.18, and
    /// ¼y + z = 0.195.
    @Test("the LP benchmark of a pricing instance, solved by hand")
    func pricingBenchmark() throws {
        let arms = try [(0.9, 0.2), (0.5, 0.6), (0.2, 0.9)].map { price, sale throws(BanditError) in
            try KnapsackArm.table([[sale, price, 1], [1 - sale, 0, 0]])
        }
        let instance = try KnapsackInstance(arms: arms, budgets: [250], horizon: 1_000)
        let (value, distribution) = try instance.benchmark()
        #expect(abs(value - 195) < 1e-6)
        #expect(abs(distribution[0] - 0.875) < 1e-9 && abs(distribution[1] - 0.125) < 1e-9 && abs(distribution[2]) < 1e-9)
    }

    /// Switching instance: arm 0 pays 1 (no cost) in the first half and 0 after; arm 1 the
    /// reverse. Time-averaged means are ½ each, so the best fixed distribution earns T/2.
    @Test("a switching instance is benchmarked against the time-averaged outcomes")
    func switchingBenchmark() throws {
        let first = try [KnapsackArm.table([[1, 1, 0]]), KnapsackArm.table([[1, 0, 0]])]
        let second = try [KnapsackArm.table([[1, 0, 0]]), KnapsackArm.table([[1, 1, 0]])]
        let instance = try KnapsackInstance(arms: first, budgets: [5], horizon: 100, laterArms: second)
        #expect(instance.switchRound == 51)
        #expect(abs(try instance.benchmark().value - 50) < 1e-9)
        #expect(instance.arms(round: 50)[0].expectedReward == 1 && instance.arms(round: 51)[0].expectedReward == 0)
    }
}
