import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BanditSimulation

/// Hand-built results for the report tests: small, with values that differ per policy, metric,
/// repetition and checkpoint, so a report that mixes them up shows it.
enum ReportFixtures {
    static func metadata(wallTime: Double = 1.25, lowerBoundConstant: Double? = 2.5) -> RunMetadata {
        RunMetadata(
            toolVersion: "0.1.0", seed: 18_446_744_073_709_551_557, horizon: 100, repetitions: 5, jobs: 4,
            scenarioName: "two Bernoulli arms", scenarioHash: "cbf29ce484222325",
            environment: ["bernoulli(0.5)", "bernoulli(0.4)"], openBLASCore: "Haswell",
            wallTimeSeconds: wallTime, startedAt: "2025-01-01T00:00:00Z", lowerBoundConstant: lowerBoundConstant
        )
    }

    static let standardMetrics: [MetricDescriptor] = [.pseudoRegret, .realizedRegret, .bestArmFraction]

    /// A deterministic value for (policy, metric, repetition, checkpoint).
    static func value(policy: Int, metric: Int, repetition: Int, t: Int) -> Double {
        let root = Double(t).squareRoot()
        switch metric {
        case 0: return Double(policy + 1) * 3 * root + Double(repetition) * 0.75
        case 1: return Double(policy + 1) * 3 * root + Double(repetition) * 0.75 - 1.5
        default: return Double(t) / Double(t + policy + repetition + 1)
        }
    }

    static func series(
        policy: Int, metric: MetricDescriptor, metricIndex: Int, checkpoints: [Int], repetitions: Int,
        transform: (Int, Int, Double) -> Double = { _, _, value in value }
    ) -> MetricSeries {
        let values = (0..<repetitions).map { repetition in
            checkpoints.enumerated().map { index, t in
                transform(repetition, index, value(policy: policy, metric: metricIndex, repetition: repetition, t: t))
            }
        }
        return Simulator.summarise(metric: metric, checkpoints: checkpoints, values: values)
    }

    static func result(
        labels: [String] = ["UCB1", "Thompson sampling", "KL-UCB"], checkpoints: [Int] = [1, 2, 5, 10, 20, 50, 100],
        repetitions: Int = 5, metrics: [MetricDescriptor] = standardMetrics, wallTime: Double = 1.25,
        transform: (Int, Int, Double) -> Double = { _, _, value in value }
    ) -> SimulationResult {
        var metadata = metadata(wallTime: wallTime)
        metadata.horizon = checkpoints.last ?? 1
        metadata.repetitions = repetitions
        let policies = labels.enumerated().map { policy, label in
            PolicySeries(
                label: label, specification: "spec-\(policy)",
                metrics: metrics.enumerated().map { index, metric in
                    series(policy: policy, metric: metric, metricIndex: index, checkpoints: checkpoints,
                           repetitions: repetitions, transform: transform)
                }
            )
        }
        return SimulationResult(metadata: metadata, checkpoints: checkpoints, policies: policies)
    }

    // MARK: CSV

    /// A strict RFC 4180 reader (LF line ends), independent of the writer's code.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field); field = ""
            } else if character == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    // MARK: SVG

    struct Node {
        let name: String
        let attributes: [String: String]
    }

    struct ParsedXML {
        let wellFormed: Bool
        let elements: [Node]
        /// Character data of each `<text>` element, decoded.
        let texts: [String]
        /// Character data of each `<title>` element, decoded.
        let titles: [String]
        /// `<text>` contents with the class of the innermost enclosing `<g>` that has one.
        let groupedTexts: [(group: String?, text: String)]

        func texts(inGroup group: String) -> [String] { groupedTexts.filter { $0.group == group }.map(\.text) }

        func elements(named name: String, class className: String? = nil) -> [Node] {
            elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }
        }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Node] = []
        var texts: [String] = []
        var titles: [String] = []
        var groupedTexts: [(group: String?, text: String)] = []
        private var stack: [String] = []
        private var groupClasses: [String?] = []
        private var buffer = ""

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            elements.append(Node(name: elementName, attributes: attributeDict))
            stack.append(elementName)
            if elementName == "g" { groupClasses.append(attributeDict["class"]) }
            buffer = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            if elementName == "text" {
                texts.append(buffer)
                groupedTexts.append((groupClasses.last { $0 != nil } ?? nil, buffer))
            }
            if elementName == "g" { groupClasses.removeLast() }
            if elementName == "title" { titles.append(buffer) }
            stack.removeLast()
            buffer = ""
        }
    }

    static func parseXML(_ text: String) -> ParsedXML {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        return ParsedXML(wellFormed: ok, elements: collector.elements, texts: collector.texts, titles: collector.titles,
                         groupedTexts: collector.groupedTexts)
    }
}
