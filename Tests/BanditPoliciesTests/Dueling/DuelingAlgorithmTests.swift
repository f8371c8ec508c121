import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

/// A clear Condorcet instance: arm 0 beats every arm 0.8 to 0.2 (Δ = 0.3); among the others,
/// the lower index wins 0.6 to 0.4 (strong stochastic transitivity, as BTM and IF assume).
let clearCondorcet4: [[Double]] = [
    [0.5, 0.8, 0.8, 0.8], [0.2, 0.5, 0.6, 0.6], [0.2, 0.4, 0.5, 0.6], [0.2, 0.4, 0.4, 0.5],
]

/// Plays `rounds` duels with coins from `coinSeed`; returns the pairs chosen.
private func play<P: DuelingPolicy>(_ policy: inout P, matrix: [[Double]], rounds: Int, coinSeed: UInt64 = 3) throws -> [(Int, Int)] {
    var coins = Xoshiro256PlusPlus(seed: coinSeed)
    var pairs: [(Int, Int)] = []
    pairs.reserveCapacity(rounds)
    for _ in 0..<rounds {
        let (i, j) = policy.selectPair()
        #expect((0..<matrix.count).contains(i) && (0..<matrix.count).contains(j))
        pairs.append((i, j))
        try policy.update(first: i, second: j, firstWins: coins.nextUniform() < matrix[i][j])
    }
    return pairs
}

/// How many of the last `window` pairs are the winner's self-duel (0, 0).
private func lateWinnerSelfDuels(_ pairs: [(Int, Int)], window: Int) -> Int {
    pairs.suffix(window).filter { $0 == (0, 0) }.count
}

