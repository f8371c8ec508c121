// `make bench`: throughput of the simulator, one JSON object per line.
import Bandits
import Foundation

/// Runs `body` `trials` times and returns the fastest wall time in seconds: the minimum is the
/// least noisy estimate of the cost on a shared machine.
func fastest(trials: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<trials {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

func emit(_ fields: KeyValuePairs<String, Any>) {
    let parts = fields.map { key, value -> String in
        switch value {
        case let text as String: return "\"\(key)\":\"\(text)\""
        case let number as Double: return "\"\(key)\":\(number.isFinite ? "\(number)" : "null")"
        default: return "\"\(key)\":\(value)"
        }
    }
    print("{" + parts.joined(separator: ",") + "}")
    fflush(nil)
}

let cores = ProcessInfo.processInfo.activeProcessorCount
let means = [0.9, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6]

/// Benchmarks whose name contains the first command-line argument (all when absent).
let filter = CommandLine.arguments.dropFirst().first

func benchmarkStochastic(policy: String, name: String, horizon: Int = 10_000, repetitions: Int = 100) throws {
    guard filter.map({ name.contains($0) }) ?? true else { return }
    let scenario = Scenario(
        name: "bench", horizon: horizon, repetitions: repetitions, seed: 1,
        arms: means.map { Specification(name: "bernoulli", labelled: ["p": $0]) },
        policies: [try Specification(parsing: policy)])
    let study = try Study(scenario: scenario, seed: 1, jobs: cores)
    let seconds = try fastest(trials: 5) { _ = try study.run() }
    let steps = Double(horizon * repetitions)
    emit([
        "name": "simulate/\(name)/bernoulli-k10", "value": steps / seconds, "unit": "steps/s",
        "horizon": horizon, "repetitions": repetitions, "threads": cores, "seconds": seconds,
    ])
}

do {
    OpenBLAS.setThreadCount(1)
    try benchmarkStochastic(policy: "ucb1", name: "ucb1")
    try benchmarkStochastic(policy: "thompson", name: "thompson-beta")
    try benchmarkStochastic(policy: "epsilon-greedy(epsilon=0.1)", name: "epsilon-greedy")
    try benchmarkStochastic(policy: "gaussian-thompson", name: "thompson-gaussian")
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
