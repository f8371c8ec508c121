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

/// Prints one benchmark result as a JSON object on its own line.
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

/// Whether a benchmark should run: its name contains the first command-line argument (or no
/// argument was given).
func selected(_ name: String) -> Bool {
    guard CommandLine.arguments.count > 1 else { return true }
    return name.contains(CommandLine.arguments[1])
}

/// Cores used by multi-threaded benchmarks.
let benchmarkCores = ProcessInfo.processInfo.activeProcessorCount

/// The ten Bernoulli arms of the K-armed benchmarks (Auer et al. 2002, distribution 12).
let tenBernoulliMeans = [0.9, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6]

/// Simulation throughput of one K-armed policy on `arms` (all cores), as steps per second.
func benchmarkStochastic(
    policy: String, name: String, arms: [Specification] = tenBernoulliMeans.map { Specification(name: "bernoulli", labelled: ["p": $0]) },
    instance: String = "bernoulli-k10", horizon: Int = 10_000, repetitions: Int = 100
) throws {
    let fullName = "simulate/\(name)/\(instance)"
    guard selected(fullName) else { return }
    let scenario = Scenario(
        name: "bench", horizon: horizon, repetitions: repetitions, seed: 1, arms: arms,
        policies: [try Specification(parsing: policy)])
    let study = try Study(scenario: scenario, seed: 1, jobs: benchmarkCores)
    let seconds = try fastest(trials: 5) { _ = try study.run() }
    let steps = Double(horizon * repetitions)
    emit([
        "name": fullName, "value": steps / seconds, "unit": "steps/s",
        "horizon": horizon, "repetitions": repetitions, "threads": benchmarkCores, "seconds": seconds,
    ])
}
