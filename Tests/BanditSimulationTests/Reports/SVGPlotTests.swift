import Foundation
import Testing
@testable import BanditSimulation

@Suite("SVG plot")
struct SVGPlotTests {
    @Test("well-formed XML with one mean path and one legend label per policy")
    func structure() throws {
        let result = ReportFixtures.result()
        let svg = SVGPlot.regret(result, title: "Two arms")
        let xml = ReportFixtures.parseXML(svg)
        #expect(xml.wellFormed)
        #expect(xml.elements.first?.name == "svg")
        #expect(xml.elements(named: "path", class: "series-mean").count == 3)
        #expect(xml.elements(named: "path", class: "series-band").count == 3)
        #expect(xml.elements(named: "g", class: "legend-entry").count == 3)
        for label in ["UCB1", "Thompson sampling", "KL-UCB", "Two arms", "round t", "cumulative pseudo-regret"] {
            #expect(xml.texts.contains(label), "missing text \(label)")
        }
        #expect(xml.texts.contains { $0.contains("mean ± 1.96·stderr") })
        // Self-contained: nothing fetched from elsewhere.
        #expect(!svg.contains("href") && !svg.contains("@import") && !svg.contains("<style"))
    }

    @Test("each policy gets a distinct colour from the palette")
    func distinctColours() {
        let xml = ReportFixtures.parseXML(SVGPlot.regret(ReportFixtures.result(), title: "t"))
        let strokes = xml.elements(named: "path", class: "series-mean").compactMap { $0.attributes["stroke"] }
        #expect(strokes.count == 3)
        #expect(Set(strokes).count == 3)
        #expect(strokes.first == "#0072B2")
    }

    @Test("mean path follows the data: first point at the first checkpoint's mean")
    func pathGeometry() throws {
        let result = ReportFixtures.result(labels: ["A"], checkpoints: [1, 50, 100])
        let xml = ReportFixtures.parseXML(SVGPlot.regret(result, title: "t"))
        let d = try #require(xml.elements(named: "path", class: "series-mean").first?.attributes["d"])
        #expect(d.split(separator: " ").count == 3)
        #expect(d.hasPrefix("M"))
        // Points move right and (regret grows) up.
        let points = d.split(separator: " ").map { $0.dropFirst().split(separator: ",").map { Double($0)! } }
        #expect(points[0][0] < points[1][0] && points[1][0] < points[2][0])
        #expect(points[0][1] > points[2][1])
    }

