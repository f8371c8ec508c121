import ArgumentParser
import Bandits
import Foundation

/// `bandit merge`: join the output directories of a study's shards.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the output directories of a study's shards into the whole study's result.",
        discussion: """
            Run a study in parts with `bandit simulate … --seed S --shard I/N --output DIR_I` (on any
            machines, in any order), then merge the directories. The merged regret.csv, metrics.csv,
            repetitions.csv and plots are byte-identical to those of one run of the whole study;
            summary.json differs only in wall time, start time, threads and the OpenBLAS kernels
            listed. Shards from different seeds, scenarios or versions, and sets of shards with a
            repetition missing or repeated, are refused with the reason. For example:
              bandit simulate --arm 'bernoulli(0.9)' --arm 'bernoulli(0.8)' --policy ucb1 \\
                  --repetitions 200 --seed 7 --shard 1/2 --output results/part-1
              bandit simulate --arm 'bernoulli(0.9)' --arm 'bernoulli(0.8)' --policy ucb1 \\
                  --repetitions 200 --seed 7 --shard 2/2 --output results/part-2
              bandit merge results/part-1 results/part-2 --output results/whole
            """
    )

    @Argument(help: "The shards' output directories (each holds summary.json and repetitions.csv).")
    var directories: [String]

    @Option(help: "Directory for the merged CSV, JSON and SVG output.")
    var output: String

    @Flag(help: "Print only the file paths, no table or chart.")
    var quiet = false

    func run() throws {
        guard !directories.isEmpty else { throw CommandLineFailure("no directories: pass the shards' output directories") }
        var shards: [SimulationResult] = []
        for directory in directories {
            do { shards.append(try ResultReader.read(directory: URL(fileURLWithPath: directory))) } catch {
                throw CommandLineFailure(error.description)
            }
        }
        let merged: SimulationResult
        do { merged = try SimulationResult.merging(shards) } catch { throw CommandLineFailure(error.description) }
        ResultPresentation.present(merged, quiet: quiet, output: output)
    }
}
