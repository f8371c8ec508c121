import BanditCore

/// One curve of a study: a labelled policy on an environment, able to run any repetition.
///
/// Create one with ``make(label:specification:metrics:makeTrial:)``: the generic function is
/// specialised for the concrete trial type, so the per-round loop calls the policy and the
/// environment directly — no existential dispatch per step.
public struct SimulationJob: Sendable {
    /// The curve's name in tables, CSV and plots.
    public let label: String
    /// The specification the policy was built from (recorded in run metadata).
    public let specification: String
    /// What each repetition reports, in order.
    public let metrics: [MetricDescriptor]
    /// Runs one repetition, writing metric m at checkpoint c to `output[m * checkpoints.count + c]`.
    let runRepetition: @Sendable (_ repetition: Int, _ checkpoints: [Int], _ output: UnsafeMutableBufferPointer<Double>)
        throws(BanditError) -> Void
    /// Runs the repetitions r, r + 1, … (one per output slot) in lockstep (see
    /// ``runTrialGroup(_:checkpoints:outputs:errors:metricCount:)``), returning each one's error;
    /// `nil` for jobs built without it.
    let runRepetitionGroup: (@Sendable (_ firstRepetition: Int, _ checkpoints: [Int], _ outputs: [UnsafeMutableBufferPointer<Double>]) -> [BanditError?])?

    public init(
        label: String, specification: String, metrics: [MetricDescriptor],
        runRepetition: @escaping @Sendable (Int, [Int], UnsafeMutableBufferPointer<Double>) throws(BanditError) -> Void
    ) {
        self.label = label
        self.specification = specification
        self.metrics = metrics
        self.runRepetition = runRepetition
        runRepetitionGroup = nil
    }

    @usableFromInline
    init(
        label: String, specification: String, metrics: [MetricDescriptor],
        runRepetition: @escaping @Sendable (Int, [Int], UnsafeMutableBufferPointer<Double>) throws(BanditError) -> Void,
        runRepetitionGroup: @escaping @Sendable (Int, [Int], [UnsafeMutableBufferPointer<Double>]) -> [BanditError?]
    ) {
        self.label = label
        self.specification = specification
        self.metrics = metrics
        self.runRepetition = runRepetition
        self.runRepetitionGroup = runRepetitionGroup
    }

    /// A job whose repetitions are built by `makeTrial(repetition)`.
    @inlinable
    public static func make<T: Trial>(
        label: String, specification: String, metrics: [MetricDescriptor],
        makeTrial: @escaping @Sendable (Int) throws(BanditError) -> T
    ) -> SimulationJob {
        SimulationJob(
            label: label, specification: specification, metrics: metrics,
            runRepetition: { (repetition, checkpoints, output) throws(BanditError) in
                var trial = try makeTrial(repetition)
                try runTrial(&trial, checkpoints: checkpoints, output: output, metricCount: metrics.count)
            },
            runRepetitionGroup: { firstRepetition, checkpoints, outputs in
                var errors = [BanditError?](repeating: nil, count: outputs.count)
                var trials: [T] = []
                trials.reserveCapacity(outputs.count)
                for lane in outputs.indices {
                    // A repetition that cannot be built stops the later ones: its error wins
                    // over theirs (work-item order), while the earlier ones' may still win.
                    do throws(BanditError) { trials.append(try makeTrial(firstRepetition + lane)) } catch {
                        errors[lane] = error
                        break
                    }
                }
                runTrialGroup(&trials, checkpoints: checkpoints, outputs: outputs, errors: &errors, metricCount: metrics.count)
                return errors
            })
    }
}

/// The one loop every family runs: step to each checkpoint, record the metrics there.
@inlinable
func runTrial<T: Trial>(
    _ trial: inout T, checkpoints: [Int], output: UnsafeMutableBufferPointer<Double>, metricCount: Int
) throws(BanditError) {
    try resumeTrial(&trial, round: 1, checkpointIndex: 0, checkpoints: checkpoints, output: output, metricCount: metricCount)
}

/// The loop of ``runTrial(_:checkpoints:output:metricCount:)`` from `round`, the next
/// checkpoint being `checkpoints[checkpointIndex]`.
@inlinable
func resumeTrial<T: Trial>(
    _ trial: inout T, round start: Int, checkpointIndex: Int, checkpoints: [Int], output: UnsafeMutableBufferPointer<Double>,
    metricCount: Int
) throws(BanditError) {
    var round = start
    for index in checkpointIndex..<checkpoints.count {
        while round <= checkpoints[index] {
            try trial.step(round: round)
            round += 1
        }
        record(trial, at: index, checkpointCount: checkpoints.count, output: output, metricCount: metricCount)
    }
}

@inlinable
func record<T: Trial>(_ trial: T, at index: Int, checkpointCount: Int, output: UnsafeMutableBufferPointer<Double>, metricCount: Int) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: metricCount) { scratch in
        trial.recordMetrics(into: scratch)
        for metric in 0..<metricCount {
            output[metric * checkpointCount + index] = scratch[metric]
        }
    }
}

/// Independent repetitions stepped in lockstep: round t of each in turn, then t + 1.
///
/// Each trial's step is a dependency chain (decision → reward → update → next decision), so a
/// core runs one trial at a fraction of its width; interleaving several gives the out-of-order
/// core independent chains to overlap. Every trial executes exactly the operations it would
/// alone, so results are bit-identical to ``runTrial(_:checkpoints:output:metricCount:)``.
/// When trial i throws, the later ones stop — their errors could not win, being later in
/// work-item order — and the earlier ones run on, since one of their own later errors would.
/// `errors[i]` receives trial i's error.
@inlinable
func runTrialGroup<T: Trial>(
    _ trials: inout [T], checkpoints: [Int], outputs: [UnsafeMutableBufferPointer<Double>], errors: inout [BanditError?],
    metricCount: Int
) {
    let checkpointCount = checkpoints.count
    var active = trials.count
    var round = 1
    trials.withUnsafeMutableBufferPointer { lanes in
        for index in 0..<checkpointCount {
            while round <= checkpoints[index] && active > 0 {
                var lane = 0
                while lane < active {
                    do throws(BanditError) { try lanes[lane].step(round: round) } catch {
                        errors[lane] = error
                        active = lane
                    }
                    lane &+= 1
                }
                round &+= 1
            }
            for lane in 0..<active {
                record(lanes[lane], at: index, checkpointCount: checkpointCount, output: outputs[lane], metricCount: metricCount)
            }
        }
    }
}
