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

/// Wall times of repeated runs of one benchmark body.
struct TrialTimes {
    /// The fastest run, in seconds: the least noisy estimate of the cost on a shared machine.
    var fastest: Double
    /// The median run, in seconds, reported beside it so a lucky minimum shows.
    var median: Double
    /// Runs timed (the warm-up run not counted).
    var count: Int
}

/// Runs `body` once untimed (first-touch page faults, thread start-up, lazily built tables),
/// then at least `minimumTrials` times and until `minimumSeconds` of timed runs have passed.
///
/// Short bodies (the K-armed simulations take about 20 ms on this machine's two cores) get many
/// runs: one run is shorter than the VM's scheduling hiccups, so five would let a single noisy
/// stretch decide the figure.
func timeTrials(minimumTrials: Int = 5, minimumSeconds: Double = 1, _ body: () throws -> Void) rethrows -> TrialTimes {
    try body()
    var times: [Double] = []
    var total = 0.0
    while times.count < minimumTrials || total < minimumSeconds {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        times.append(seconds)
        total += seconds
    }
    times.sort()
    let middle = times.count / 2
    let median = times.count % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2
    return TrialTimes(fastest: times[0], median: median, count: times.count)
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
    let times = try timeTrials { _ = try study.run() }
    let steps = Double(horizon * repetitions)
    emit([
        "name": fullName, "value": steps / times.fastest, "unit": "steps/s", "median": steps / times.median,
        "trials": times.count, "horizon": horizon, "repetitions": repetitions, "threads": benchmarkCores, "seconds": times.fastest,
    ])
}
