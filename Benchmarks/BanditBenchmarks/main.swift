// `make bench`: throughput benchmarks, one JSON object per line.
// `bandit-bench NAME` runs only the benchmarks whose name contains NAME.
import Bandits
import Foundation

do {
    // Parallelism comes from repetitions; OpenBLAS threads would only oversubscribe the cores.
    OpenBLAS.setThreadCount(1)
    try runFoundationBenchmarks()
    try runIndexPolicyBenchmarks()
    try runExplorationBenchmarks()
    try runThompsonSamplingBenchmarks()
    try runLinearBenchmarks()
    try runHeavyTailedBenchmarks()
    try runDuelingBenchmarks()
    try runPureExplorationBenchmarks()
    try runKnapsackBenchmarks()
    try runServiceBenchmarks()
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
