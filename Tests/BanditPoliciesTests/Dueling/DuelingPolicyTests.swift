import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// Plays a policy against a preference matrix with its own coin stream and checks the win-count
/// invariant W[i][j] + W[j][i] = the duels between i and j counted here.
private func playAndCount<P: DuelingPolicy>(
    _ policy: inout P, matrix: [[Double]], rounds: Int, seed: UInt64, wins: (P) -> DuelingWins
) throws -> [[Int]] {
    let count = matrix.count
    var duels = [[Int]](repeating: [Int](repeating: 0, count: count), count: count)
    var coins = Xoshiro256PlusPlus(seed: seed)
    for _ in 0..<rounds {
        let (i, j) = policy.selectPair()
        #expect((0..<count).contains(i) && (0..<count).contains(j))
        duels[min(i, j)][max(i, j)] += 1
        try policy.update(first: i, second: j, firstWins: coins.nextUniform() < matrix[i][j])
    }
    let table = wins(policy)
    var selfDuels = 0
    for i in 0..<count {
        selfDuels += duels[i][i]
        for j in (i + 1)..<count {
            #expect(table.comparisons(i, j) == Double(duels[i][j]), "pair (\(i), \(j))")
            #expect(table.wins(of: i, over: j) + table.wins(of: j, over: i) == Double(duels[i][j]))
        }
        #expect(table.wins(of: i, over: i) == 0)
    }
    #expect(table.selfDuels == selfDuels)
    #expect(table.duels == rounds)
    return duels
}

/// Arithmetic K = 8: P[i][j] = ½ + 0.05(j − i); arm 0 is the Condorcet winner.
let arithmetic8: [[Double]] = (0..<8).map { i in (0..<8).map { j in 0.5 + 0.05 * Double(j - i) } }
/// Cyclic K = 4 (RMED experiments, corrected version).
let cyclic4: [[Double]] = [
    [0.5, 0.6, 0.6, 0.6], [0.4, 0.5, 0.9, 0.1], [0.4, 0.1, 0.5, 0.9], [0.4, 0.9, 0.1, 0.5],
]

@Suite("Dueling policies")
struct DuelingPolicyTests {
    @Test("W[i][j] + W[j][i] counts the duels between i and j, for every policy and instance")
    func winCountInvariant() throws {
        for matrix in [arithmetic8, cyclic4] {
            var rucb = try RUCB(armCount: matrix.count, seed: 1)
            _ = try playAndCount(&rucb, matrix: matrix, rounds: 2_000, seed: 7, wins: \.wins)
            var rmed = try RMED1(armCount: matrix.count, seed: 1)
            _ = try playAndCount(&rmed, matrix: matrix, rounds: 2_000, seed: 7, wins: \.wins)
            var dts = try DoubleThompsonSampling(armCount: matrix.count, seed: 1)
            _ = try playAndCount(&dts, matrix: matrix, rounds: 2_000, seed: 7, wins: \.wins)
        }
    }

    @Test("each policy ends up duelling the Condorcet winner against itself most of the time")
    func exploitsTheWinner() throws {
        // After 4,000 duels on Arithmetic (smallest gap 0.05), every consistent algorithm plays
        // (0, 0) in most of the last rounds; uniform play would hit it 1/64 of the time.
        func lateSelfDuelsOfWinner<P: DuelingPolicy>(_ policy: inout P) throws -> Int {
            var coins = Xoshiro256PlusPlus(seed: 3)
            var hits = 0
            for round in 0..<4_000 {
                let (i, j) = policy.selectPair()
                if round >= 3_000 && i == 0 && j == 0 { hits += 1 }
                try policy.update(first: i, second: j, firstWins: coins.nextUniform() < arithmetic8[i][j])
            }
            return hits
        }
        var rucb = try RUCB(armCount: 8, seed: 2)
        var rmed = try RMED1(armCount: 8, seed: 2)
        var dts = try DoubleThompsonSampling(armCount: 8, seed: 2)
        #expect(try lateSelfDuelsOfWinner(&rucb) > 500)
        #expect(try lateSelfDuelsOfWinner(&rmed) > 500)
        #expect(try lateSelfDuelsOfWinner(&dts) > 500)
    }

