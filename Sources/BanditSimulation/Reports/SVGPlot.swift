import RealModule

/// A self-contained SVG plot of one metric against the round, one curve per policy.
///
/// The file embeds everything it needs (no external fonts, stylesheets or scripts) so it can be
/// attached to a paper draft, an issue or a web page as is. Output is a pure function of its
/// inputs: the same result gives the same bytes.
public enum SVGPlot {
    /// Draws the mean of `metric` against t for every policy that reports it, each with a
    /// translucent band of mean ± 1.96·stderr (a normal-approximation 95 % confidence interval
    /// for the mean across repetitions; said so in the legend and the caption).
    ///
    /// - Parameters:
    ///   - result: the study.
    ///   - metric: the metric's machine name; `nil` plots the first policy's primary metric.
    ///     Policies that do not report the metric are left out of the plot and the legend.
    ///   - logarithmicTime: a log₁₀ time axis, on which logarithmic regret is a straight line —
    ///     the natural view of Lai–Robbins optimality. Rounds below 1 cannot be shown and are
    ///     skipped.
    ///   - lowerBound: the asymptotic lower bound at round t (typically c·ln t), drawn as a
    ///     dashed black curve labelled with the result's ``RunMetadata/lowerBoundName``
    ///     ("Lai–Robbins lower bound" when absent). The caller computes it because
    ///     only the environment knows c.
    ///   - title: the heading drawn above the plot.
    /// - Returns: the SVG document. Non-finite values are skipped (the curve is broken there)
    ///   rather than written as `NaN`, which would make the document invalid.
    public static func regret(
        _ result: SimulationResult, metric: String? = nil, logarithmicTime: Bool = false,
        lowerBound: ((Int) -> Double)? = nil, title: String
    ) -> String {
        let metricName = metric ?? result.policies.lazy.compactMap { $0.metrics.first?.metric.name }.first
        var curves: [Curve] = []
        var axisLabel = metricName ?? "value"
        var labelFound = false
        for (index, policy) in result.policies.enumerated() {
            guard let metricName, let series = policy.series(metricName) else { continue }
            if !labelFound { axisLabel = series.metric.label; labelFound = true }
            // A skipped value breaks the curve (`startsSegment`) instead of being bridged, so a
            // reader sees that data is missing there.
            var points: [Point] = []
            var broken = true
            for summary in series.summaries {
                guard summary.mean.isFinite, !logarithmicTime || summary.t >= 1 else { broken = true; continue }
                let halfWidth = 1.96 * summary.standardError
                let band = halfWidth.isFinite && halfWidth >= 0
                    && (summary.mean - halfWidth).isFinite && (summary.mean + halfWidth).isFinite
                points.append(Point(t: summary.t, mean: summary.mean, halfWidth: band ? halfWidth : nil,
                                    startsSegment: broken))
                broken = false
            }
            curves.append(Curve(label: policy.label, style: Style(index: index), points: points))
        }

        // The time range comes from the study's checkpoints as well as the curves, so an all-NaN
        // study still gets a meaningful axis.
        var rounds = curves.flatMap { $0.points.map(\.t) } + result.checkpoints
        if logarithmicTime { rounds = rounds.filter { $0 >= 1 } }
        let firstRound = rounds.min() ?? 1
        let lastRound = rounds.max() ?? 1
        let xAxis = logarithmicTime
            ? Axis.logarithmic(from: Double(firstRound), to: Double(lastRound))
            : Axis.linear(from: min(0, Double(firstRound)), to: Double(lastRound), extendToTicks: false, integral: true)

        var bound: [(t: Int, value: Double)] = []
        if let lowerBound {
            bound = boundSamples(axis: xAxis, from: max(1, firstRound), to: lastRound).compactMap { t in
                let value = lowerBound(t)
                return value.isFinite ? (t, value) : nil
            }
        }

        var low = 0.0
        var high = 0.0
        for curve in curves {
            for point in curve.points {
                low = min(low, point.mean - (point.halfWidth ?? 0))
                high = max(high, point.mean + (point.halfWidth ?? 0))
            }
        }
        for sample in bound {
            low = min(low, sample.value)
            high = max(high, sample.value)
        }
        let yAxis = Axis.linear(from: low, to: high, extendToTicks: true)

        let layout = Layout()
        var svg = Document()
        svg.open(layout: layout, title: title)
        svg.frame(layout: layout, xAxis: xAxis, yAxis: yAxis)
        svg.axisTitles(
            layout: layout, x: logarithmicTime ? "round t (log scale)" : "round t", y: axisLabel,
            caption: "Lines: mean over \(result.metadata.repetitions) repetition\(result.metadata.repetitions == 1 ? "" : "s"); "
                + "shaded bands: mean ± 1.96·stderr (≈ 95 % confidence interval of the mean)."
        )
        let mapX = { (t: Int) in layout.plotLeft + xAxis.position(Double(t)) * layout.plotWidth }
        let mapY = { (value: Double) in layout.plotBottom - yAxis.position(value) * layout.plotHeight }
        svg.line("<g clip-path=\"url(#plot-area)\">")
        for curve in curves { svg.band(curve, mapX: mapX, mapY: mapY) }
        if !bound.isEmpty {
            let d = bound.enumerated().map { index, sample in
                (index == 0 ? "M" : "L") + coordinate(mapX(sample.t), mapY(sample.value))
            }.joined(separator: " ")
            svg.line("<path class=\"lower-bound\" d=\"\(d)\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>")
        }
        for curve in curves { svg.mean(curve, mapX: mapX, mapY: mapY) }
        svg.line("</g>")
        svg.legend(layout: layout, curves: curves, boundName: bound.isEmpty ? nil : result.metadata.lowerBoundName ?? "Lai–Robbins lower bound")
        svg.line("</svg>")
        return svg.text
    }

