import BanditCore
import Dispatch
import Foundation
import LinearAlgebra
import Synchronization

/// How a study is run: horizon, repetitions, seed, threads.
public struct SimulationSettings: Sendable, Hashable, Codable {
    /// Rounds per repetition, T.
    public var horizon: Int
    /// Independent repetitions per policy.
    public var repetitions: Int
    /// The master seed; every random stream derives from it.
    public var seed: UInt64
    /// Worker threads; results do not depend on it.
    public var jobs: Int
    /// Rounds at which metrics are recorded, sorted, ending at the horizon.
    public var checkpoints: [Int]
    /// When set, only this part of the repetitions runs (see ``RepetitionShard``); its
    /// ``RepetitionShard/totalRepetitions`` equals ``repetitions``.
    public private(set) var shard: RepetitionShard?

    /// The repetitions that run, as indices in the whole study: every one, or the shard's.
    public var repetitionRange: Range<Int> { shard?.repetitions ?? 0..<repetitions }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` for a horizon, repetition
    ///   count or job count below 1.
    public init(horizon: Int, repetitions: Int, seed: UInt64, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                extraCheckpoints: [Int] = [], shard: (index: Int, count: Int)? = nil) throws(BanditError) {
        guard horizon >= 1 else { throw .invalidParameter(name: "horizon", value: "\(horizon)", reason: "must be ≥ 1") }
        guard horizon <= 1 << 40 else { throw .invalidParameter(name: "horizon", value: "\(horizon)", reason: "must be ≤ 2^40") }
        guard repetitions >= 1 else {
            throw .invalidParameter(name: "repetitions", value: "\(repetitions)", reason: "must be ≥ 1")
        }
        guard jobs >= 1 else { throw .invalidParameter(name: "jobs", value: "\(jobs)", reason: "must be ≥ 1") }
        self.horizon = horizon
        self.repetitions = repetitions
        self.seed = seed
        self.jobs = jobs
        checkpoints = Checkpoints.logSpaced(horizon: horizon, including: extraCheckpoints)
        if let shard { self.shard = try RepetitionShard(index: shard.index, count: shard.count, totalRepetitions: repetitions) }
    }
}

/// Receives progress while a study runs (called from worker threads).
public protocol ProgressObserver: Sendable {
    /// `completed` of `total` rounds are done.
    func progress(completed: Int, total: Int)
    /// The study has finished.
    func finish()
}

/// The one simulator that drives every bandit family.
///
/// Work items are (policy, repetition) pairs, handed to `jobs` threads from a shared counter.
/// Each item's output goes to its own slot and aggregation reads slots in repetition order, so
/// the result is bit-identical whatever the number of threads or the order items finish in.
///
/// While a study runs, OpenBLAS is held to one thread per call (restored afterwards): the
/// parallelism is across repetitions.
public enum Simulator {
    /// Runs every job for every repetition of ``SimulationSettings/repetitionRange`` and
    /// aggregates. A shard's repetitions use the same random streams as in a whole run, since
    /// streams are keyed by the repetition's index in the whole study.
    /// - Throws: the first error (in work-item order) that any repetition threw.
    public static func run(
        _ jobs: [SimulationJob], settings: SimulationSettings, metadata: RunMetadata,
        progress: (any ProgressObserver)? = nil
    ) throws(BanditError) -> SimulationResult {
        try run(jobs, settings: settings, metadata: metadata, progress: progress, lockstepWidth: defaultLockstepWidth)
    }

    /// Repetitions stepped together by one thread (see `runTrialGroup`): enough independent
    /// dependency chains to fill the core, few enough that their working sets stay in L1.
    static let defaultLockstepWidth = 2

    /// ``run(_:settings:metadata:progress:)`` with a chosen lockstep width (tests vary it).
    static func run(
        _ jobs: [SimulationJob], settings: SimulationSettings, metadata: RunMetadata,
        progress: (any ProgressObserver)?, lockstepWidth: Int
    ) throws(BanditError) -> SimulationResult {
        let start = Date()
        let checkpoints = settings.checkpoints
        let checkpointCount = checkpoints.count
        let firstRepetition = settings.repetitionRange.lowerBound
        let repetitions = settings.repetitionRange.count
        let offsets = jobs.reduce(into: [0]) { $0.append($0.last! + $1.metrics.count * checkpointCount * repetitions) }
        let storage = SharedOutput(count: offsets.last!)
        defer { storage.deallocate() }
        let itemCount = jobs.count * repetitions
        // Work units are groups of `lockstepWidth` consecutive repetitions of one job (run in
        // lockstep, see `runTrialGroup`) when there are enough to keep every thread busy,
        // otherwise single repetitions. Which is chosen never changes a result, only the speed.
        let unitSize = itemCount >= 8 * max(settings.jobs, 1) ? max(lockstepWidth, 1) : 1
        let unitsPerJob = (repetitions + unitSize - 1) / unitSize
        let unitCount = jobs.count * unitsPerJob
        let nextUnit = Atomic<Int>(0)
        let completedRounds = Atomic<Int>(0)
        let firstError = Mutex<(item: Int, error: BanditError)?>(nil)
        let totalRounds = itemCount * settings.horizon
        let threads = min(settings.jobs, max(unitCount, 1))

        let worker: @Sendable () -> Void = {
            while true {
                let unit = nextUnit.wrappingAdd(1, ordering: .relaxed).oldValue
                guard unit < unitCount else { return }
                let jobIndex = unit / unitsPerJob
                let repetition = (unit % unitsPerJob) * unitSize
                let count = min(unitSize, repetitions - repetition)
                let job = jobs[jobIndex]
                let width = job.metrics.count * checkpointCount
                func slot(_ repetition: Int) -> UnsafeMutableBufferPointer<Double> {
                    storage.slice(offset: offsets[jobIndex] + repetition * width, count: width)
                }
                func fail(_ repetition: Int, _ error: BanditError) {
                    let item = jobIndex * repetitions + repetition
                    firstError.withLock { current in
                        if current == nil || item < current!.item { current = (item, error) }
                    }
                }
                if count > 1, let runGroup = job.runRepetitionGroup {
                    let errors = runGroup(firstRepetition + repetition, checkpoints, (0..<count).map { slot(repetition + $0) })
                    for (lane, error) in errors.enumerated() {
                        if let error { fail(repetition + lane, error) }
                    }
                } else {
                    for offset in 0..<count {
                        do throws(BanditError) {
                            try job.runRepetition(firstRepetition + repetition + offset, checkpoints, slot(repetition + offset))
                        } catch {
                            fail(repetition + offset, error)
                        }
                    }
                }
                let done = completedRounds.wrappingAdd(settings.horizon * count, ordering: .relaxed).newValue
                progress?.progress(completed: done, total: totalRounds)
            }
        }
        // Parallel across work items, so each item's small BLAS calls run on one OpenBLAS thread.
        OpenBLAS.withThreadCount(1) { WorkerThreads.run(count: threads, worker) }
        progress?.finish()
        if let failure = firstError.withLock({ $0 }) { throw failure.error }

        var series: [PolicySeries] = []
        for (jobIndex, job) in jobs.enumerated() {
            var metrics: [MetricSeries] = []
            let width = job.metrics.count * checkpointCount
            for (metricIndex, metric) in job.metrics.enumerated() {
                var values = [[Double]](repeating: [], count: repetitions)
                for repetition in 0..<repetitions {
                    let base = offsets[jobIndex] + repetition * width + metricIndex * checkpointCount
                    values[repetition] = Array(storage.slice(offset: base, count: checkpointCount))
                }
                metrics.append(Self.summarise(metric: metric, checkpoints: checkpoints, values: values))
            }
            series.append(PolicySeries(label: job.label, specification: job.specification, metrics: metrics))
        }
        var finalMetadata = metadata
        finalMetadata.wallTimeSeconds = Date().timeIntervalSince(start)
        finalMetadata.horizon = settings.horizon
        finalMetadata.repetitions = repetitions
        finalMetadata.shard = settings.shard
        finalMetadata.seed = settings.seed
        finalMetadata.jobs = threads
        return SimulationResult(metadata: finalMetadata, checkpoints: checkpoints, policies: series)
    }

    /// Summaries of per-repetition values `values[r][c]`.
    public static func summarise(metric: MetricDescriptor, checkpoints: [Int], values: [[Double]]) -> MetricSeries {
        var summaries: [CheckpointSummary] = []
        summaries.reserveCapacity(checkpoints.count)
        var column = [Double](repeating: 0, count: values.count)
        for (index, t) in checkpoints.enumerated() {
            for repetition in 0..<values.count { column[repetition] = values[repetition][index] }
            summaries.append(CheckpointSummary(t: t, values: column))
        }
        return MetricSeries(metric: metric, summaries: summaries, values: values)
    }
}

/// One allocation shared by all workers; each writes only its own disjoint slice, which is why
/// the unchecked `Sendable` is sound.
private final class SharedOutput: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: .nan, count: max(count, 1))
    }

    func slice(offset: Int, count: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: base + offset, count: count)
    }

    func deallocate() { base.deallocate() }
}

/// Runs a closure on `count` threads (the caller's included) and waits for all of them.
///
/// Plain threads with a blocking join, rather than `DispatchQueue.concurrentPerform`, whose
/// waiting thread spins in `sched_yield` on Linux and steals a core from the workers.
enum WorkerThreads {
    static func run(count: Int, _ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        for _ in 1..<max(count, 1) {
            let thread = Thread {
                body()
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        body()
        for _ in 1..<max(count, 1) { done.wait() }
    }
}
