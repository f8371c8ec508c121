import Bandits
import Dispatch
import Foundation

/// Latency of `DecisionService.decide` embedded in-process, with 1, 2 and 8 threads deciding
/// (and rewarding) concurrently on one service: p50 and p99 in µs. Each decision is timed on
/// its own; its reward follows immediately (untimed), so the mutex sees the contention of a
/// service whose every request both decides and learns.
func runServiceBenchmarks() throws {
    let armCount = 10
    var features = [ArmFeatures]()
    var rng = Xoshiro256PlusPlus(seed: 99)
    for _ in 0..<64 {
        features.append(try ArmFeatures(arms: (0..<armCount).map { _ in (0..<20).map { _ in rng.nextUniform() - 0.5 } }))
    }
    try benchmarkDecide(name: "UCB1", policy: try UCB1(armCount: armCount), features: nil)
    try benchmarkDecide(name: "thompson", policy: try BernoulliThompsonSampling(armCount: armCount, seed: 1), features: nil)
    try benchmarkDecide(name: "LinUCB-d20", policy: try LinUCB(armCount: armCount, dimension: 20), features: features)
}

private func benchmarkDecide<P: ServablePolicy>(name: String, policy: P, features: [ArmFeatures]?) throws {
    for threads in [1, 2, 8] {
        let fullName = "service/decide/\(name)/threads-\(threads)"
        guard selected(fullName) else { continue }
        let operations = features == nil ? 50_000 : 10_000
        let service = try DecisionService(policy: policy)
        let ids = (0..<threads).map { thread in (0..<operations).map { "\(thread)-\($0)" } }
        let latencies = LatencyTable(threads: threads, operations: operations)
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            latencies.withRow(thread) { row in
                for operation in 0..<operations {
                    let context = features.map { $0[operation % $0.count] }
                    let before = DispatchTime.now().uptimeNanoseconds
                    guard let decision = try? service.decide(eventID: ids[thread][operation], features: context) else { fatalError("decide failed") }
                    row[operation] = Double(DispatchTime.now().uptimeNanoseconds - before) / 1000
                    let reward = Double((decision.arm + operation) % 2)
                    guard (try? service.reward(eventID: decision.eventID, value: reward)) != nil else { fatalError("reward failed") }
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let sorted = latencies.all.sorted()
        func quantile(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))] }
        emit([
            "name": fullName, "value": quantile(0.5), "unit": "µs p50", "p99_us": quantile(0.99),
            "threads": threads, "operations": threads * operations, "decide_reward_pairs_per_s": Double(threads * operations) / seconds,
        ])
    }
}

/// One row of latencies per thread in one allocation; each thread writes only its own row.
private final class LatencyTable: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Double>
    private let operations: Int

    init(threads: Int, operations: Int) {
        storage = .allocate(capacity: threads * operations)
        storage.initialize(repeating: 0)
        self.operations = operations
    }

    deinit { storage.deallocate() }

    func withRow(_ index: Int, _ body: (inout UnsafeMutableBufferPointer<Double>) -> Void) {
        var row = UnsafeMutableBufferPointer(rebasing: storage[(index * operations)..<((index + 1) * operations)])
        body(&row)
    }

    var all: [Double] { Array(storage) }
}
