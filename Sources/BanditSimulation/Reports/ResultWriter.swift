import Foundation

/// Writes every report of a study into one directory.
public enum ResultWriter {
    /// Creates `directory` (and any missing parents) and writes `regret.csv`, `metrics.csv`,
    /// `repetitions.csv`, `summary.json`, `regret.svg` (linear time) and `regret-log.svg`
    /// (logarithmic time), replacing files of those names.
    ///
    /// Each file is written atomically (to a temporary file, then renamed), so an interrupted
    /// run never leaves a truncated CSV that a later merge of shards would silently accept.
    ///
    /// - Parameters:
    ///   - lowerBound: passed to both plots (see ``SVGPlot/regret(_:metric:logarithmicTime:lowerBound:title:)``).
    ///   - title: the plots' heading.
    /// - Returns: the files written, in the order above.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` naming the directory or file that
    ///   failed; files written before the failure are left in place.
    @discardableResult
    public static func write(
        _ result: SimulationResult, to directory: URL, lowerBound: ((Int) -> Double)?, title: String
    ) throws(ReportError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: directory.path, reason: reason(error))
        }
        let files: [(name: String, contents: () -> String)] = [
            ("regret.csv", { CSVReport.regret(result) }),
            ("metrics.csv", { CSVReport.metrics(result) }),
            ("repetitions.csv", { CSVReport.repetitions(result) }),
            ("summary.json", { JSONReport.summary(result) }),
            ("regret.svg", { SVGPlot.regret(result, lowerBound: lowerBound, title: title) }),
            ("regret-log.svg", { SVGPlot.regret(result, logarithmicTime: true, lowerBound: lowerBound, title: title) }),
        ]
        var written: [URL] = []
        for file in files {
            let url = directory.appendingPathComponent(file.name, isDirectory: false)
            do {
                try Data(file.contents().utf8).write(to: url, options: .atomic)
            } catch {
                throw .cannotWrite(path: url.path, reason: reason(error))
            }
            written.append(url)
        }
        return written
    }

    /// The most specific text available: the POSIX message when there is one ("Not a
    /// directory", "Permission denied") rather than Foundation's generic wrapper sentence.
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}
