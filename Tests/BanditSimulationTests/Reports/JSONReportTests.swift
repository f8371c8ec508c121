import Foundation
import Testing
@testable import BanditSimulation

@Suite("JSON summary")
struct JSONReportTests {
    private func parse(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return try #require(object as? [String: Any])
    }

    @Test("summary.json parses back with metadata, checkpoints and per-policy summaries")
    func parsesBack() throws {
        let result = ReportFixtures.result()
        let json = try parse(JSONReport.summary(result))
        #expect(Set(json.keys) == ["metadata", "checkpoints", "policies"])

        let metadata = try #require(json["metadata"] as? [String: Any])
        #expect(Set(metadata.keys) == ["toolVersion", "seed", "horizon", "repetitions", "jobs", "scenarioName",
                                       "scenarioHash", "environment", "openBLASCore", "wallTimeSeconds", "startedAt",
                                       "lowerBoundConstant"])
        #expect((metadata["horizon"] as? NSNumber)?.intValue == 100)
        #expect((metadata["lowerBoundConstant"] as? NSNumber)?.doubleValue == 2.5)
        #expect((metadata["wallTimeSeconds"] as? NSNumber)?.doubleValue == 1.25)
        #expect(metadata["environment"] as? [String] == ["bernoulli(0.5)", "bernoulli(0.4)"])
        #expect((json["checkpoints"] as? [NSNumber])?.map(\.intValue) == result.checkpoints)

        let policies = try #require(json["policies"] as? [[String: Any]])
        #expect(policies.count == 3)
        #expect(policies[1]["label"] as? String == "Thompson sampling")
        #expect(policies[1]["specification"] as? String == "spec-1")
        let metrics = try #require(policies[1]["metrics"] as? [[String: Any]])
        #expect(metrics.map { $0["name"] as? String } == ["pseudo_regret", "realized_regret", "best_arm_fraction"])
        let final = try #require(metrics[0]["final"] as? [String: Any])
        let expected = result.policies[1].metrics[0].final
        #expect((final["t"] as? NSNumber)?.intValue == 100)
        // JSONSerialization on Linux may miss the last bit when parsing; exactness is checked
        // with JSONDecoder in `numbersRoundTrip`.
        #expect(abs(((final["mean"] as? NSNumber)?.doubleValue ?? .nan) - expected.mean) < 1e-12)
        #expect(abs(((final["standardError"] as? NSNumber)?.doubleValue ?? .nan) - expected.standardError) < 1e-12)
        #expect(abs(((final["q95"] as? NSNumber)?.doubleValue ?? .nan) - expected.q95) < 1e-12)
        let perCheckpoint = try #require(metrics[2]["checkpoints"] as? [[String: Any]])
        #expect(perCheckpoint.count == result.checkpoints.count)
        #expect(abs(((perCheckpoint[3]["q25"] as? NSNumber)?.doubleValue ?? .nan)
            - result.policies[1].metrics[2].summaries[3].q25) < 1e-12)
        // Raw per-repetition values belong in repetitions.csv, not here.
        #expect(metrics[0]["values"] == nil)
    }

    private struct Mirror: Decodable {
        struct Policy: Decodable { let metrics: [Metric] }
        struct Metric: Decodable { let final: Summary; let checkpoints: [Summary] }
        struct Summary: Decodable, Equatable {
            let t: Int
            let mean, standardError, q05, q25, q50, q75, q95: Double
        }
        let policies: [Policy]
    }

    @Test("every summary number reads back as the identical Double")
    func numbersRoundTrip() throws {
        let result = ReportFixtures.result()
        let mirror = try JSONDecoder().decode(Mirror.self, from: Data(JSONReport.summary(result).utf8))
        let expected = result.policies.map { policy in
            policy.metrics.map { series in
                series.summaries.map {
                    Mirror.Summary(t: $0.t, mean: $0.mean, standardError: $0.standardError, q05: $0.q05, q25: $0.q25,
                                   q50: $0.q50, q75: $0.q75, q95: $0.q95)
                }
            }
        }
        #expect(mirror.policies.map { $0.metrics.map(\.checkpoints) } == expected)
        #expect(mirror.policies.map { $0.metrics.map(\.final) } == expected.map { $0.map { $0.last! } })
    }

    @Test("the seed survives as an exact 64-bit integer")
    func seedExact() {
        let text = JSONReport.summary(ReportFixtures.result())
        #expect(text.contains("\"seed\" : 18446744073709551557"))
    }

    @Test("keys are sorted and output is pretty-printed")
    func sortedAndPretty() throws {
        let text = JSONReport.summary(ReportFixtures.result())
        let checkpoints = try #require(text.range(of: "\"checkpoints\""))
        let metadata = try #require(text.range(of: "\"metadata\""))
        let policies = try #require(text.range(of: "\"policies\""))
        #expect(checkpoints.lowerBound < metadata.lowerBound && metadata.lowerBound < policies.lowerBound)
        #expect(text.contains("\n  \""))
    }

    @Test("non-finite numbers become null instead of crashing the encoder")
    func nonFiniteIsNull() throws {
        var result = ReportFixtures.result(labels: ["A"], checkpoints: [1, 10], repetitions: 2) { _, index, value in
            index == 1 ? .nan : value
        }
        result.metadata.wallTimeSeconds = .infinity
        result.metadata.lowerBoundConstant = nil
        let json = try parse(JSONReport.summary(result))
        let metadata = try #require(json["metadata"] as? [String: Any])
        #expect(metadata["wallTimeSeconds"] is NSNull)
        #expect(metadata["lowerBoundConstant"] is NSNull)
        let policies = try #require(json["policies"] as? [[String: Any]])
        let metric = try #require((policies[0]["metrics"] as? [[String: Any]])?.first)
        let final = try #require(metric["final"] as? [String: Any])
        #expect(final["mean"] is NSNull)
        #expect((final["t"] as? NSNumber)?.intValue == 10)
        let first = try #require((metric["checkpoints"] as? [[String: Any]])?.first)
        #expect(first["mean"] is NSNumber)
    }

    @Test("the same result gives byte-identical JSON")
    func deterministic() {
        #expect(JSONReport.summary(ReportFixtures.result()) == JSONReport.summary(ReportFixtures.result()))
        #expect(JSONReport.summary(ReportFixtures.result()) != JSONReport.summary(ReportFixtures.result(wallTime: 2)))
    }
}