/// Checks W[i][j] + W[j][i] against an independent count of the duels played.
private func checkWinCounts(_ wins: DuelingWins, pairs: [(Int, Int)]) {
    let k = wins.armCount
    var duels = [Int](repeating: 0, count: k * k)
    for (i, j) in pairs where i != j { duels[min(i, j) * k + max(i, j)] += 1 }
    for i in 0..<k {
        for j in (i + 1)..<k { #expect(wins.comparisons(i, j) == Double(duels[i * k + j]), "pair (\(i), \(j))") }
    }
    #expect(wins.duels == pairs.count)
    #expect(wins.selfDuels == pairs.filter { $0.0 == $0.1 }.count)
}

@Suite("Dueling algorithms: RMED2, BTM, IF2, SAVAGE, RCS, CCB, Sparring")
struct DuelingAlgorithmTests {
    @Test("win counts equal the duels played, for every policy keeping W")
    func winCounts() throws {
        for matrix in [clearCondorcet4, cyclic4, arithmetic8] {
            let k = matrix.count
            var rmed2 = try RMED2(armCount: k, seed: 1)
            let rmed2Pairs = try play(&rmed2, matrix: matrix, rounds: 1_500)
            checkWinCounts(rmed2.wins, pairs: rmed2Pairs)
            var rmed2fh = try RMED2(armCount: k, horizon: 1_500, seed: 1)
            let rmed2fhPairs = try play(&rmed2fh, matrix: matrix, rounds: 1_500)
            checkWinCounts(rmed2fh.wins, pairs: rmed2fhPairs)
            var rcs = try RCS(armCount: k, seed: 1)
            let rcsPairs = try play(&rcs, matrix: matrix, rounds: 1_500)
            checkWinCounts(rcs.wins, pairs: rcsPairs)
            var ccb = try CCB(armCount: k, seed: 1)
            let ccbPairs = try play(&ccb, matrix: matrix, rounds: 1_500)
            checkWinCounts(ccb.wins, pairs: ccbPairs)
            var savage = try SAVAGE(armCount: k, horizon: 1_500)
            let savagePairs = try play(&savage, matrix: matrix, rounds: 1_500)
            checkWinCounts(savage.wins, pairs: savagePairs)
        }
    }

    /// Expected duels other than (0, 0) in rounds 3,000–4,000 of a log T algorithm: each loser i
    /// is drawn about C·(ln 4000 − ln 3000)/Δ² ≈ C·3.2 more times, with C ≤ 2.5 for these
    /// confidence widths (α ln t/n ≤ 2.5 ln t/n) and Δ = 0.3 — under 10 per arm, 30 in all.
    /// Allowing 100 (RUCB-style) or 200 (Sparring's two UCB players, whose gap against a
    /// winner that plays itself is also 0.3 but whose α = 2.5 doubles the width) leaves a wide
    /// margin; uniform play would give 1000 − 1000/16 = 937.
    @Test("on a clear Condorcet instance each policy ends up duelling the winner against itself")
    func convergesToWinner() throws {
        func check<P: DuelingPolicy>(_ policy: P, rounds: Int = 4_000, atLeast: Int = 900, _ name: String) throws {
            var copy = policy
            let pairs = try play(&copy, matrix: clearCondorcet4, rounds: rounds)
            #expect(lateWinnerSelfDuels(pairs, window: 1_000) >= atLeast, "\(name)")
        }
        try check(try RMED2(armCount: 4, seed: 2), "rmed2")
        try check(try RMED2(armCount: 4, horizon: 4_000, seed: 2), "rmed2fh")
        try check(try RCS(armCount: 4, seed: 2), "rcs")
        try check(try CCB(armCount: 4, seed: 2), "ccb")
        try check(try Sparring.ucb(armCount: 4), atLeast: 800, "sparring")
        // SAVAGE eliminates arm i once 0.2 + √(ln(2NT²)/(2n)) < ½, n ≈ 300 duels of the pair
        // (5 standard deviations of μ̂ below the threshold): about 6·300 rounds, then it exploits.
        try check(try SAVAGE(armCount: 4, horizon: 4_000), atLeast: 1_000, "savage")
        // IF (T = 8,000): a switch to arm 0 and the eliminations need √(4 ln(TK²)/n) < 0.3, n ≈ 500
        // round robins, and are near-certain by n = 800 (4.6 standard deviations): at most
        // 800·3 + 800·2 = 4,000 rounds.
        try check(try InterleavedFilter(armCount: 4, horizon: 8_000, seed: 2), rounds: 8_000, atLeast: 1_000, "if")
        // BTM (γ = 1, T = 30,000): an elimination needs 3√(ln(2TK)/n*) = 10.56/√n* below half
        // the spread of P̂ — 0.47 with four arms (0.8 vs 0.33), then 0.5 and 0.6 — so
        // n* ≈ 2,050 (8,200 rounds), then ≈ 1,250 and ≈ 700 more rounds: about 10,200 in all.
        var btm = try BeatTheMean(armCount: 4, horizon: 30_000, gamma: 1, seed: 2)
        let btmPairs = try play(&btm, matrix: clearCondorcet4, rounds: 30_000)
        #expect(lateWinnerSelfDuels(btmPairs, window: 10_000) == 10_000)
        #expect(btm.activeCount == 1 && btm.recommendation == 0)
    }

    @Test("same seed, same duels; the randomised policies depend on their seed")
    func determinism() throws {
        func pairs<P: DuelingPolicy>(_ make: (UInt64) throws -> P, seed: UInt64) throws -> [Int] {
            var policy = try make(seed)
            return try play(&policy, matrix: arithmetic8, rounds: 600).flatMap { [$0.0, $0.1] }
        }
        func check<P: DuelingPolicy>(_ name: String, randomised: Bool = true, _ make: (UInt64) throws -> P) throws {
            #expect(try pairs(make, seed: 5) == pairs(make, seed: 5), "\(name)")
            if randomised { #expect(try pairs(make, seed: 5) != pairs(make, seed: 6), "\(name)") }
        }
        try check("rmed2") { try RMED2(armCount: 8, seed: $0) }
        try check("rcs") { try RCS(armCount: 8, seed: $0) }
        try check("ccb") { try CCB(armCount: 8, seed: $0) }
        try check("btm") { try BeatTheMean(armCount: 8, horizon: 600, seed: $0) }
        try check("if") { try InterleavedFilter(armCount: 8, horizon: 600, seed: $0) }
        try check("savage", randomised: false) { _ in try SAVAGE(armCount: 8, horizon: 600) }
        try check("sparring-exp3") { seed in try Sparring.exp3(armCount: 8, horizon: 600, seeds: (seed, seed &+ 1)) }
    }

    @Test("invalid parameters are rejected naming the parameter; a bad arm leaves the policy unchanged")
    func validation() throws {
        func rejects(_ name: String, _ body: () throws -> Void) {
            do {
                try body()
                Issue.record("accepted an invalid \(name)")
            } catch let error as BanditError {
                guard case .invalidParameter(let field, _, _) = error else { Issue.record("\(error)"); return }
                #expect(field == name)
            } catch {
                Issue.record("\(error)")
            }
        }
        rejects("rmed2.alpha") { _ = try RMED2(armCount: 3, alpha: 0, seed: 0) }
        rejects("rmed2.f") { _ = try RMED2(armCount: 3, offset: -1, seed: 0) }
        rejects("rmed2fh.horizon") { _ = try RMED2(armCount: 3, horizon: 0, seed: 0) }
        rejects("btm.gamma") { _ = try BeatTheMean(armCount: 3, horizon: 10, gamma: 0.9, seed: 0) }
        rejects("btm.horizon") { _ = try BeatTheMean(armCount: 3, horizon: 0, seed: 0) }
        rejects("if.horizon") { _ = try InterleavedFilter(armCount: 3, horizon: 0, seed: 0) }
        rejects("savage.delta") { _ = try SAVAGE(armCount: 3, horizon: 10, delta: 1.5) }
        rejects("savage.horizon") { _ = try SAVAGE(armCount: 3, horizon: -1) }
        rejects("rcs.alpha") { _ = try RCS(armCount: 3, alpha: 0.5, seed: 0) }
        rejects("ccb.alpha") { _ = try CCB(armCount: 3, alpha: .infinity, seed: 0) }
        rejects("sparring.alpha") { _ = try Sparring.ucb(armCount: 3, alpha: -1) }
        rejects("armCount") { _ = try CCB(armCount: 0, seed: 0) }
        rejects("sparring.right") { _ = try Sparring(left: try UCB1(armCount: 3), right: try UCB1(armCount: 4)) }

        func unchanged<P: DuelingPolicy & Equatable>(_ policy: P) {
            var copy = policy
            _ = copy.selectPair()
            let before = copy
            #expect(throws: BanditError.unknownArm(arm: 3, armCount: 3)) { try copy.update(first: 0, second: 3, firstWins: true) }
            #expect(throws: BanditError.unknownArm(arm: -1, armCount: 3)) { try copy.update(first: -1, second: 0, firstWins: false) }
            #expect(copy == before)
        }
        unchanged(try RMED2(armCount: 3, seed: 0))
        unchanged(try BeatTheMean(armCount: 3, horizon: 10, seed: 0))
        unchanged(try InterleavedFilter(armCount: 3, horizon: 10, seed: 0))
        unchanged(try SAVAGE(armCount: 3, horizon: 10))
        unchanged(try RCS(armCount: 3, seed: 0))
        unchanged(try CCB(armCount: 3, seed: 0))
        unchanged(try Sparring.ucb(armCount: 3))
        unchanged(try Sparring.exp3(armCount: 3, horizon: 10, seeds: (1, 2)))
    }

    @Test("RMED2's comparison arm b̂(l), hand-computed, and its exploration schedule")
    func rmed2ComparisonArm() throws {
        // W₀₁ = 8, W₁₀ = 2; W₀₂ = 6, W₂₀ = 4; W₂₁ = 9, W₁₂ = 1. Leader 0 (J₀ = 0).
        // For l = 1, the arms beating it: 0 (μ̂₁₀ = 0.2) and 2 (μ̂₁₂ = 0.1):
        //   j = 0: (μ̂₀₁ + μ̂₀₀ − 1)/d(0.2, ½) = 0.3/0.19274 = 1.557;
        //   j = 2: (μ̂₀₁ + μ̂₀₂ − 1)/d(0.1, ½) = 0.4/0.36806 = 1.087 → b̂(1) = 2.
        // For l = 2 only arm 0 beats it → b̂(2) = 0. The leader has none → b̂(0) = Î* = 0.
        var rmed = try RMED2(armCount: 3, seed: 1)
        for _ in 0..<8 { try rmed.update(first: 0, second: 1, firstWins: true) }
        for _ in 0..<2 { try rmed.update(first: 0, second: 1, firstWins: false) }
        for _ in 0..<6 { try rmed.update(first: 0, second: 2, firstWins: true) }
        for _ in 0..<4 { try rmed.update(first: 0, second: 2, firstWins: false) }
        for _ in 0..<9 { try rmed.update(first: 2, second: 1, firstWins: true) }
        try rmed.update(first: 2, second: 1, firstWins: false)
        #expect(rmed.divergences[0] == 0)
        #expect(rmed.estimatedComparisonArm(for: 1, leader: 0) == 2)
        #expect(rmed.estimatedComparisonArm(for: 2, leader: 0) == 0)
        #expect(rmed.estimatedComparisonArm(for: 0, leader: 0) == 0)
        // 3 ln ln 31 = 3.70: every pair has 10 duels, so no exploration is due.
        #expect(rmed.explorationPair() == nil)
        // A fresh RMED2 first draws each pair once in lexicographic order, then keeps each pair at
        // ≥ 3 ln ln t duels: with K = 2 at t = 2..6 (3 ln ln t ≤ 1.75) only the first duel is due,
        // at t = 16 (3 ln ln 16 = 3.06) the pair needs 4 duels.
        var fresh = try RMED2(armCount: 2, seed: 1)
        #expect(fresh.explorationPair()! == (0, 1))
        try fresh.update(first: 0, second: 1, firstWins: true)
        #expect(fresh.explorationPair() == nil)
        for _ in 0..<14 { try fresh.update(first: 0, second: 0, firstWins: true) }
        #expect(fresh.explorationPair()! == (0, 1))
    }

    @Test("the Beta CDF at ½ matches closed forms: Beta(a, 1) has F(½) = 2⁻ᵃ")
    func betaHalfTails() throws {
        var wins = DuelingWins(armCount: 2)
        var tails = BetaHalfTails(armCount: 2)
        #expect(tails.probabilityAtMostHalf(0, 1) == 0.5)
        for _ in 0..<2 { wins.record(first: 0, second: 1, firstWins: true) }
        tails.refresh(0, 1, wins: wins)
        // θ₀₁ ~ Beta(3, 1): F(½) = 1/8; θ₁₀ ~ Beta(1, 3): F(½) = 1 − (½)³ = 7/8.
        #expect(abs(tails.probabilityAtMostHalf(0, 1) - 0.125) < 1e-14)
        #expect(abs(tails.probabilityAtMostHalf(1, 0) - 0.875) < 1e-14)
        // Beta(2, 2) after one win each: symmetric, F(½) = ½.
        var even = DuelingWins(armCount: 2)
        even.record(first: 0, second: 1, firstWins: true)
        even.record(first: 1, second: 0, firstWins: true)
        tails.refresh(0, 1, wins: even)
        #expect(abs(tails.probabilityAtMostHalf(0, 1) - 0.5) < 1e-14)
    }

    @Test("D-TS's choice distribution equals a naive D-TS that samples every θ from the Beta posteriors")
    func doubleThompsonMatchesNaive() throws {
        // A state where C = {0, 1, 2} (every u > ½ at t = 16: width √(0.51 ln 16/5) = 0.53) and
        // every arm qualifies in phase 2, so both phases are random.
        var state = try DoubleThompsonSampling(armCount: 3, seed: 0)
        let duels: [(Int, Int, Int)] = [(0, 1, 3), (1, 0, 2), (0, 2, 4), (2, 0, 1), (1, 2, 2), (2, 1, 3)]
        for (winner, loser, times) in duels {
            for _ in 0..<times { try state.update(first: winner, second: loser, firstWins: true) }
        }
        let w = state.wins
        let draws = 40_000
        var fast = [Double](repeating: 0, count: 9), naive = [Double](repeating: 0, count: 9)
        var policy = state
        for _ in 0..<draws { let (a, b) = policy.selectPair(); fast[a * 3 + b] += 1 }
        var generator = Xoshiro256PlusPlus(seed: 99)
        for _ in 0..<draws {
            // Phase 1 over all pairs (C is everything here), ties at random.
            var scores = [0, 0, 0]
            for i in 0..<3 {
                for j in (i + 1)..<3 {
                    if generator.nextBeta(w.wins(of: i, over: j) + 1, w.wins(of: j, over: i) + 1) > 0.5 { scores[i] += 1 } else { scores[j] += 1 }
                }
            }
            let top = scores.max()!
            let leaders = (0..<3).filter { scores[$0] == top }
            let first = leaders[generator.nextIndex(below: leaders.count)]
            var best = first, bestTheta = 0.5
            for i in 0..<3 where i != first {
                let theta = generator.nextBeta(w.wins(of: i, over: first) + 1, w.wins(of: first, over: i) + 1)
                if theta > bestTheta { bestTheta = theta; best = i }
            }
            naive[first * 3 + best] += 1
        }
        // Each cell is a binomial proportion in both: 5 standard errors of the difference.
        for cell in 0..<9 {
            let p = (fast[cell] + naive[cell]) / Double(2 * draws)
            let tolerance = 5 * (2 * p * (1 - p) / Double(draws)).squareRoot() + 1e-9
            #expect(abs(fast[cell] - naive[cell]) / Double(draws) <= tolerance, "pair \(cell / 3),\(cell % 3): \(fast[cell]) vs \(naive[cell])")
        }
    }

    @Test("IF2 hand-traced: round robins in index order, then the candidate switches to the arm that beats it")
    func interleavedFilterTrace() throws {
        // K = 3, T = 1: ĉ = √(4 ln 9 / n) = 2.96/√n. Candidate b̂ drawn from the seed.
        var filter = try InterleavedFilter(armCount: 3, horizon: 1, seed: 4)
        let start = filter.candidate
        let others = (0..<3).filter { $0 != start }
        // One round robin: the candidate meets the other arms in ascending order.
        for other in others {
            #expect(filter.selectPair() == (start, other))
            try filter.update(first: start, second: other, firstWins: false)
        }
        // After n round robins lost to both: P̂ = 0, ĉ = 2.96/√n < ½ once n ≥ 36 (n = 35: 0.5004).
        for _ in 1..<35 {
            for other in others { try filter.update(first: start, second: other, firstWins: false) }
        }
        #expect(filter.candidate == start)
        for other in others { try filter.update(first: start, second: other, firstWins: false) }
        // The first b′ (in index order) with P̂ + ĉ < ½ becomes the candidate; the other arm,
        // which b̂ never beat (P̂ = 0, not > ½), stays in W; the old candidate leaves.
        #expect(filter.candidate == others[0])
        #expect(filter.challengers == (0..<3).map { $0 == others[1] })
        #expect(filter.selectPair() == (others[0], others[1]))
    }

    @Test("Sparring rewards the winner's player: the first player's reward is 1 exactly when it wins")
    func sparringRewards() throws {
        var sparring = try Sparring.ucb(armCount: 2)
        try sparring.update(first: 0, second: 1, firstWins: true)
        try sparring.update(first: 1, second: 0, firstWins: false)
        #expect(sparring.left.statistics.mean(of: 0) == 1 && sparring.left.statistics.mean(of: 1) == 0)
        #expect(sparring.right.statistics.mean(of: 1) == 0 && sparring.right.statistics.mean(of: 0) == 1)
    }
}
