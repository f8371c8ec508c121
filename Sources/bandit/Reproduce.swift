import ArgumentParser
import Bandits
import Foundation

/// `bandit reproduce`: run scenario files, check their expectations, write a report.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scenario files, check their expectations and write a Markdown report.",
        discussion: """
            Each argument is a scenario file or a directory (searched recursively for .yaml files).
            The report (REPORT.md) and one SVG figure per scenario go to --output. The exit code is
            non-zero when any expectation fails, so CI can run, e.g.:
              bandit reproduce Scenarios --quick
            """
    )

    @Argument(help: "Scenario files or directories (default: Scenarios).")
    var paths: [String] = []

    @Flag(help: "Only scenarios whose file name ends in -quick.yaml.")
    var quick = false

    @Flag(help: "Only scenarios whose file name does not end in -quick.yaml (the full versions).")
    var full = false

    @Option(help: "Directory for REPORT.md and the figures.")
    var output = "results/reproduce"

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var jobs: Int?

    @Option(help: "Seed for scenarios that do not fix one (default 1, so reports are repeatable).")
    var seed: UInt64 = 1

    func run() throws {
        guard !(quick && full) else { throw CommandLineFailure("--quick and --full exclude each other") }
        let files = try scenarioFiles()
        guard !files.isEmpty else { throw CommandLineFailure("no scenario files found in \(paths.isEmpty ? ["Scenarios"] : paths)") }
        let directory = URL(fileURLWithPath: output)
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw CommandLineFailure("cannot create \(output): \(error.localizedDescription)")
        }
        var reproduced: [ReproducedScenario] = []
        for file in files {
            let scenario: Scenario
            let study: Study
            do {
                scenario = try Scenario(contentsOf: URL(fileURLWithPath: file))
                study = try Study(scenario: scenario, seed: scenario.seed ?? seed, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            } catch {
                throw CommandLineFailure("\(file): \(error)")
            }
            FileHandle.standardError.write(Data("running \(scenario.name) (\(file))…\n".utf8))
            let result: SimulationResult
            var verdicts: [ExpectationVerdict] = []
            do {
                result = try study.run(progress: ProgressBar.forStandardError())
                for expectation in scenario.expectations { verdicts.append(try expectation.check(against: result)) }
            } catch {
                throw CommandLineFailure("\(file): \(error)")
            }
            let base = Self.fileName(scenario.name)
            let lowerBound = study.lowerBoundConstant.map { constant in { (t: Int) in constant * Foundation.log(Double(max(t, 1))) } }
            let figures = ["\(base).svg", "\(base)-log.svg"]
            let plots = [
                SVGPlot.regret(result, lowerBound: lowerBound, title: scenario.name),
                SVGPlot.regret(result, logarithmicTime: true, lowerBound: lowerBound, title: scenario.name),
            ]
            for (name, plot) in zip(figures, plots) {
                do { try Data(plot.utf8).write(to: directory.appendingPathComponent(name), options: .atomic) } catch {
                    throw CommandLineFailure("cannot write \(name): \(error.localizedDescription)")
                }
            }
            let item = ReproducedScenario(scenario: scenario, path: file, result: result, verdicts: verdicts, figures: figures)
            for verdict in verdicts {
                print("\(verdict.passed ? "PASS" : "FAIL")  \(scenario.name): \(verdict.expectation) — \(verdict.measured)")
            }
            reproduced.append(item)
        }
        let report = directory.appendingPathComponent("REPORT.md")
        do { try Data(ReproductionReport.markdown(reproduced).utf8).write(to: report, options: .atomic) } catch {
            throw CommandLineFailure("cannot write \(report.path): \(error.localizedDescription)")
        }
        let failures = reproduced.filter { !$0.passed }
        print("wrote \(report.path): \(reproduced.count - failures.count)/\(reproduced.count) scenarios passed")
        if !failures.isEmpty {
            throw CommandLineFailure("expectations failed in: \(failures.map(\.scenario.name).joined(separator: ", "))")
        }
    }

    /// Scenario files named by the arguments, sorted, filtered by --quick/--full.
    func scenarioFiles() throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths.isEmpty ? ["Scenarios"] : paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandLineFailure("no such file or directory: \(path)")
            }
            if isDirectory.boolValue {
                let enumerator = manager.enumerator(atPath: path)
                while let entry = enumerator?.nextObject() as? String {
                    if entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") { files.append((path as NSString).appendingPathComponent(entry)) }
                }
            } else {
                files.append(path)
            }
        }
        return files.sorted().filter { file in
            let isQuick = file.hasSuffix("-quick.yaml") || file.hasSuffix("-quick.yml")
            return quick ? isQuick : full ? !isQuick : true
        }
    }

    /// A file-system-safe name.
    static func fileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }
}
