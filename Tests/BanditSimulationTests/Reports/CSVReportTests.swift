import Testing
@testable import BanditSimulation

@Suite("CSV reports")
struct CSVReportTests {
    @Test("regret.csv: header, one row per policy and checkpoint, last row at the horizon")
    func regretShape() {
        let result = ReportFixtures.result()
        let rows = ReportFixtures.parseCSV(CSVReport.regret(result))
        #expect(rows.first == ["policy", "t", "mean_regret", "stderr", "q05", "q25", "q50", "q75", "q95",
                               "mean_realized_regret", "mean_best_arm_fraction"])
        #expect(rows.count == 1 + result.policies.count * result.checkpoints.count)
        #expect(rows.allSatisfy { $0.count == 11 })
        #expect(rows.last?[0] == "KL-UCB")
        #expect(rows.last?[1] == "100")
    }

    @Test("regret.csv values are the summaries', bit for bit")
    func regretValues() throws {
        let result = ReportFixtures.result()
        let rows = ReportFixtures.parseCSV(CSVReport.regret(result))
        // Row of policy 1 ("Thompson sampling") at checkpoint index 3 (t = 10).
        let row = rows[1 + 1 * result.checkpoints.count + 3]
        let policy = result.policies[1]
        let summary = policy.metrics[0].summaries[3]
        #expect(row[0] == "Thompson sampling")
        #expect(row[1] == "10")
        let numbers = row[2...].map { Double($0) }
        let expected = [summary.mean, summary.standardError, summary.q05, summary.q25, summary.q50, summary.q75,
                        summary.q95, policy.metrics[1].summaries[3].mean, policy.metrics[2].summaries[3].mean]
        #expect(numbers == expected.map(Optional.some))
        // The fixture's repetitions differ, so stderr and the quantiles are not all equal.
        #expect(summary.standardError > 0 && summary.q05 < summary.q95)
    }

    @Test("labels with commas, quotes and newlines are quoted per RFC 4180")
    func quoting() {
        let labels = ["UCB1, tuned", "say \"hi\"", "two\nlines", "plain"]
        let result = ReportFixtures.result(labels: labels, checkpoints: [1, 10])
        let text = CSVReport.regret(result)
        #expect(text.contains("\n\"UCB1, tuned\",1,"))
        #expect(text.contains("\n\"say \"\"hi\"\"\",1,"))
        #expect(text.contains("\n\"two\nlines\",1,"))
        #expect(text.contains("\nplain,1,"))
        let rows = ReportFixtures.parseCSV(text)
        #expect(rows.count == 1 + labels.count * 2)
        #expect(rows.dropFirst().map { $0[0] } == labels.flatMap { [$0, $0] })
        #expect(rows.allSatisfy { $0.count == rows[0].count })
        for csv in [CSVReport.metrics(result), CSVReport.repetitions(result)] {
            #expect(Set(ReportFixtures.parseCSV(csv).dropFirst().map { $0[0] }) == Set(labels))
        }
    }

    @Test("policies with different metric sets give one rectangular regret table")
    func mixedMetrics() {
        var result = ReportFixtures.result(labels: ["A", "B"], checkpoints: [1, 10])
        result.policies[1].metrics.removeLast()  // B lacks best_arm_fraction
        let rows = ReportFixtures.parseCSV(CSVReport.regret(result))
        #expect(rows.allSatisfy { $0.count == 11 })
        #expect(rows[3][10] == "")
        #expect(rows[1][10] != "")
    }

    @Test("metrics.csv is long format with every metric")
    func metricsLongFormat() throws {
        let result = ReportFixtures.result()
        let rows = ReportFixtures.parseCSV(CSVReport.metrics(result))
        #expect(rows.first == ["policy", "metric", "t", "mean", "stderr", "q05", "q25", "q50", "q75", "q95"])
        #expect(rows.count == 1 + 3 * 3 * result.checkpoints.count)
        let row = try #require(rows.first { $0[0] == "KL-UCB" && $0[1] == "best_arm_fraction" && $0[2] == "20" })
        let summary = result.policies[2].metrics[2].summaries[4]
        #expect(summary.t == 20)
        #expect(row[3...].map { Double($0)! } == [summary.mean, summary.standardError, summary.q05, summary.q25,
                                                  summary.q50, summary.q75, summary.q95])
    }

    @Test("repetitions.csv holds the raw values, enough to rebuild the summaries exactly")
    func repetitionsMerge() throws {
        let result = ReportFixtures.result()
        let rows = ReportFixtures.parseCSV(CSVReport.repetitions(result))
        #expect(rows.first == ["policy", "metric", "repetition", "t", "value"])
        #expect(rows.count == 1 + 3 * 3 * 5 * result.checkpoints.count)
        // Rebuild one series from the file and summarise it again, as a merge of shards would.
        let series = result.policies[0].metrics[1]
        var values = [[Double]](repeating: [Double](repeating: .nan, count: result.checkpoints.count), count: 5)
        for row in rows.dropFirst() where row[0] == "UCB1" && row[1] == "realized_regret" {
            let repetition = try #require(Int(row[2]))
            let index = try #require(result.checkpoints.firstIndex(of: Int(row[3])!))
            values[repetition][index] = try #require(Double(row[4]))
        }
        #expect(values == series.values)
        let rebuilt = Simulator.summarise(metric: series.metric, checkpoints: result.checkpoints, values: values)
        #expect(rebuilt == series)
    }

    @Test("non-finite values are spelled NaN, inf and -inf")
    func nonFinite() {
        let result = ReportFixtures.result(labels: ["A"], checkpoints: [1, 10], repetitions: 1) { repetition, index, value in
            index == 0 ? .nan : -.infinity
        }
        let rows = ReportFixtures.parseCSV(CSVReport.repetitions(result))
        #expect(rows[1][4] == "NaN")
        #expect(rows[2][4] == "-inf")
        let regret = ReportFixtures.parseCSV(CSVReport.regret(result))
        #expect(regret[1][2] == "NaN")
    }

    @Test("CSV never depends on wall time and is byte-identical for the same result")
    func deterministic() {
        let first = ReportFixtures.result(wallTime: 1.5)
        let second = ReportFixtures.result(wallTime: 13579.2468)
        #expect(CSVReport.regret(first) == CSVReport.regret(second))
        #expect(CSVReport.metrics(first) == CSVReport.metrics(second))
        #expect(CSVReport.repetitions(first) == CSVReport.repetitions(second))
        for text in [CSVReport.regret(second), CSVReport.metrics(second), CSVReport.repetitions(second)] {
            #expect(!text.contains("13579.2468"))
        }
    }

    @Test("number text is locale-free and rounds correctly")
    func numberFormat() {
        #expect(ReportNumberFormat.fixed(1234.5678, decimals: 2) == "1234.57")
        #expect(ReportNumberFormat.fixed(-0.004, decimals: 2) == "0.00")
        #expect(ReportNumberFormat.fixed(-2.5, decimals: 1) == "-2.5")
        #expect(ReportNumberFormat.fixed(0.05, decimals: 3) == "0.050")
        #expect(ReportNumberFormat.fixed(7, decimals: 0) == "7")
        #expect(ReportNumberFormat.exact(0.1) == "0.1")
        #expect(ReportNumberFormat.exact(.nan) == "NaN")
        #expect(ReportNumberFormat.significant(123.456) == "123.5")
        #expect(ReportNumberFormat.significant(0.0123456) == "0.01235")
    }
}
