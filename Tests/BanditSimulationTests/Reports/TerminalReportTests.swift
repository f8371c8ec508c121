import Testing
@testable import BanditSimulation

@Suite("Terminal report")
struct TerminalReportTests {
    @Test("table: title, header, rule, then one aligned line per policy")
    func tableLayout() throws {
        let result = ReportFixtures.result()
        let lines = TerminalReport.table(result).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3 + result.policies.count)
        #expect(lines[0].contains("t = 100"))
        let body = Array(lines.dropFirst())
        #expect(Set(body.map(\.count)).count == 1, "rows have different widths")
        #expect(body[0].hasPrefix("policy"))
        #expect(body[0].contains("best-arm fraction"))
        #expect(body[1].allSatisfy { $0 == "-" || $0 == " " })
        let columns = body.dropFirst(2).map { line in line.distance(from: line.startIndex, to: line.firstIndex(of: "±")!) }
        #expect(Set(columns).count == 1, "± not aligned")
        let dashColumns = body.dropFirst(2).map { line in line.distance(from: line.startIndex, to: line.firstIndex(of: "–")!) }
        #expect(Set(dashColumns).count == 1, "q05–q95 not aligned")
        #expect(body[2].hasPrefix("UCB1 "))
        #expect(body[4].hasPrefix("KL-UCB "))
    }

    @Test("table values are the horizon summaries")
    func tableValues() throws {
        let result = ReportFixtures.result(labels: ["A"])
        let lines = TerminalReport.table(result).split(separator: "\n")
        let row = String(lines[3])
        let final = result.policies[0].metrics[0].final
        let fields = row.split(separator: " ").filter { $0 != "±" && $0 != "–" }
        // policy, mean, 1.96·se, median, q05, q95, best-arm
        #expect(fields.count == 7)
        let numbers = fields.dropFirst().map { Double($0)! }
        #expect(abs(numbers[0] - final.mean) < 5e-3)
        #expect(abs(numbers[1] - 1.96 * final.standardError) < 5e-3)
        #expect(abs(numbers[2] - final.q50) < 5e-3)
        #expect(abs(numbers[3] - final.q05) < 5e-3)
        #expect(abs(numbers[4] - final.q95) < 5e-3)
        #expect(abs(numbers[5] - result.policies[0].metrics[2].final.mean) < 5e-4)
    }

    @Test("table drops the best-arm column when no policy reports it and survives a newline in a label")
    func tableWithoutBestArm() {
        let result = ReportFixtures.result(labels: ["multi\nline", "B"], metrics: [.pseudoRegret])
        let text = TerminalReport.table(result)
        #expect(!text.contains("best-arm"))
        #expect(text.split(separator: "\n").count == 3 + 2)
    }

    @Test("chart: plot rows, axis, legend; width respected; no colour unless asked")
    func chartLayout() {
        let result = ReportFixtures.result()
        let text = TerminalReport.chart(result, width: 60, height: 10)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1 + 10 + 2 + 1)
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(!text.contains("\u{1B}"))
        let plot = lines[1...10].joined()
        for marker in ["*", "+", "o"] { #expect(plot.contains(marker)) }
        #expect(lines.last == "* UCB1   + Thompson sampling   o KL-UCB")
        // The top label is the largest mean: KL-UCB's final value.
        let top = result.policies[2].metrics[0].final.mean
        #expect(lines[1].hasPrefix(ReportNumberFormat.significant(top) + " |"))
        #expect(lines[10].contains("0 |"))
        // The largest curve reaches the top row at the right-hand end.
        #expect(lines[1].hasSuffix("o"))
        #expect(TerminalReport.chart(result, colors: true).contains("\u{1B}[34m*\u{1B}[0m"))
    }

    @Test("chart copes with NaN, one checkpoint and zeros")
    func chartDegenerate() {
        let nan = ReportFixtures.result(labels: ["A"], checkpoints: [1, 10]) { _, _, _ in .nan }
        let nanChart = TerminalReport.chart(nan, width: 40, height: 5).split(separator: "\n")
        #expect(nanChart.count == 1 + 5 + 2 + 1)
        #expect(!nanChart[1...5].joined().contains("*"))
        let single = ReportFixtures.result(labels: ["A"], checkpoints: [7], repetitions: 1) { _, _, _ in 0 }
        let singleChart = TerminalReport.chart(single, width: 40, height: 5)
        #expect(singleChart.split(separator: "\n")[1...5].joined().contains("*"))
        #expect(singleChart.contains("1 repetition\n") || singleChart.split(separator: "\n")[0].hasSuffix("…"))
        #expect(singleChart.split(separator: "\n").allSatisfy { $0.count <= 40 })
    }

    @Test("the same result gives identical text")
    func deterministic() {
        #expect(TerminalReport.table(ReportFixtures.result()) == TerminalReport.table(ReportFixtures.result()))
        #expect(TerminalReport.chart(ReportFixtures.result()) == TerminalReport.chart(ReportFixtures.result()))
    }
}
