import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("Explore-then-commit")
struct ExploreThenCommitTests {
    @Test("explores round robin m times, then commits to the best mean for good")
    func handTrace() throws {
        var policy = try ExploreThenCommit(armCount: 2, explorationLength: 2)
        // Arm 0 gets 1, 0 (mean 0.5); arm 1 gets 0.6, 0.6 (mean 0.6) → commit to arm 1.
        for (expected, reward) in [(0, 1.0), (1, 0.6), (0, 0.0), (1, 0.6)] {
            #expect(!policy.isCommitted)
            #expect(policy.selectArm() == expected)
            #expect(policy.propensity(of: expected) == 1)
            #expect(policy.propensity(of: 1 - expected) == 0)
            try policy.update(arm: expected, reward: reward)
        }
        #expect(policy.committedArm == 1)
        // Later rewards never move the commitment, even when they make arm 1 look worse.
        for _ in 0..<20 {
            #expect(policy.selectArm() == 1)
            try policy.update(arm: 1, reward: 0)
        }
        #expect(policy.propensity(of: 1) == 1)
    }

    @Test("eq. (6.5): m = max{1, ⌈4/Δ² ln(TΔ²/4)⌉}")
    func explorationLength() throws {
        // Δ = 0.5, T = 1000: 16 · ln(62.5) = 66.16 → 67.
        #expect(try ExploreThenCommit.explorationLength(gap: 0.5, horizon: 1000) == 67)
        // Δ = 0.1, T = 100: ln(0.25) < 0 → 1.
        #expect(try ExploreThenCommit.explorationLength(gap: 0.1, horizon: 100) == 1)
        // A tiny gap makes ln(TΔ²/4) very negative (m → −∞ before the max): still 1.
        #expect(try ExploreThenCommit.explorationLength(gap: 1e-12, horizon: Int.max) == 1)
        // Δ = 0.2, T = 10⁴: 100 · ln(100) = 460.5 → 461.
        #expect(try ExploreThenCommit.explorationLength(gap: 0.2, horizon: 10_000) == 461)
        #expect(try ExploreThenCommit(armCount: 3, gap: 0.5, horizon: 1000).explorationLength == 67)
    }

    @Test("late feedback: still explores every arm m times")
    func delayed() throws {
        var policy = try ExploreThenCommit(armCount: 3, explorationLength: 1)
        // Updates arrive for arms the policy did not choose; it fills in the arm still missing.
        try policy.update(arm: 2, reward: 0.1)
        try policy.update(arm: 0, reward: 0.2)
        #expect(policy.selectArm() == 1)
        try policy.update(arm: 1, reward: 0.9)
        #expect(policy.committedArm == 1)
    }

    @Test("rejects bad parameters and input, keeping its state")
    func badInput() throws {
        #expect(throws: BanditError.self) { try ExploreThenCommit(armCount: 2, explorationLength: 0) }
        #expect(throws: BanditError.self) { try ExploreThenCommit(armCount: 2, explorationLength: Int.max) }
        #expect(throws: BanditError.self) { try ExploreThenCommit(armCount: 0, explorationLength: 1) }
        for gap in [0.0, -0.1, .nan, .infinity, 1e-8] {
            do {
                _ = try ExploreThenCommit(armCount: 2, gap: gap, horizon: Int.max)
                Issue.record("accepted gap \(gap)")
            } catch {
                guard case .invalidParameter("explore-then-commit.gap", _, _) = error else { Issue.record("wrong error \(error)"); continue }
            }
        }
        #expect(throws: BanditError.self) { try ExploreThenCommit(armCount: 2, gap: 0.1, horizon: 0) }
        var policy = try ExploreThenCommit(armCount: 2, explorationLength: 1)
        try policy.update(arm: 0, reward: 0.5)
        let before = policy
        #expect(throws: BanditError.self) { try policy.update(arm: 1, reward: -.infinity) }
        #expect(throws: BanditError.self) { try policy.update(arm: 3, reward: 1) }
        #expect(policy == before)
        #expect(!policy.isCommitted)
    }
}
