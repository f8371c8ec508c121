import Foundation
import Testing
@testable import BanditSimulation

@Suite("Result writer")
struct ResultWriterTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("banditkit-reports-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("writes all six files into a new nested directory, with the reports' exact contents")
    func writesEverything() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("a/b/run", isDirectory: true)
        let result = ReportFixtures.result()
        let bound: (Int) -> Double = { 2.5 * log(Double($0)) }
        let urls = try ResultWriter.write(result, to: directory, lowerBound: bound, title: "Study")
        #expect(urls.map(\.lastPathComponent)
            == ["regret.csv", "metrics.csv", "repetitions.csv", "summary.json", "regret.svg", "regret-log.svg"])
        func read(_ name: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(try read("regret.csv") == CSVReport.regret(result))
        #expect(try read("metrics.csv") == CSVReport.metrics(result))
        #expect(try read("repetitions.csv") == CSVReport.repetitions(result))
        #expect(try read("summary.json") == JSONReport.summary(result))
        #expect(try read("regret.svg") == SVGPlot.regret(result, lowerBound: bound, title: "Study"))
        #expect(try read("regret-log.svg")
            == SVGPlot.regret(result, logarithmicTime: true, lowerBound: bound, title: "Study"))
    }

    @Test("two writes of the same result are byte-identical")
    func deterministic() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try ResultWriter.write(ReportFixtures.result(), to: root.appendingPathComponent("one"),
                                           lowerBound: nil, title: "x")
        let second = try ResultWriter.write(ReportFixtures.result(), to: root.appendingPathComponent("two"),
                                            lowerBound: nil, title: "x")
        for (a, b) in zip(first, second) {
            #expect(try Data(contentsOf: a) == Data(contentsOf: b), "\(a.lastPathComponent) differs")
        }
    }

    @Test("a directory under a regular file throws ReportError.cannotWrite naming the path")
    func unwritable() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let target = file.appendingPathComponent("results", isDirectory: true)
        let error = try #require(throws: ReportError.self) {
            try ResultWriter.write(ReportFixtures.result(), to: target, lowerBound: nil, title: "x")
        }
        guard case let .cannotWrite(path, reason) = error else { Issue.record("unexpected \(error)"); return }
        #expect(path.hasSuffix("plain-file/results") || path.hasSuffix("plain-file/results/"))
        #expect(!reason.isEmpty)
        #expect(error.description.hasPrefix("cannot write "))
    }

    @Test("a file name taken by a directory throws instead of crashing")
    func fileIsDirectory() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("summary.json/inner"),
                                                withIntermediateDirectories: true)
        #expect(throws: ReportError.self) {
            try ResultWriter.write(ReportFixtures.result(), to: root, lowerBound: nil, title: "x")
        }
    }
}
