/// Plain-text views of a study for a person at a terminal: a summary table and a small chart.
///
/// Both are pure functions of the result (same result, same text). Colour is off by default
/// because the text is as often piped into a file or a CI log, where escape codes are noise.
/// Widths are counted in characters, which matches the terminal for the Latin, Greek and
/// symbol text BanditKit writes; East Asian wide characters in labels would misalign.
public enum TerminalReport {
    /// The horizon summary, one line per policy: the primary metric's mean ± 1.96·stderr
    /// (a normal-approximation 95 % interval for the mean), its median, the 5 %–95 % range
    /// across repetitions and, when the policy reports it, the mean fraction of best-arm pulls.
    ///
    /// Regret columns share one number of decimals (about five significant digits of the
    /// largest value) so decimal points line up and policies compare at a glance.
    public static func table(_ result: SimulationResult) -> String {
        let primaryLabel = result.policies.lazy.compactMap { $0.metrics.first?.metric.label }.first ?? "regret"
        let horizon = result.checkpoints.last ?? result.metadata.horizon
        let finals = result.policies.map { $0.metrics.first?.summaries.last }
        let bestArm = result.policies.map { $0.series(MetricDescriptor.bestArmFraction.name)?.summaries.last?.mean }
        let showBestArm = bestArm.contains { $0 != nil }

        var magnitude = 0.0
        for summary in finals.compactMap({ $0 }) {
            for value in [summary.mean, 1.96 * summary.standardError, summary.q50, summary.q05, summary.q95]
            where value.isFinite {
                magnitude = max(magnitude, abs(value))
            }
        }
        let decimals = ReportNumberFormat.decimals(forMagnitude: magnitude, significant: 5)
        let format = { (value: Double) in ReportNumberFormat.fixed(value, decimals: decimals) }
        let missing = "–"

        let means = finals.map { $0.map { format($0.mean) } ?? missing }
        let halves = finals.map { $0.map { format(1.96 * $0.standardError) } ?? missing }
        let lows = finals.map { $0.map { format($0.q05) } ?? missing }
        let highs = finals.map { $0.map { format($0.q95) } ?? missing }
        let meanWidth = means.map(\.count).max() ?? 0
        let halfWidth = halves.map(\.count).max() ?? 0
        let lowWidth = lows.map(\.count).max() ?? 0
        let highWidth = highs.map(\.count).max() ?? 0

        var columns: [Column] = [
            Column(header: "policy", alignment: .left, cells: result.policies.map { printable($0.label) }),
            Column(header: "mean ± 1.96·stderr", alignment: .right, cells: result.policies.indices.map {
                pad(means[$0], meanWidth, .right) + " ± " + pad(halves[$0], halfWidth, .right)
            }),
            Column(header: "median", alignment: .right, cells: finals.map { $0.map { format($0.q50) } ?? missing }),
            Column(header: "q05 – q95", alignment: .right, cells: result.policies.indices.map {
                pad(lows[$0], lowWidth, .right) + " – " + pad(highs[$0], highWidth, .right)
            }),
        ]
        if showBestArm {
            columns.append(Column(header: "best-arm fraction", alignment: .right, cells: bestArm.map {
                $0.map { ReportNumberFormat.fixed($0, decimals: 3) } ?? missing
            }))
        }

        let widths = columns.map { column in max(column.header.count, column.cells.map(\.count).max() ?? 0) }
        func row(_ cells: [String], _ alignments: [Alignment]) -> String {
            zip(zip(cells, alignments), widths).map { pad($0.0, $1, $0.1) }.joined(separator: "  ") + "\n"
        }
        let alignments = columns.map(\.alignment)
        var text = "\(printable(primaryLabel)) at t = \(horizon), \(repetitions(result.metadata.repetitions))\n"
        text += row(columns.map(\.header), alignments)
        text += row(widths.map { String(repeating: "-", count: $0) }, alignments)
        for index in result.policies.indices {
            text += row(columns.map { $0.cells[index] }, alignments)
        }
        return text
    }

