import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Sequential Halving")
struct SequentialHalvingTests {
    @Test("schedule: tᵣ = ⌊T/(|Sᵣ|⌈log₂ m⌉)⌋, |Sᵣ₊₁| = ⌈|Sᵣ|/2⌉, total ≤ T (hand-solved cases)")
    func schedule() {
        // m = 8, T = 240: R = 3, t = 240/24, 240/12, 240/6 = 10, 20, 40 → 80 + 80 + 80 = 240.
        #expect(SequentialHalving.schedule(armCount: 8, budget: 240).map { [$0.survivors, $0.samplesPerArm] } == [[8, 10], [4, 20], [2, 40]])
        // m = 5, T = 100: R = 3, sizes 5, 3, 2; t = ⌊100/15⌋, ⌊100/9⌋, ⌊100/6⌋ = 6, 11, 16 → 95 samples.
        #expect(SequentialHalving.schedule(armCount: 5, budget: 100).map { [$0.survivors, $0.samplesPerArm] } == [[5, 6], [3, 11], [2, 16]])
        for m in [2, 3, 7, 64, 100, 1000] {
            for budget in [1, 10, 99, 1000, 12345] {
                let rounds = SequentialHalving.schedule(armCount: m, budget: budget)
                #expect(rounds.count == ceilingLog2(m))
                #expect(rounds.reduce(0) { $0 + $1.survivors * $1.samplesPerArm } <= budget)
                for (r, round) in rounds.enumerated() where r > 0 {
                    #expect(round.survivors == (rounds[r - 1].survivors + 1) / 2)
                }
            }
        }
    }

    @Test("noise-free run: each round samples every survivor tᵣ times and keeps the better half")
    func halvingSets() throws {
        let n = 13, budget = 2000
        var policy = try SequentialHalving(armCount: n, budget: budget, seed: 3)
        let mean = { (arm: Int) in Double(arm) / Double(n) }  // arm 12 is best
        let plan = SequentialHalving.schedule(armCount: n, budget: budget)
        var expectedSurvivors = Set(0..<n)
        for round in plan {
            #expect(Set(policy.survivingArms) == expectedSurvivors)
            var counts = [Int: Int]()
            for _ in 0..<(round.survivors * round.samplesPerArm) {
                let arm = policy.selectArm()
                counts[arm, default: 0] += 1
                try policy.update(arm: arm, reward: mean(arm))
            }
            #expect(counts.count == round.survivors && counts.values.allSatisfy { $0 == round.samplesPerArm })
            expectedSurvivors = Set(expectedSurvivors.sorted(by: >).prefix((round.survivors + 1) / 2))
        }
        #expect(policy.isStopped)
        #expect(policy.recommend() == n - 1)
        #expect(policy.sampleCount == plan.reduce(0) { $0 + $1.survivors * $1.samplesPerArm })
    }

    @Test("each round ranks arms by that round's samples only (Karnin et al.'s p̂ʳ)")
    func freshSamplesPerRound() throws {
        // Four arms, T = 32: R = 2, t₀ = 4, t₁ = 8. Round 0 puts arms A and B on top; in round 1
        // B pays 0.6 and A pays 0.5, so B must win although A's all-rounds mean would be higher.
        var policy = try SequentialHalving(armCount: 4, budget: 32, seed: 1)
        let a = 2, b = 3
        while !policy.isStopped {
            let round = policy.round
            let arm = policy.selectArm()
            let reward = round == 0 ? (arm == a ? 1.0 : arm == b ? 0.6 : 0) : (arm == a ? 0.5 : 0.6)
            try policy.update(arm: arm, reward: reward)
        }
        #expect(policy.recommend() == b)
    }

