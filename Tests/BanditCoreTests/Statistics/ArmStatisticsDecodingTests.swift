import Foundation
import Testing
@testable import BanditCore

/// Decoding `ArmStatistics` accepts what recording, resetting and merging produce and rejects
/// inconsistent counts with a `DecodingError`.
@Suite struct ArmStatisticsDecodingTests {
    static func json(storage: [Double], total: Int, unpulled: Int, armCount: Int = 2) -> Data {
        let values = storage.map { "\($0)" }.joined(separator: ",")
        return Data("{\"armCount\":\(armCount),\"storage\":[\(values)],\"storedTotalCount\":\(total),\"unpulledArmCount\":\(unpulled)}".utf8)
    }

    @Test func recordedResetAndMergedStatisticsRoundTrip() throws {
        var statistics = ArmStatistics(armCount: 3)
        for (arm, reward) in [(0, 1.0), (1, 0.0), (0, 0.5), (2, 1.0), (2, 0.0)] { statistics.record(arm: arm, reward: reward) }
        statistics.reset(arm: 2)
        let merged = try statistics.merged(with: statistics)
        for value in [statistics, merged] {
            let decoded = try JSONDecoder().decode(ArmStatistics.self, from: JSONEncoder().encode(value))
            #expect(decoded == value)
        }
    }

    @Test func totalBelowThePullsIsRejected() throws {
        // Two arms pulled 3 and 2 times (counts, then means, second moments, 1/√n).
        let storage: [Double] = [3, 2, 0.5, 0.5, 0.25, 0.25, 0.5773502691896258, 0.7071067811865475]
        _ = try JSONDecoder().decode(ArmStatistics.self, from: Self.json(storage: storage, total: 5, unpulled: 0))
        _ = try JSONDecoder().decode(ArmStatistics.self, from: Self.json(storage: storage, total: 9, unpulled: 0))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ArmStatistics.self, from: Self.json(storage: storage, total: 4, unpulled: 0))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ArmStatistics.self, from: Self.json(storage: storage, total: 0, unpulled: 0))
        }
    }
}