    /// A compact chart of each policy's mean primary metric against t (linear time), one
    /// marker character per policy, for a quick look without leaving the terminal.
    ///
    /// Values between checkpoints are interpolated linearly so curves read as lines even where
    /// log-spaced checkpoints are sparse; missing (non-finite) values leave a gap. Where curves
    /// cross, the later policy's marker wins.
    ///
    /// - Parameters:
    ///   - width: total characters per line, y-axis labels included (at least enough for ten
    ///     plot columns).
    ///   - height: rows of the plot area (at least 2).
    ///   - colors: wrap each policy's markers in an ANSI colour code.
    public static func chart(_ result: SimulationResult, width: Int = 72, height: Int = 18, colors: Bool = false) -> String {
        let metricName = result.policies.lazy.compactMap { $0.metrics.first?.metric.name }.first
        let metricLabel = result.policies.lazy.compactMap { $0.metrics.first?.metric.label }.first ?? "value"
        let curves: [[(t: Int, value: Double)]] = result.policies.map { policy in
            guard let metricName, let series = policy.series(metricName) else { return [] }
            return series.summaries.map { ($0.t, $0.mean) }
        }
        let finite = curves.flatMap { $0.filter { $0.value.isFinite } }
        let rounds = finite.map(\.t) + result.checkpoints
        let lastRound = Double(rounds.max() ?? 1)
        var firstRound = Double(rounds.min() ?? 0)
        if firstRound >= lastRound { firstRound = min(0, lastRound - 1) }
        var low = min(0, finite.map(\.value).min() ?? 0)
        var high = max(0, finite.map(\.value).max() ?? 0)
        if !(high > low) || !(high - low).isFinite { (low, high) = (low, low + 1) }
        if !(high > low) { (low, high) = (0, 1) }

        let rows = max(height, 2)
        let topLabel = ReportNumberFormat.significant(high)
        let bottomLabel = ReportNumberFormat.significant(low)
        let labelWidth = max(topLabel.count, bottomLabel.count)
        let columns = max(width - labelWidth - 2, 10)

        var grid = [[Int?]](repeating: [Int?](repeating: nil, count: columns), count: rows)
        func column(_ t: Double) -> Double { (t - firstRound) / (lastRound - firstRound) * Double(columns - 1) }
        func plot(_ policy: Int, column: Int, value: Double) {
            guard (0..<columns).contains(column) else { return }
            let row = Int(((high - value) / (high - low) * Double(rows - 1)).rounded())
            guard (0..<rows).contains(row) else { return }
            grid[row][column] = policy
        }
        for (policy, curve) in curves.enumerated() {
            for (index, point) in curve.enumerated() where point.value.isFinite {
                plot(policy, column: Int(column(Double(point.t)).rounded()), value: point.value)
                guard index + 1 < curve.count, curve[index + 1].value.isFinite else { continue }
                let next = curve[index + 1]
                let from = column(Double(point.t)), to = column(Double(next.t))
                guard to > from else { continue }
                var x = Int(from.rounded(.up))
                while Double(x) <= to {
                    let fraction = (Double(x) - from) / (to - from)
                    plot(policy, column: x, value: point.value + fraction * (next.value - point.value))
                    x += 1
                }
            }
        }

        let marks = result.policies.indices.map { marker($0, colors: colors) }
        // The heading is cut to `width` like every other line, so the chart fits a narrow pane.
        var heading = "\(printable(metricLabel)), mean over \(repetitions(result.metadata.repetitions))"
        if heading.count > width { heading = String(heading.prefix(max(width - 1, 0))) + "…" }
        var text = heading + "\n"
        for (index, cells) in grid.enumerated() {
            let label = index == 0 ? topLabel : index == rows - 1 ? bottomLabel : ""
            var line = pad(label, labelWidth, .right) + " |"
            for cell in cells { line += cell.map { marks[$0] } ?? " " }
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        text += String(repeating: " ", count: labelWidth) + " +" + String(repeating: "-", count: columns) + "\n"
        let left = ReportNumberFormat.fixed(firstRound, decimals: 0)
        let right = ReportNumberFormat.fixed(lastRound, decimals: 0)
        let axisName = "round t"
        var axis = left
        let gap = columns - left.count - right.count
        if gap >= axisName.count + 2 {
            let before = (gap - axisName.count) / 2
            axis += String(repeating: " ", count: before) + axisName + String(repeating: " ", count: gap - before - axisName.count)
        } else {
            axis += String(repeating: " ", count: max(gap, 1))
        }
        axis += right
        text += String(repeating: " ", count: labelWidth + 2) + axis + "\n"

        // Legend entries wrap at `width` so long studies stay inside the terminal.
        var line = ""
        var lineWidth = 0
        for (index, policy) in result.policies.enumerated() {
            let label = printable(policy.label)
            let entryWidth = 2 + label.count
            if lineWidth > 0, lineWidth + 3 + entryWidth > width {
                text += line + "\n"
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 { line += "   "; lineWidth += 3 }
            line += marks[index] + " " + label
            lineWidth += entryWidth
        }
        if !line.isEmpty { text += line + "\n" }
        return text
    }

    // MARK: - Helpers

    private enum Alignment { case left, right }

    private struct Column {
        let header: String
        let alignment: Alignment
        let cells: [String]
    }

    private static let markers: [Character] = ["*", "+", "o", "x", "#", "@", "%", "&", "=", "~"]
    /// ANSI foreground colours, skipping black and white, which vanish on one background or
    /// the other.
    private static let colorCodes = [34, 31, 32, 35, 33, 36, 94, 91, 92, 95]

    private static func marker(_ index: Int, colors: Bool) -> String {
        let symbol = String(markers[index % markers.count])
        guard colors else { return symbol }
        return "\u{1B}[\(colorCodes[index % colorCodes.count])m\(symbol)\u{1B}[0m"
    }

    private static func repetitions(_ count: Int) -> String { count == 1 ? "1 repetition" : "\(count) repetitions" }

    private static func pad(_ text: String, _ width: Int, _ alignment: Alignment) -> String {
        let fill = String(repeating: " ", count: max(width - text.count, 0))
        return alignment == .left ? text + fill : fill + text
    }

    /// Control characters (a newline in a label, an escape sequence) would break the one line
    /// per policy layout or the terminal itself, so they are shown as spaces.
    private static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : $0
        }))
    }
}
