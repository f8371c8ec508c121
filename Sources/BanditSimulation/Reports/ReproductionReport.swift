import BanditCore
import Foundation

/// One scenario's outcome in a reproduction run.
public struct ReproducedScenario: Sendable {
    /// The scenario that was run.
    public var scenario: Scenario
    /// Where it was read from (shown in the report).
    public var path: String
    /// Its results.
    public var result: SimulationResult
    /// One verdict per expectation, in the scenario's order.
    public var verdicts: [ExpectationVerdict]
    /// File names of its figures, relative to the report.
    public var figures: [String]

    public init(scenario: Scenario, path: String, result: SimulationResult, verdicts: [ExpectationVerdict], figures: [String]) {
        self.scenario = scenario
        self.path = path
        self.result = result
        self.verdicts = verdicts
        self.figures = figures
    }

    /// Whether every expectation held.
    public var passed: Bool { verdicts.allSatisfy(\.passed) }
}

/// The Markdown report of `bandit reproduce`: one section per scenario with its source, its
/// setting, regrets at checkpoints with 95 % confidence intervals, and each expectation's
/// verdict with the measured value.
public enum ReproductionReport {
    /// The report text.
    public static func markdown(_ scenarios: [ReproducedScenario]) -> String {
        var lines: [String] = ["# BanditKit reproduction report", ""]
        let failed = scenarios.filter { !$0.passed }
        lines.append("\(scenarios.count) scenario(s), \(scenarios.count - failed.count) passed, \(failed.count) failed.")
        lines.append("")
        lines.append("| scenario | source | expectations | verdict |")
        lines.append("| --- | --- | --- | --- |")
        for item in scenarios {
            let held = item.verdicts.filter(\.passed).count
            lines.append("| [\(escape(item.scenario.name))](#\(anchor(item.scenario.name))) | \(escape(item.scenario.source)) | \(held)/\(item.verdicts.count) | \(item.passed ? "PASS" : "FAIL") |")
        }
        for item in scenarios { lines += section(item) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func section(_ item: ReproducedScenario) -> [String] {
        let scenario = item.scenario
        let metadata = item.result.metadata
        var lines = ["", "## \(scenario.name)", ""]
        if !scenario.source.isEmpty { lines.append("**Source:** \(scenario.source)  ") }
        if !scenario.description.isEmpty { lines.append(scenario.description.replacingOccurrences(of: "\n", with: " ") + "  ") }
        lines.append("**File:** `\(item.path)`")
        lines.append("")
        lines.append("**Setting:** family \(scenario.family); horizon T = \(metadata.horizon); \(metadata.repetitions) repetitions; seed \(metadata.seed); environment: \(metadata.environment.joined(separator: ", ")).")
        if let constant = metadata.lowerBoundConstant {
            lines.append("\(metadata.lowerBoundName ?? "Lai–Robbins lower bound") (asymptotic): regret ≳ \(format(constant))·ln t (\(format(constant * Foundation.log(Double(metadata.horizon)))) at T).")
        }
        lines.append("")
        // A handful of checkpoints: about one per decade, always the horizon.
        let checkpoints = item.result.checkpoints
        var shown: [Int] = []
        var decade = 1
        while decade < metadata.horizon {
            if let point = checkpoints.first(where: { $0 >= decade }), !shown.contains(point) { shown.append(point) }
            decade *= 10
        }
        if !shown.contains(metadata.horizon) { shown.append(metadata.horizon) }
        shown = Array(shown.suffix(5))
        let metricLabel = item.result.policies.first?.metrics.first?.metric.label ?? "regret"
        lines.append("Mean \(metricLabel) ± 95 % confidence half-width (1.96·stderr):")
        lines.append("")
        lines.append("| policy | " + shown.map { "t = \($0)" }.joined(separator: " | ") + " |")
        lines.append("| --- |" + String(repeating: " ---: |", count: shown.count))
        for policy in item.result.policies {
            guard let series = policy.metrics.first else { continue }
            let cells = shown.map { t -> String in
                guard let summary = series.summaries.first(where: { $0.t == t }) else { return "—" }
                return "\(format(summary.mean)) ± \(format(1.96 * summary.standardError))"
            }
            lines.append("| \(escape(policy.label)) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        if item.verdicts.isEmpty {
            lines.append("No expectations.")
        } else {
            lines.append("| expectation | measured | verdict |")
            lines.append("| --- | --- | --- |")
            for verdict in item.verdicts {
                lines.append("| \(escape(verdict.expectation.description)) | \(escape(verdict.measured)) | \(verdict.passed ? "PASS" : "**FAIL**") |")
            }
        }
        lines.append("")
        for figure in item.figures { lines.append("![\(escape(scenario.name))](\(figure))") }
        return lines
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// GitHub's heading anchors: lower-case, spaces to dashes, punctuation dropped.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().compactMap { character -> Character? in
            if character == " " { return "-" }
            return character.isLetter || character.isNumber || character == "-" || character == "_" ? character : nil
        })
    }

    static func format(_ value: Double) -> String { Expectation.format(value) }
}