    @Test("invalid parameters and unknown arms are rejected; the policy is unchanged")
    func validation() throws {
        #expect(throws: BanditError.self) { try RUCB(armCount: 3, alpha: 0.5, seed: 0) }
        #expect(throws: BanditError.self) { try RUCB(armCount: 0, seed: 0) }
        #expect(throws: BanditError.self) { try RMED1(armCount: 3, offset: -1, seed: 0) }
        #expect(throws: BanditError.self) { try DoubleThompsonSampling(armCount: 3, alpha: .nan, seed: 0) }
        var rucb = try RUCB(armCount: 3, seed: 0)
        let before = rucb
        #expect(throws: BanditError.unknownArm(arm: 3, armCount: 3)) { try rucb.update(first: 0, second: 3, firstWins: true) }
        #expect(throws: BanditError.unknownArm(arm: -1, armCount: 3)) { try rucb.update(first: -1, second: 0, firstWins: true) }
        #expect(rucb == before)
        var rmed = try RMED1(armCount: 3, seed: 0)
        let rmedBefore = rmed
        #expect(throws: BanditError.unknownArm(arm: 5, armCount: 3)) { try rmed.update(first: 5, second: 0, firstWins: false) }
        #expect(rmed == rmedBefore)
        #expect(RMED1.defaultOffset(armCount: 8) == 0.3 * pow(8, 1.01))
    }

    @Test("RUCB, hand-traced: with 0 confidently ahead it plays (0, 0); with two candidates the pair is {0, 1}")
    func rucbHandTrace() throws {
        // K = 3, α = 0.51. Feed 30 duels: W[0][1] = 10, W[0][2] = 10, W[1][2] = W[2][1] = 5.
        // At t = 31, α ln t = 0.51 · ln 31 = 1.7513, and each pair has n = 10, so the width is
        // √(1.7513/10) = 0.4185:
        //   u₁₀ = 0/10 + 0.4185 < ½ and u₂₀ = 0.4185 < ½ → C = {0} (u₀₁ = u₀₂ = 1.4185);
        //   c = 0, d = argmaxⱼ u_j0 over (u₀₀, u₁₀, u₂₀) = (½, 0.4185, 0.4185) → d = 0: duel (0, 0).
        var rucb = try RUCB(armCount: 3, seed: 11)
        for _ in 0..<10 { try rucb.update(first: 0, second: 1, firstWins: true) }
        for _ in 0..<10 { try rucb.update(first: 2, second: 0, firstWins: false) }
        for _ in 0..<5 { try rucb.update(first: 1, second: 2, firstWins: true) }
        for _ in 0..<5 { try rucb.update(first: 1, second: 2, firstWins: false) }
        let (c, d) = rucb.selectPair()
        #expect(c == 0 && d == 0)
        #expect(rucb.hypothesis == 0)  // B = C = {0}
        // Second state: W[0][1] = 6, W[1][0] = 4 instead. Then u₁₀ = 0.4 + 0.4185 = 0.8185 ≥ ½
        // and u₁₂ = 0.5 + 0.4185 ≥ ½, so C = {0, 1}; u₂₀ = 0.4185 keeps 2 out. Either
        // c = 0 → d = argmax(u₀₀, u₁₀, u₂₀) = argmax(½, 0.8185, 0.4185) = 1, or
        // c = 1 → d = argmax(u₀₁, u₁₁, u₂₁) = argmax(1.0185, ½, 0.9185) = 0.
        var second = try RUCB(armCount: 3, seed: 12)
        for _ in 0..<6 { try second.update(first: 0, second: 1, firstWins: true) }
        for _ in 0..<4 { try second.update(first: 0, second: 1, firstWins: false) }
        for _ in 0..<10 { try second.update(first: 0, second: 2, firstWins: true) }
        for _ in 0..<5 { try second.update(first: 1, second: 2, firstWins: true) }
        for _ in 0..<5 { try second.update(first: 2, second: 1, firstWins: true) }
        var seen = Set<Int>()
        for _ in 0..<40 {
            var copy = second
            let (c, d) = copy.selectPair()
            #expect(Set([c, d]) == [0, 1] && c != d)
            seen.insert(c)
            _ = second.selectPair()  // advance the generator
        }
        // B was reset to ∅ (never a sole candidate) so c is uniform on C: both occur.
        #expect(seen == [0, 1])
        // At t = 1 (nothing seen) every off-diagonal u is 2: c is any arm and d ≠ c.
        var fresh = try RUCB(armCount: 4, seed: 5)
        for _ in 0..<20 {
            let (c, d) = fresh.selectPair()
            #expect(c != d)
        }
    }