    @Test("ties are broken uniformly at random: a null instance returns each arm equally often")
    func randomTies() throws {
        let n = 4, trials = 4000
        var wins = [Int](repeating: 0, count: n)
        for seed in 0..<trials {
            var policy = try SequentialHalving(armCount: n, budget: 40, seed: UInt64(seed))
            try runToEnd(&policy) { _ in 0.5 }
            wins[policy.recommend()] += 1
        }
        for count in wins { #expect(isConsistent(successes: count, trials: trials, probability: 1 / Double(n))) }
    }

    @Test("error probability within Karnin et al.'s Theorem 4.1 bound 3 log₂n · exp(−T/(8 H₂ log₂n))")
    func theoremBound() throws {
        // Means (0.9, 0.1, 0.1, 0.1): Δ = 0.8, H₂ = maxᵢ i/Δᵢ² = 4/0.64 = 6.25, log₂ 4 = 2;
        // T = 800: bound = 6·exp(−800/100) ≈ 2.0·10⁻³.
        let means = [0.9, 0.1, 0.1, 0.1]
        let bound = 3 * 2 * exp(-800 / (8 * 6.25 * 2))
        let trials = 1000
        var rewards = TestRewards(seed: 99)
        var errors = 0
        for seed in 0..<trials {
            var policy = try SequentialHalving(armCount: 4, budget: 800, seed: UInt64(seed))
            try runToEnd(&policy) { rewards.bernoulli(means[$0]) }
            if policy.recommend() != 0 { errors += 1 }
        }
        #expect(errors < binomialUpperLimit(trials: trials, probability: bound))
    }

    @Test("a random subset: m distinct arms, each arm included with probability m/n; auto = largest 2ᵏ with 2ᵏ·k ≤ T")
    func subsets() throws {
        let n = 10, m = 3, trials = 3000
        var inclusions = [Int](repeating: 0, count: n)
        for seed in 0..<trials {
            let policy = try SequentialHalving(armCount: n, budget: 100, subset: .fixed(m), seed: UInt64(seed))
            #expect(Set(policy.candidates).count == m)
            for arm in policy.candidates { inclusions[arm] += 1 }
        }
        for count in inclusions { #expect(isConsistent(successes: count, trials: trials, probability: Double(m) / Double(n))) }
        // T = 1000: 128·7 = 896 ≤ 1000 < 256·8 = 2048.
        let auto = try SequentialHalving(armCount: 1_000_000, budget: 1000, subset: .budgetLimited, seed: 1)
        #expect(auto.candidates.count == 128)
        #expect(auto.statistics.armCount == 128)  // memory ∝ the arms considered, not n
    }

    @Test("bad input: typed errors naming the field, state unchanged")
    func badInput() throws {
        #expect(throws: BanditError.invalidParameter(name: "budget", value: "0", reason: "must be ≥ 1")) {
            try SequentialHalving(armCount: 4, budget: 0, seed: 1)
        }
        #expect(throws: BanditError.self) { try SequentialHalving(armCount: 0, budget: 10, seed: 1) }
        #expect(throws: BanditError.self) { try SequentialHalving(armCount: 4, budget: 10, subset: .fixed(0), seed: 1) }
        #expect(throws: BanditError.self) { try ArmSubsetSize(parameter: "half") }
        var policy = try SequentialHalving(armCount: 4, budget: 40, seed: 1)
        #expect(throws: BanditError.self) { try policy.update(arm: 0, reward: 1) }  // nothing pending
        let arm = policy.selectArm()
        let before = (policy.sampleCount, policy.survivingArms, policy.round)
        #expect(throws: BanditError.self) { try policy.update(arm: (arm + 1) % 4, reward: 1) }
        #expect(throws: BanditError.nonFiniteReward(arm: arm, value: .infinity)) { try policy.update(arm: arm, reward: .infinity) }
        #expect(throws: BanditError.unknownArm(arm: 9, armCount: 4)) { try policy.update(arm: 9, reward: 1) }
        #expect(before == (policy.sampleCount, policy.survivingArms, policy.round))
        try policy.update(arm: arm, reward: 1)
        #expect(policy.sampleCount == 1)
    }
}
