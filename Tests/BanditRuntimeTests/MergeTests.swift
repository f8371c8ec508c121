import BanditCore
import BanditPolicies
import LinearAlgebra
import Testing

/// N shards of one reward stream, each learnt by its own replica and then merged, equal the
/// replica that learnt the whole stream.
@Suite struct MergeTests {
    static let shards = 4
    static let length = 4000

    /// A stream of (arm, reward, features) with small-integer features and rewards, for which
    /// every sum of products in A and b is exact in floating point.
    static func stream(seed: UInt64) -> [(arm: Int, reward: Double, features: [Double])] {
        var rng = Xoshiro256PlusPlus(seed: seed)
        return (0..<length).map { _ in
            let arm = rng.nextIndex(below: 5)
            return (arm, Double(rng.nextIndex(below: 3)), (0..<4).map { _ in Double(rng.nextIndex(below: 7)) - 3 })
        }
    }

    /// Shard s gets every element with index ≡ s (mod N): interleaved, as replicas behind a
    /// load balancer see a stream.
    static func shard<T>(_ items: [T], _ s: Int) -> [T] {
        items.enumerated().filter { $0.offset % shards == s }.map(\.element)
    }

    @Test func armStatisticsShardsMergeToTheSingleStream() throws {
        let events = Self.stream(seed: 1)
        var single = try UCB1(armCount: 5)
        for event in events { try single.update(arm: event.arm, reward: event.reward) }
        var merged = try UCB1(armCount: 5)
        for s in 0..<Self.shards {
            var replica = try UCB1(armCount: 5)
            for event in Self.shard(events, s) { try replica.update(arm: event.arm, reward: event.reward) }
            merged = try merged.merged(with: replica)
        }
        let a = merged.statistics, b = single.statistics
        #expect(a.counts == b.counts && a.totalCount == b.totalCount && a.unpulledArmCount == b.unpulledArmCount)
        // Welford's running mean accumulates at most ≈ 2 roundings per reward, |reward| ≤ 2:
        // |error| ≤ 2·n·ε·max|r| for the single stream, and the merge adds O(N·ε).
        for arm in 0..<5 {
            let n = b.count(of: arm)
            let tolerance = 2 * (n + Double(Self.shards)) * Double.ulpOfOne * 2
            #expect(abs(a.mean(of: arm) - b.mean(of: arm)) <= tolerance)
            #expect(abs(a.squaredDeviationSums[arm] - b.squaredDeviationSums[arm]) <= tolerance * n * 4)
        }
        // Merging with a fresh replica is the identity, bit for bit.
        #expect(try single.merged(with: try UCB1(armCount: 5)) == single)
        #expect(throws: BanditError.self) { try single.merged(with: try UCB1(armCount: 5, explorationScale: 2)) }
        #expect(throws: BanditError.self) { try single.merged(with: try UCB1(armCount: 4)) }
    }

    @Test func ridgeShardsMergeToTheSingleStream() throws {
        let events = Self.stream(seed: 2)
        var single = try LinUCB(armCount: 5, dimension: 4)
        for event in events { try single.update(arm: event.arm, features: event.features, reward: event.reward) }
        var merged = try LinUCB(armCount: 5, dimension: 4)
        for s in 0..<Self.shards {
            var replica = try LinUCB(armCount: 5, dimension: 4)
            for event in Self.shard(events, s) { try replica.update(arm: event.arm, features: event.features, reward: event.reward) }
            merged = try merged.merged(with: replica)
        }
        // Integer data: every entry of A = λI + Σxxᵀ and b = Σrx is an exactly representable
        // integer, so the sums agree exactly whatever the order.
        #expect(merged.ridge.lowerGram == single.ridge.lowerGram)
        #expect(merged.ridge.response == single.ridge.response)
        #expect(merged.ridge.count == single.ridge.count)
        // θ̂ solves the same A; the factors differ only by rounding (a fresh dpotrf against
        // rank-one updates): ‖Δθ‖ ≲ c·d·κ(A)·ε·‖θ‖ with κ(A) ≤ trace(A)/λ.
        let d = 4
        let trace = (0..<d).reduce(0.0) { $0 + single.ridge.lowerGram[$1, $1] }
        let norm = single.ridge.estimate.reduce(0) { max($0, abs($1)) }
        let tolerance = 10 * Double(d) * trace * Double.ulpOfOne * norm
        for i in 0..<d { #expect(abs(merged.ridge.estimate[i] - single.ridge.estimate[i]) <= tolerance) }
    }

    @Test func epsilonGreedyMergeKeepsTheReceiversGenerator() throws {
        var a = try EpsilonGreedy(armCount: 3, seed: 1)
        var b = try EpsilonGreedy(armCount: 3, seed: 2)
        try a.update(arm: 0, reward: 1)
        try b.update(arm: 0, reward: 0)
        let merged = try a.merged(with: b)
        #expect(merged.generator == a.generator && merged.statistics.count(of: 0) == 2 && merged.statistics.mean(of: 0) == 0.5)
    }
}