    @Test("linear axes use 1-2-5 tick steps")
    func niceTicks() {
        #expect(SVGPlot.Axis.linear(from: 0, to: 87, extendToTicks: true).ticks.map(\.label)
            == ["0", "20", "40", "60", "80", "100"])
        #expect(SVGPlot.Axis.linear(from: 0, to: 0.93, extendToTicks: true).ticks.map(\.label)
            == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(SVGPlot.Axis.linear(from: -3, to: 7, extendToTicks: true).ticks.map(\.label)
            == ["-4", "-2", "0", "2", "4", "6", "8"])
        #expect(SVGPlot.Axis.linear(from: 0, to: 10_000, extendToTicks: false).ticks.map(\.label)
            == ["0", "2000", "4000", "6000", "8000", "10000"])
        #expect(SVGPlot.Axis.linear(from: 0, to: 5_000_000, extendToTicks: false).ticks.last?.label == "5×10⁶")
        let log = SVGPlot.Axis.logarithmic(from: 1, to: 2000)
        #expect(log.ticks.map(\.label) == ["1", "10", "100", "1000", "10000"])
        #expect(log.minorTicks.contains(200))
    }

    @Test("logarithmic time puts decades on the x axis")
    func logarithmicTime() {
        let xml = ReportFixtures.parseXML(SVGPlot.regret(ReportFixtures.result(), logarithmicTime: true, title: "t"))
        #expect(xml.wellFormed)
        #expect(xml.texts.contains("round t (log scale)"))
        #expect(xml.texts(inGroup: "x-axis") == ["1", "10", "100"])
        #expect(xml.elements(named: "path", class: "series-mean").count == 3)
    }

    @Test("the lower bound is a dashed, labelled overlay only when given")
    func lowerBound() throws {
        let result = ReportFixtures.result()
        let with = ReportFixtures.parseXML(SVGPlot.regret(result, lowerBound: { 2.5 * log(Double($0)) },
                                                          title: "t"))
        let bound = try #require(with.elements(named: "path", class: "lower-bound").first)
        #expect(bound.attributes["stroke-dasharray"] != nil)
        #expect((bound.attributes["d"]?.split(separator: " ").count ?? 0) > 50)
        #expect(with.texts.contains("Lai–Robbins lower bound"))
        let without = ReportFixtures.parseXML(SVGPlot.regret(result, title: "t"))
        #expect(without.elements(named: "path", class: "lower-bound").isEmpty)
        #expect(!without.texts.contains("Lai–Robbins lower bound"))
    }

    @Test("labels with XML metacharacters and control characters stay well-formed")
    func escaping() {
        let labels = ["A<B & \"C\" 'D'", "bell\u{7}"]
        let svg = SVGPlot.regret(ReportFixtures.result(labels: labels), title: "x < y & z")
        let xml = ReportFixtures.parseXML(svg)
        #expect(xml.wellFormed)
        #expect(xml.texts.contains(labels[0]))
        #expect(xml.texts.contains("bell\u{FFFD}"))
        #expect(xml.titles.contains("x < y & z"))
        #expect(xml.texts.contains("x < y & z"))
    }

    @Test("NaN values are skipped, never written")
    func nanSkipped() throws {
        let result = ReportFixtures.result(labels: ["A", "B"]) { repetition, index, value in
            index == 2 || (index == 4 && repetition == 0) ? .nan : value
        }
        let svg = SVGPlot.regret(result, lowerBound: { _ in .nan }, title: "gaps")
        let lowered = svg.lowercased()
        #expect(!lowered.contains("nan"))
        #expect(!lowered.contains("inf"))
        let xml = ReportFixtures.parseXML(svg)
        #expect(xml.wellFormed)
        let paths = xml.elements(named: "path", class: "series-mean")
        #expect(paths.count == 2)
        #expect(paths[0].attributes["d"]?.split(separator: " ").count == result.checkpoints.count - 2)
        // Checkpoints 2 and 4 are missing: the curve breaks there (three segments) rather than
        // bridging the gap, and the lone point between the gaps is drawn as a dot.
        #expect(paths[0].attributes["d"]?.filter { $0 == "M" }.count == 3)
        #expect(xml.elements(named: "circle", class: "series-point").count == 2)
        // No bound values are finite, so no overlay.
        #expect(xml.elements(named: "path", class: "lower-bound").isEmpty)
    }

    @Test("degenerate data: one checkpoint, all zeros, one policy")
    func degenerate() {
        let result = ReportFixtures.result(labels: ["only"], checkpoints: [1], repetitions: 1) { _, _, _ in 0 }
        let svg = SVGPlot.regret(result, logarithmicTime: false, title: "flat")
        let xml = ReportFixtures.parseXML(svg)
        #expect(xml.wellFormed)
        #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
        #expect(xml.elements(named: "path", class: "series-mean").count == 1)
        #expect(xml.elements(named: "circle", class: "series-point").count == 1)
        // Rounds are whole numbers: no fractional ticks on the time axis.
        #expect(xml.texts(inGroup: "x-axis") == ["0", "1"])
        #expect(xml.texts(inGroup: "y-axis") == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(xml.texts.contains { $0.contains("1 repetition;") })
        let log = SVGPlot.regret(result, logarithmicTime: true, title: "flat")
        #expect(ReportFixtures.parseXML(log).wellFormed)
        #expect(!log.lowercased().contains("nan"))
        // All values NaN: an empty but valid plot.
        let empty = ReportFixtures.result(labels: ["void"], checkpoints: [1, 10]) { _, _, _ in .nan }
        let emptySVG = SVGPlot.regret(empty, title: "void")
        #expect(ReportFixtures.parseXML(emptySVG).wellFormed)
        #expect(!emptySVG.lowercased().contains("nan"))
    }

    @Test("choosing a metric plots it and labels the y axis with it")
    func chosenMetric() {
        let result = ReportFixtures.result()
        let xml = ReportFixtures.parseXML(SVGPlot.regret(result, metric: "best_arm_fraction", title: "t"))
        #expect(xml.texts.contains("fraction of best-arm pulls"))
        #expect(!xml.texts.contains("cumulative pseudo-regret"))
        #expect(xml.texts.contains("1.0"))
    }

    @Test("the same input gives byte-identical SVG")
    func deterministic() {
        let bound: (Int) -> Double = { 2 * log(Double($0)) }
        #expect(SVGPlot.regret(ReportFixtures.result(), lowerBound: bound, title: "a")
            == SVGPlot.regret(ReportFixtures.result(), lowerBound: bound, title: "a"))
    }
}
