/// The CSV files of a study: `regret.csv`, `metrics.csv` and `repetitions.csv`.
///
/// Every function is a pure function of the ``SimulationResult``: the same result gives the
/// same bytes, so two runs (or a single run and a merge of shards) can be compared with `cmp`.
/// For that reason nothing time-dependent (wall time, start date) is ever written here; it lives
/// in `summary.json` only.
///
/// Conventions: lines end in `\n` (LF, not RFC 4180's CRLF, because every CSV reader accepts it
/// and diff tools show it cleanly); text fields are quoted per RFC 4180 when they contain a
/// comma, a double quote, CR or LF; numbers use Swift's shortest round-trip form, so a value
/// read back is the identical `Double`, and non-finite values are written `NaN`, `inf`, `-inf`.
public enum CSVReport {
    /// `regret.csv`: one row per policy and checkpoint, for plotting the headline curve.
    ///
    /// The header is `policy,t,mean_regret,stderr,q05,q25,q50,q75,q95` — all taken from each
    /// policy's primary (first) metric — followed by `mean_<name>` for every further metric, in
    /// the order first met across policies. A policy lacking one of those metrics leaves the
    /// cell empty, so studies mixing families still give one rectangular table. Policies that
    /// report no metric at all have nothing to put in a row and are left out.
    public static func regret(_ result: SimulationResult) -> String {
        var extraNames: [String] = []
        for policy in result.policies {
            for series in policy.metrics.dropFirst() where !extraNames.contains(series.metric.name) {
                extraNames.append(series.metric.name)
            }
        }
        var header = ["policy", "t", "mean_regret", "stderr", "q05", "q25", "q50", "q75", "q95"]
        header += extraNames.map { "mean_" + $0 }
        var text = line(header.map(field))
        for policy in result.policies {
            guard let primary = policy.metrics.first else { continue }
            // Further metrics are matched to the primary's rows by round, not position, so a
            // series with different checkpoints cannot silently shift values between rows.
            var extraMeans: [String: [Int: Double]] = [:]
            for series in policy.metrics.dropFirst() where extraMeans[series.metric.name] == nil {
                var byRound: [Int: Double] = [:]
                for summary in series.summaries where byRound[summary.t] == nil { byRound[summary.t] = summary.mean }
                extraMeans[series.metric.name] = byRound
            }
            for summary in primary.summaries {
                var cells = [field(policy.label), "\(summary.t)"] + statistics(summary)
                for name in extraNames {
                    cells.append(extraMeans[name]?[summary.t].map(ReportNumberFormat.exact) ?? "")
                }
                text += line(cells)
            }
        }
        return text
    }

    /// `metrics.csv`: every metric of every policy in long format,
    /// `policy,metric,t,mean,stderr,q05,q25,q50,q75,q95`, one row per (policy, metric,
    /// checkpoint) — the shape tidy-data tools (pandas, R's ggplot2) facet on directly.
    public static func metrics(_ result: SimulationResult) -> String {
        var text = line(["policy", "metric", "t", "mean", "stderr", "q05", "q25", "q50", "q75", "q95"])
        for policy in result.policies {
            let label = field(policy.label)
            for series in policy.metrics {
                let name = field(series.metric.name)
                for summary in series.summaries {
                    text += line([label, name, "\(summary.t)"] + statistics(summary))
                }
            }
        }
        return text
    }

    /// `repetitions.csv`: the raw value of every metric for every repetition at every
    /// checkpoint, `policy,metric,repetition,t,value`.
    ///
    /// Summaries cannot be merged exactly (quantiles of parts do not give the quantile of the
    /// whole), so this file is what lets shards of repetitions, run on different machines, be
    /// combined into the result a single run would have given (``ResultReader``,
    /// ``SimulationResult/merging(_:)``). `repetition` is the repetition's index in the whole
    /// study (0-based; a shard's rows start at its first repetition); rows are ordered by
    /// policy, metric, repetition, then round.
    public static func repetitions(_ result: SimulationResult) -> String {
        var text = line(["policy", "metric", "repetition", "t", "value"])
        for policy in result.policies {
            let label = field(policy.label)
            for series in policy.metrics {
                let name = field(series.metric.name)
                for (offset, row) in series.values.enumerated() {
                    let repetition = result.metadata.firstRepetition + offset
                    for (index, value) in row.enumerated() {
                        let t = round(at: index, of: series, checkpoints: result.checkpoints)
                        text += line([label, name, "\(repetition)", t, ReportNumberFormat.exact(value)])
                    }
                }
            }
        }
        return text
    }

    /// A text field quoted per RFC 4180 §2.6–2.7: only when needed, with inner quotes doubled.
    static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    private static func line(_ cells: [String]) -> String { cells.joined(separator: ",") + "\n" }

    private static func statistics(_ summary: CheckpointSummary) -> [String] {
        [summary.mean, summary.standardError, summary.q05, summary.q25, summary.q50, summary.q75, summary.q95]
            .map(ReportNumberFormat.exact)
    }

    /// The round of column `index`: the series' own summary records it; the study's checkpoint
    /// list is the fallback for a hand-built series without summaries.
    private static func round(at index: Int, of series: MetricSeries, checkpoints: [Int]) -> String {
        if index < series.summaries.count { return "\(series.summaries[index].t)" }
        if index < checkpoints.count { return "\(checkpoints[index])" }
        return ""
    }
}