    @Test("RMED1, hand-traced: the initial phase in lexicographic order, then the loop")
    func rmed1HandTrace() throws {
        // K = 3, f(3) = 0.3 · 3^1.01 = 0.9100.
        var rmed = try RMED1(armCount: 3, seed: 4)
        #expect(abs(rmed.offset - 0.9100) < 1e-4)
        // Initial phase (L = 1): (0,1), (0,2), (1,2); outcomes: 0 wins, 0 wins, 1 wins.
        for (pair, firstWins) in [((0, 1), true), ((0, 2), true), ((1, 2), true)] {
            let selected = rmed.selectPair()
            #expect(selected == pair)
            try rmed.update(first: selected.0, second: selected.1, firstWins: firstWins)
        }
        // Now μ̂₀₁ = μ̂₀₂ = 1, μ̂₁₂ = 1: J₀ = 0, J₁ = 1·d(0, ½) = ln 2, J₂ = 2 ln 2 → Î* = 0.
        #expect(rmed.divergences[0] == 0)
        #expect(abs(rmed.divergences[1] - log(2.0)) < 1e-12)
        #expect(abs(rmed.divergences[2] - 2 * log(2.0)) < 1e-12)
        // Loop 1, L_C = (0, 1, 2):
        // t = 4, l = 0: O₀ = ∅ → m = Î* = 0: duel (0, 0). L_R = {1, 2}; 0 joins L_N.
        var pair = rmed.selectPair()
        #expect(pair == (0, 0))
        try rmed.update(first: 0, second: 0, firstWins: true)
        // t = 5, l = 1: O₁ = {0} (μ̂₁₀ = 0) ∋ Î* → m = 0: duel (1, 0); 0 wins, so J₁ = 2 ln 2 =
        // 1.386 ≤ J₀ + ln 5 + f = 0 + 1.609 + 0.910 → 1 joins L_N.
        pair = rmed.selectPair()
        #expect(pair == (1, 0))
        try rmed.update(first: 1, second: 0, firstWins: false)
        #expect(abs(rmed.divergences[1] - 2 * log(2.0)) < 1e-12)
        // t = 6, l = 2: O₂ = {0, 1} ∋ Î* → m = 0: duel (2, 0); 0 wins: J₂ = 2·d(0,½) + 1·d(0,½)
        // = 3 ln 2 = 2.079 ≤ ln 6 + 0.910 = 2.702 → 2 joins L_N.
        pair = rmed.selectPair()
        #expect(pair == (2, 0))
        try rmed.update(first: 2, second: 0, firstWins: false)
        #expect(abs(rmed.divergences[2] - 3 * log(2.0)) < 1e-12)
        // Loop 2: L_C = {0, 1, 2}, the same three duels.
        #expect(rmed.currentLoop == [0, 1, 2])
        pair = rmed.selectPair()
        #expect(pair == (0, 0))
    }

    @Test("RMED1 drops an arm from the loop once Jⱼ − J_Î* exceeds ln t + f(K)")
    func rmed1DropsClearLosers() throws {
        // K = 2, f = 0: feed the initial duel and then let 0 win every duel. Arm 1's J₁ = N·ln 2
        // grows by ln 2 per duel against 0 while ln t grows slowly, so 1 leaves L_C: at the end
        // of a loop where J₁ > ln t, L_C = {0} and the policy plays (0, 0) only.
        var rmed = try RMED1(armCount: 2, offset: 0, seed: 1)
        for _ in 0..<40 {
            let (i, j) = rmed.selectPair()
            try rmed.update(first: i, second: j, firstWins: i == 0 || (j != 0 && i < j))
        }
        #expect(rmed.currentLoop == [0])
        #expect(rmed.selectPair() == (0, 0))
    }

    @Test("D-TS: the second arm is never one that confidently loses to the first")
    func doubleThompsonSecondArm() throws {
        // After 0 beat 1 in 200 of 200 duels, l₁₀ = 0 − √(α ln t / 200) ≤ ½ but l₀₁ = 1 − 0.14 > ½:
        // when 1 is the first candidate, 0 may not be its second (it would surely win), so
        // D-TS never plays (1, 0); and 0 leads the upper Copeland scores so a⁽¹⁾ = 0.
        var dts = try DoubleThompsonSampling(armCount: 2, seed: 9)
        for _ in 0..<200 { try dts.update(first: 0, second: 1, firstWins: true) }
        for _ in 0..<100 {
            let (first, second) = dts.selectPair()
            #expect(first == 0)
            #expect(second == 0 || second == 1)
        }
        var copy = dts
        #expect(copy.selectPair().0 == 0)
    }
}