    // MARK: - Data

    private struct Point {
        let t: Int
        let mean: Double
        /// 1.96·stderr, or nil where the band is not finite (the line is still drawn).
        let halfWidth: Double?
        /// The previous checkpoint had no drawable value.
        let startsSegment: Bool
    }

    private struct Curve {
        let label: String
        let style: Style
        let points: [Point]
    }

    /// Okabe & Ito's colour-blind-safe palette (2008), without black, which is reserved for the
    /// lower bound. Past seven curves the colours repeat with a dash pattern so curves stay
    /// distinguishable.
    private struct Style {
        static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]
        static let dashes = ["", "9 3", "2 3", "9 3 2 3"]
        let colour: String
        let dash: String

        init(index: Int) {
            colour = Self.palette[index % Self.palette.count]
            dash = Self.dashes[(index / Self.palette.count) % Self.dashes.count]
        }

        var dashAttribute: String { dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"" }
    }

    // MARK: - Geometry

    private struct Layout {
        let width = 960.0
        let height = 560.0
        let plotLeft = 90.0
        let plotTop = 50.0
        let plotRight = 700.0
        let plotBottom = 460.0
        var plotWidth: Double { plotRight - plotLeft }
        var plotHeight: Double { plotBottom - plotTop }
        var legendLeft: Double { plotRight + 24 }
    }

    /// A mapping from data values to [0, 1] across the plot, with its tick marks.
    struct Axis {
        let low: Double
        let high: Double
        let logarithmic: Bool
        /// Labelled ticks: value and text.
        let ticks: [(value: Double, label: String)]
        /// Unlabelled minor ticks (2…9 × 10ᵏ on a log axis).
        let minorTicks: [Double]

        func position(_ value: Double) -> Double {
            logarithmic
                ? (value.log10Value - low.log10Value) / (high.log10Value - low.log10Value)
                : (value - low) / (high - low)
        }

        /// A linear axis with ticks at multiples of 1, 2 or 5 × 10ᵏ (about five of them), the
        /// steps people read off without arithmetic. `extendToTicks` widens the range to whole
        /// steps — right for values, wrong for time, where the plot should end at the horizon.
        /// `integral` keeps steps at 1 or more, for rounds, which have no fractions.
        static func linear(from low: Double, to high: Double, extendToTicks: Bool, integral: Bool = false) -> Axis {
            var low = low, high = high
            if !(high > low) {
                // One value (e.g. all zeros): give it room rather than dividing by zero.
                let pad = low == 0 ? 1 : abs(low) * 0.5
                (low, high) = (low - (low < 0 ? pad : 0), high + (low < 0 ? 0 : pad))
                if low == high { high = low + 1 }
            }
            guard var step = niceStep((high - low) / 5) else {
                return Axis(low: low, high: high, logarithmic: false,
                            ticks: [(low, tickLabel(low, decimals: 0)), (high, tickLabel(high, decimals: 0))],
                            minorTicks: [])
            }
            if integral, step.value < 1 { step = (1, 0) }
            if extendToTicks {
                low = (low / step.value).rounded(.down) * step.value
                high = (high / step.value).rounded(.up) * step.value
            }
            var ticks: [(Double, String)] = []
            var multiple = (low / step.value).rounded(.up)
            let tolerance = step.value * 1e-9
            while multiple * step.value <= high + tolerance, ticks.count < 50 {
                let value = multiple * step.value
                ticks.append((value, tickLabel(value, decimals: step.decimals)))
                multiple += 1
            }
            return Axis(low: low, high: high, logarithmic: false, ticks: ticks, minorTicks: [])
        }

        /// A log₁₀ axis spanning whole decades, ticked at powers of ten.
        static func logarithmic(from low: Double, to high: Double) -> Axis {
            let lowDecade = max(low, 1).log10Value.rounded(.down)
            var highDecade = max(high, 1).log10Value.rounded(.up)
            if highDecade <= lowDecade { highDecade = lowDecade + 1 }
            var ticks: [(Double, String)] = []
            var minor: [Double] = []
            var decade = lowDecade
            while decade <= highDecade {
                let power = powerOfTen(decade)
                ticks.append((power, decadeLabel(Int(decade))))
                // Minor ticks only while sparse enough to read.
                if decade < highDecade, highDecade - lowDecade <= 6 {
                    for multiplier in 2...9 { minor.append(Double(multiplier) * power) }
                }
                decade += 1
            }
            return Axis(low: powerOfTen(lowDecade), high: powerOfTen(highDecade), logarithmic: true,
                        ticks: ticks, minorTicks: minor)
        }

        /// The step m·10ᵏ with m ∈ {1, 2, 5} nearest to `raw` (Heckbert, "Nice numbers for graph
        /// labels", Graphics Gems, 1990), and the decimals its multiples need.
        private static func niceStep(_ raw: Double) -> (value: Double, decimals: Int)? {
            guard raw.isFinite, raw > 0 else { return nil }
            var exponent = raw.log10Value.rounded(.down)
            let fraction = raw / powerOfTen(exponent)
            let mantissa: Double
            switch fraction {
            case ..<1.5: mantissa = 1
            case ..<3: mantissa = 2
            case ..<7: mantissa = 5
            default: mantissa = 1; exponent += 1
            }
            let value = mantissa * powerOfTen(exponent)
            guard value.isFinite, value > 0 else { return nil }
            return (value, max(0, -Int(exponent)))
        }
    }

    /// Integer rounds at which to evaluate the lower bound: about 240 evenly spaced on screen,
    /// so the curve is smooth on either axis.
    private static func boundSamples(axis: Axis, from first: Int, to last: Int) -> [Int] {
        guard last >= first else { return [] }
        let count = 240
        var rounds: [Int] = []
        for step in 0...count {
            let fraction = Double(step) / Double(count)
            let value: Double
            if axis.logarithmic {
                value = Double.pow(10, Double(first).log10Value + fraction * (Double(last).log10Value - Double(first).log10Value))
            } else {
                value = Double(first) + fraction * Double(last - first)
            }
            let t = min(max(Int(value.rounded()), first), last)
            if rounds.last != t { rounds.append(t) }
        }
        return rounds
    }

    // MARK: - Text

    /// Tick text: positional up to a million, then m×10ᵏ, which stays short enough to fit.
    static func tickLabel(_ value: Double, decimals: Int) -> String {
        let magnitude = abs(value)
        guard magnitude >= 1e6, magnitude.isFinite else { return ReportNumberFormat.fixed(value, decimals: decimals) }
        var exponent = 0
        var mantissa = magnitude
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        var digits = ReportNumberFormat.fixed(mantissa, decimals: 2)
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        if digits == "10" { digits = "1"; exponent += 1 }
        let sign = value < 0 ? "-" : ""
        return digits == "1" ? "\(sign)\(decadeLabel(exponent))" : "\(sign)\(digits)×\(decadeLabel(exponent))"
    }

    /// 10ᵏ as text: plain digits up to 10⁵, superscript powers beyond.
    static func decadeLabel(_ exponent: Int) -> String {
        if (0...5).contains(exponent) { return "1" + String(repeating: "0", count: exponent) }
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
    }

    /// Text safe inside XML content and attribute values. Characters XML 1.0 forbids outright
    /// (most C0 controls, U+FFFE, U+FFFF) cannot be escaped, so they become U+FFFD; otherwise a
    /// stray control character in a policy label would make the whole file unreadable.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Legend text is cut at this many characters (the full label stays in a tooltip) so a long
    /// specification cannot run off the canvas.
    private static let legendCharacters = 30

    private static func number(_ value: Double) -> String { ReportNumberFormat.fixed(value, decimals: 2) }

    private static func coordinate(_ x: Double, _ y: Double) -> String { "\(number(x)),\(number(y))" }

    // MARK: - Writing

    private struct Document {
        var text = ""

        mutating func line(_ content: String) { text += content + "\n" }

        mutating func open(layout: Layout, title: String) {
            let w = number(layout.width), h = number(layout.height)
            line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            line("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" font-family=\"sans-serif\" font-size=\"12\">")
            line("<title>\(escape(title))</title>")
            // The clip reaches a little past the frame so a curve lying on an edge (regret 0, the
            // last round) is drawn whole rather than cut in half.
            let pad = 4.0
            line("<defs><clipPath id=\"plot-area\"><rect x=\"\(number(layout.plotLeft - pad))\" y=\"\(number(layout.plotTop - pad))\" width=\"\(number(layout.plotWidth + 2 * pad))\" height=\"\(number(layout.plotHeight + 2 * pad))\"/></clipPath></defs>")
            line("<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>")
            line("<text class=\"title\" x=\"\(number(layout.width / 2))\" y=\"30\" text-anchor=\"middle\" font-size=\"18\">\(escape(title))</text>")
        }

        mutating func frame(layout: Layout, xAxis: Axis, yAxis: Axis) {
            line("<g class=\"grid\" stroke=\"#e0e0e0\" stroke-width=\"1\">")
            for tick in xAxis.ticks {
                let x = number(layout.plotLeft + xAxis.position(tick.value) * layout.plotWidth)
                line("<line x1=\"\(x)\" y1=\"\(number(layout.plotTop))\" x2=\"\(x)\" y2=\"\(number(layout.plotBottom))\"/>")
            }
            for tick in yAxis.ticks {
                let y = number(layout.plotBottom - yAxis.position(tick.value) * layout.plotHeight)
                line("<line x1=\"\(number(layout.plotLeft))\" y1=\"\(y)\" x2=\"\(number(layout.plotRight))\" y2=\"\(y)\"/>")
            }
            line("</g>")
            line("<rect class=\"frame\" x=\"\(number(layout.plotLeft))\" y=\"\(number(layout.plotTop))\" width=\"\(number(layout.plotWidth))\" height=\"\(number(layout.plotHeight))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>")
            line("<g class=\"x-axis\" text-anchor=\"middle\" fill=\"#333333\">")
            for tick in xAxis.ticks {
                let x = number(layout.plotLeft + xAxis.position(tick.value) * layout.plotWidth)
                line("<line x1=\"\(x)\" y1=\"\(number(layout.plotBottom))\" x2=\"\(x)\" y2=\"\(number(layout.plotBottom + 6))\" stroke=\"#333333\"/>")
                line("<text x=\"\(x)\" y=\"\(number(layout.plotBottom + 20))\">\(escape(tick.label))</text>")
            }
            for value in xAxis.minorTicks where value >= xAxis.low && value <= xAxis.high {
                let x = number(layout.plotLeft + xAxis.position(value) * layout.plotWidth)
                line("<line x1=\"\(x)\" y1=\"\(number(layout.plotBottom))\" x2=\"\(x)\" y2=\"\(number(layout.plotBottom + 3))\" stroke=\"#333333\"/>")
            }
            line("</g>")
            line("<g class=\"y-axis\" text-anchor=\"end\" fill=\"#333333\">")
            for tick in yAxis.ticks {
                let y = layout.plotBottom - yAxis.position(tick.value) * layout.plotHeight
                line("<line x1=\"\(number(layout.plotLeft - 6))\" y1=\"\(number(y))\" x2=\"\(number(layout.plotLeft))\" y2=\"\(number(y))\" stroke=\"#333333\"/>")
                line("<text x=\"\(number(layout.plotLeft - 9))\" y=\"\(number(y + 4))\">\(escape(tick.label))</text>")
            }
            line("</g>")
        }

        mutating func axisTitles(layout: Layout, x: String, y: String, caption: String) {
            let centreX = number(layout.plotLeft + layout.plotWidth / 2)
            let centreY = number(layout.plotTop + layout.plotHeight / 2)
            line("<text class=\"x-title\" x=\"\(centreX)\" y=\"\(number(layout.plotBottom + 46))\" text-anchor=\"middle\" font-size=\"14\">\(escape(x))</text>")
            line("<text class=\"y-title\" x=\"24\" y=\"\(centreY)\" text-anchor=\"middle\" font-size=\"14\" transform=\"rotate(-90 24 \(centreY))\">\(escape(y))</text>")
            line("<text class=\"caption\" x=\"\(centreX)\" y=\"\(number(layout.plotBottom + 76))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555555\">\(escape(caption))</text>")
        }

        /// Band subpaths cover each run of consecutive points with a finite band; a gap in the
        /// data ends one run, so no band is drawn across missing values.
        mutating func band(_ curve: Curve, mapX: (Int) -> Double, mapY: (Double) -> Double) {
            var runs: [[Point]] = [[]]
            for point in curve.points {
                if (point.halfWidth == nil || point.startsSegment), !runs[runs.count - 1].isEmpty { runs.append([]) }
                if point.halfWidth != nil { runs[runs.count - 1].append(point) }
            }
            let parts = runs.filter { !$0.isEmpty }.map { run -> String in
                let upper = run.map { coordinate(mapX($0.t), mapY($0.mean + $0.halfWidth!)) }
                let lower = run.reversed().map { coordinate(mapX($0.t), mapY($0.mean - $0.halfWidth!)) }
                return "M" + (upper + lower).joined(separator: " L") + " Z"
            }
            guard !parts.isEmpty else { return }
            line("<path class=\"series-band\" d=\"\(parts.joined(separator: " "))\" fill=\"\(curve.style.colour)\" fill-opacity=\"0.18\" stroke=\"none\"/>")
        }

        /// One path per curve whatever the data, so a policy with no finite value still has its
        /// (empty) element; a point with no neighbour gets a dot, as a one-point line would be
        /// invisible.
        mutating func mean(_ curve: Curve, mapX: (Int) -> Double, mapY: (Double) -> Double) {
            let d = curve.points.map { point in
                (point.startsSegment ? "M" : "L") + coordinate(mapX(point.t), mapY(point.mean))
            }.joined(separator: " ")
            line("<path class=\"series-mean\" d=\"\(d)\" fill=\"none\" stroke=\"\(curve.style.colour)\" stroke-width=\"2\"\(curve.style.dashAttribute) stroke-linejoin=\"round\"><title>\(escape(curve.label))</title></path>")
            for (index, point) in curve.points.enumerated()
            where point.startsSegment && (index + 1 == curve.points.count || curve.points[index + 1].startsSegment) {
                line("<circle class=\"series-point\" cx=\"\(number(mapX(point.t)))\" cy=\"\(number(mapY(point.mean)))\" r=\"3.5\" fill=\"\(curve.style.colour)\"/>")
            }
        }

        mutating func legend(layout: Layout, curves: [Curve], boundName: String?) {
            let x = layout.legendLeft
            var y = layout.plotTop + 6
            line("<g class=\"legend\">")
            for curve in curves {
                var shown = curve.label
                if shown.count > legendCharacters { shown = String(shown.prefix(legendCharacters - 1)) + "…" }
                line("<g class=\"legend-entry\"><title>\(escape(curve.label))</title>")
                line("<rect x=\"\(number(x))\" y=\"\(number(y - 6))\" width=\"28\" height=\"12\" fill=\"\(curve.style.colour)\" fill-opacity=\"0.18\"/>")
                line("<line x1=\"\(number(x))\" y1=\"\(number(y))\" x2=\"\(number(x + 28))\" y2=\"\(number(y))\" stroke=\"\(curve.style.colour)\" stroke-width=\"2\"\(curve.style.dashAttribute)/>")
                line("<text x=\"\(number(x + 36))\" y=\"\(number(y + 4))\">\(escape(shown))</text>")
                line("</g>")
                y += 22
            }
            if let boundName {
                line("<g class=\"legend-entry\">")
                line("<line x1=\"\(number(x))\" y1=\"\(number(y))\" x2=\"\(number(x + 28))\" y2=\"\(number(y))\" stroke=\"#000000\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>")
                line("<text x=\"\(number(x + 36))\" y=\"\(number(y + 4))\">\(escape(boundName))</text>")
                line("</g>")
                y += 22
            }
            line("<text class=\"band-note\" x=\"\(number(x))\" y=\"\(number(y + 8))\" font-size=\"11\" fill=\"#555555\">shaded: mean ± 1.96·stderr</text>")
            line("</g>")
        }
    }
}

private extension Double {
    var log10Value: Double { Double.log10(self) }
}

/// 10ᵏ by exact multiplication (exact up to 10²²), not the C library's `exp10`, whose last-bit
/// accuracy differs between libm versions — tick positions must not change with the platform.
private func powerOfTen(_ exponent: Double) -> Double {
    let k = Int(max(min(exponent, 400), -400))
    var power = 1.0
    for _ in 0..<abs(k) { power *= 10 }
    return k >= 0 ? power : 1 / power
}
