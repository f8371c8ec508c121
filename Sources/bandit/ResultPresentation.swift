import Bandits
import Foundation

/// How `simulate` and `merge` show a result: the terminal table and chart, then the files.
enum ResultPresentation {
    /// Prints the table and chart (unless `quiet`) and writes every report to `output` when
    /// given, listing the files. The lower-bound overlay and the plots' title come from the
    /// result's metadata, so a merged result draws exactly what the whole run would have.
    static func present(_ result: SimulationResult, quiet: Bool, output: String?) {
        let lowerBound = result.metadata.lowerBoundConstant.map { constant in
            { (t: Int) in constant * Foundation.log(Double(max(t, 1))) }
        }
        if !quiet {
            print(TerminalReport.table(result))
            print(TerminalReport.chart(result))
        }
        guard let output else { return }
        do {
            let files = try ResultWriter.write(
                result, to: URL(fileURLWithPath: output), lowerBound: lowerBound, title: result.metadata.scenarioName)
            for file in files { print("wrote \(file.path)") }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(1)
        }
    }
}
