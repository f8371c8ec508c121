import BanditCore
import Foundation

/// One part of a study split by repetitions.
///
/// Repetitions are independent and every random stream is keyed by the repetition's index in
/// the whole study, so shard *i* of *n* can run on any machine, at any time, and the shards'
/// outputs merge (``SimulationResult/merging(_:)``, `bandit merge`) into exactly the result
/// one run of the whole study gives — the batch scheduler is the cluster.
///
/// Shard *i* of *n* over R repetitions holds the contiguous block
/// [⌊(i − 1)R/n⌋, ⌊iR/n⌋): sizes differ by at most one and no repetition is left out.
public struct RepetitionShard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The shard's position, 1 … ``count``.
    public let index: Int
    /// How many shards the study is split into.
    public let count: Int
    /// The whole study's repetitions per policy.
    public let totalRepetitions: Int

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless
    ///   1 ≤ index ≤ count ≤ totalRepetitions (every shard holds at least one repetition).
    public init(index: Int, count: Int, totalRepetitions: Int) throws(BanditError) {
        guard count >= 1 else { throw .invalidParameter(name: "shard", value: "\(index)/\(count)", reason: "the shard count must be at least 1") }
        guard (1...count).contains(index) else {
            throw .invalidParameter(name: "shard", value: "\(index)/\(count)", reason: "the index must lie in 1…\(count)")
        }
        guard count <= totalRepetitions else {
            throw .invalidParameter(
                name: "shard", value: "\(index)/\(count)",
                reason: "\(count) shards of \(totalRepetitions) repetition\(totalRepetitions == 1 ? "" : "s") would leave a shard empty")
        }
        self.index = index
        self.count = count
        self.totalRepetitions = totalRepetitions
    }

    /// Reads `I/N` (e.g. `2/4`), the form the command line takes.
    public init(parsing text: String, totalRepetitions: Int) throws(BanditError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let count = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw .invalidParameter(name: "shard", value: text, reason: "expected I/N, e.g. 2/4")
        }
        try self.init(index: index, count: count, totalRepetitions: totalRepetitions)
    }

    /// Decodes and re-validates, so a hand-edited summary cannot describe an impossible shard.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            index: container.decode(Int.self, forKey: .index), count: container.decode(Int.self, forKey: .count),
            totalRepetitions: container.decode(Int.self, forKey: .totalRepetitions))
    }

    /// The repetitions this shard runs, as indices in the whole study.
    public var repetitions: Range<Int> {
        // Products stay far below Int.max: repetitions are counts of simulated runs.
        ((index - 1) * totalRepetitions / count)..<(index * totalRepetitions / count)
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }
}
