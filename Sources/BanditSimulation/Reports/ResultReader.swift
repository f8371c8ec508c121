import BanditCore
import Foundation

/// Reads a result back from the files ``ResultWriter`` wrote: `summary.json` for how the study
/// was made, `repetitions.csv` for every per-repetition value.
///
/// Summaries are recomputed from the raw values rather than read, because only the raw values
/// merge (quantiles of parts do not give the quantile of the whole) and because the CSV's
/// numbers are Swift's shortest round-trip form, which reads back to the identical `Double`:
/// a result read back summarises to the very bits it was written from.
public enum ResultReader {
    /// The result stored in `directory`.
    /// - Throws: ``ReportError/cannotRead(path:reason:)`` for a missing file, and
    ///   ``ReportError/malformedFile(path:line:reason:)`` naming the file, the line and what is
    ///   wrong when the files disagree with each other or with the format — a missing, repeated
    ///   or unexpected row, a number that does not parse.
    public static func read(directory: URL) throws(ReportError) -> SimulationResult {
        let summaryURL = directory.appendingPathComponent("summary.json", isDirectory: false)
        let data = try contents(of: summaryURL)
        let summary: JSONReport.Document
        let metadata: RunMetadata
        do {
            summary = try JSONDecoder().decode(JSONReport.Document.self, from: data)
            metadata = try summary.metadata.runMetadata()
        } catch {
            throw .malformedFile(path: summaryURL.path, line: nil, reason: "not a BanditKit summary (\(describe(error)))")
        }
        let repetitionRange = metadata.firstRepetition..<(metadata.firstRepetition + metadata.repetitions)
        if let shard = metadata.shard, shard.repetitions != repetitionRange {
            throw .malformedFile(
                path: summaryURL.path, line: nil,
                reason: "shard \(shard) covers repetitions \(shard.repetitions) but the summary says \(metadata.repetitions)")
        }
        guard metadata.repetitions >= 1, !summary.checkpoints.isEmpty, summary.checkpoints.last == metadata.horizon else {
            throw .malformedFile(path: summaryURL.path, line: nil, reason: "needs at least one repetition and checkpoints ending at the horizon")
        }
        let csvURL = directory.appendingPathComponent("repetitions.csv", isDirectory: false)
        let values = try readRepetitions(
            csvURL, policies: summary.policies, checkpoints: summary.checkpoints, repetitions: repetitionRange)
        let policies = summary.policies.enumerated().map { policyIndex, policy in
            PolicySeries(
                label: policy.label, specification: policy.specification,
                metrics: policy.metrics.enumerated().map { metricIndex, metric in
                    Simulator.summarise(
                        metric: MetricDescriptor(name: metric.name, label: metric.label), checkpoints: summary.checkpoints,
                        values: values[policyIndex][metricIndex])
                })
        }
        return SimulationResult(metadata: metadata, checkpoints: summary.checkpoints, policies: policies)
    }

    /// `values[policy][metric][repetition − first][checkpoint]`, each cell required exactly once.
    private static func readRepetitions(
        _ url: URL, policies: [JSONReport.Policy], checkpoints: [Int], repetitions: Range<Int>
    ) throws(ReportError) -> [[[[Double]]]] {
        let text = String(decoding: try contents(of: url), as: UTF8.self)
        let records: [[String]]
        do { records = try CSVRecords.parse(text) } catch {
            throw .malformedFile(path: url.path, line: error.line, reason: error.reason)
        }
        guard records.first == ["policy", "metric", "repetition", "t", "value"] else {
            throw .malformedFile(path: url.path, line: 1, reason: "expected the header policy,metric,repetition,t,value")
        }
        var series: [String: (policy: Int, metric: Int)] = [:]
        for (policyIndex, policy) in policies.enumerated() {
            for (metricIndex, metric) in policy.metrics.enumerated() {
                series[policy.label + "\u{0}" + metric.name] = (policyIndex, metricIndex)
            }
        }
        let checkpointIndex = Dictionary(checkpoints.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var values = policies.map { policy in
            policy.metrics.map { _ in
                [[Double]](repeating: [Double](repeating: .nan, count: checkpoints.count), count: repetitions.count)
            }
        }
        var filled = values.map { metrics in metrics.map { _ in [Bool](repeating: false, count: repetitions.count * checkpoints.count) } }
        for (offset, record) in records.dropFirst().enumerated() {
            let line = offset + 2
            guard record.count == 5 else {
                throw .malformedFile(path: url.path, line: line, reason: "expected 5 fields, found \(record.count)")
            }
            guard let (policy, metric) = series[record[0] + "\u{0}" + record[1]] else {
                throw .malformedFile(path: url.path, line: line, reason: "policy '\(record[0])' has no metric '\(record[1])' in summary.json")
            }
            guard let repetition = Int(record[2]), repetitions.contains(repetition) else {
                throw .malformedFile(path: url.path, line: line, reason: "repetition '\(record[2])' is outside \(repetitions)")
            }
            guard let t = Int(record[3]), let checkpoint = checkpointIndex[t] else {
                throw .malformedFile(path: url.path, line: line, reason: "round '\(record[3])' is not a checkpoint of summary.json")
            }
            guard let value = parseExact(record[4]) else {
                throw .malformedFile(path: url.path, line: line, reason: "'\(record[4])' is not a number")
            }
            let row = repetition - repetitions.lowerBound
            let cell = row * checkpoints.count + checkpoint
            guard !filled[policy][metric][cell] else {
                throw .malformedFile(path: url.path, line: line, reason: "a second value for repetition \(repetition) at t = \(t)")
            }
            filled[policy][metric][cell] = true
            values[policy][metric][row][checkpoint] = value
        }
        for (policyIndex, metrics) in filled.enumerated() {
            for (metricIndex, cells) in metrics.enumerated() {
                if let missing = cells.firstIndex(of: false) {
                    let repetition = repetitions.lowerBound + missing / checkpoints.count
                    let t = checkpoints[missing % checkpoints.count]
                    throw .malformedFile(
                        path: url.path, line: nil,
                        reason: "no value for \(policies[policyIndex].label) \(policies[policyIndex].metrics[metricIndex].name), repetition \(repetition), t = \(t)")
                }
            }
        }
        return values
    }

    /// The inverse of ``ReportNumberFormat/exact(_:)``.
    private static func parseExact(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "inf": .infinity
        case "-inf": -.infinity
        default: Double(text).flatMap { $0.isFinite ? $0 : nil }
        }
    }

    private static func contents(of url: URL) throws(ReportError) -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw .cannotRead(path: url.path, reason: describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            "missing key '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case let BanditError.invalidParameter(name, value, reason):
            "\(name) \(value): \(reason)"
        case let DecodingError.dataCorrupted(context):
            context.codingPath.isEmpty ? "not valid JSON" : "invalid value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        default:
            (error as NSError).localizedDescription
        }
    }
}

/// RFC 4180 records: fields separated by commas, optionally quoted with inner quotes doubled,
/// records ended by LF or CRLF — what ``CSVReport`` writes.
enum CSVRecords {
    struct Failure: Error { var line: Int; var reason: String }

    static func parse(_ text: String) throws(Failure) -> [[String]] {
        enum State { case fieldStart, unquoted, quoted, afterClosingQuote }
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var state = State.fieldStart
        var line = 1
        var scalars = Array(text.unicodeScalars)[...]
        func endRecord() {
            record.append(field)
            records.append(record)
            record = []
            field = ""
            state = .fieldStart
            line += 1
        }
        while let scalar = scalars.popFirst() {
            switch (state, scalar) {
            case (.quoted, "\""):
                if scalars.first == "\"" {
                    scalars.removeFirst()
                    field.unicodeScalars.append("\"")
                } else {
                    state = .afterClosingQuote
                }
            case (.quoted, _):
                if scalar == "\n" { line += 1 }
                field.unicodeScalars.append(scalar)
            case (_, ","):
                record.append(field)
                field = ""
                state = .fieldStart
            case (_, "\r"):
                guard scalars.first == "\n" else { throw Failure(line: line, reason: "a carriage return not followed by a line feed") }
                scalars.removeFirst()
                endRecord()
            case (_, "\n"):
                endRecord()
            case (.fieldStart, "\""):
                state = .quoted
            case (.fieldStart, _), (.unquoted, _):
                guard scalar != "\"" else { throw Failure(line: line, reason: "a quote inside an unquoted field") }
                field.unicodeScalars.append(scalar)
                state = .unquoted
            case (.afterClosingQuote, _):
                throw Failure(line: line, reason: "text after a closing quote")
            }
        }
        if state == .quoted { throw Failure(line: line, reason: "a quoted field is not closed") }
        if state != .fieldStart || !record.isEmpty { endRecord() }
        return records
    }
}
