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
    /// Runs repetitions r and r + 1 in lockstep (see ``runTrialPair(_:_:checkpoints:outputs:metricCount:)``),
    /// returning each one's error; `nil` for jobs built without it.
    let runRepetitionPair: (@Sendable (_ repetition: Int, _ checkpoints: [Int], _ outputs: PairedOutputs) -> PairedErrors)?

    public init(
        label: String, specification: String, metrics: [MetricDescriptor],
        runRepetition: @escaping @Sendable (Int, [Int], UnsafeMutableBufferPointer<Double>) throws(BanditError) -> Void
    ) {
        self.label = label
        self.specification = specification
        self.metrics = metrics
        self.runRepetition = runRepetition
        runRepetitionPair = nil
    }

    @usableFromInline
    init(
        label: String, specification: String, metrics: [MetricDescriptor],
        runRepetition: @escaping @Sendable (Int, [Int], UnsafeMutableBufferPointer<Double>) throws(BanditError) -> Void,
        runRepetitionPair: @escaping @Sendable (Int, [Int], PairedOutputs) -> PairedErrors
    ) {
        self.label = label
        self.specification = specification
        self.metrics = metrics
        self.runRepetition = runRepetition
        self.runRepetitionPair = runRepetitionPair
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
            runRepetitionPair: { repetition, checkpoints, outputs in
                let first: T
                do throws(BanditError) { first = try makeTrial(repetition) } catch { return PairedErrors(first: error, second: nil) }
                var a = first
                var b: T
                do throws(BanditError) { b = try makeTrial(repetition + 1) } catch {
                    // The first repetition's own error, if any, must still win (work-item order).
                    do throws(BanditError) { try runTrial(&a, checkpoints: checkpoints, output: outputs.first, metricCount: metrics.count) } catch {
                        return PairedErrors(first: error, second: nil)
                    }
                    return PairedErrors(first: nil, second: error)
                }
                return runTrialPair(&a, &b, checkpoints: checkpoints, outputs: outputs, metricCount: metrics.count)
            })
    }
}

/// The output slots of two repetitions run together (disjoint slices of the simulator's
/// output, hence the unchecked `Sendable`).
public struct PairedOutputs: @unchecked Sendable {
    public let first: UnsafeMutableBufferPointer<Double>
    public let second: UnsafeMutableBufferPointer<Double>

    @inlinable public init(first: UnsafeMutableBufferPointer<Double>, second: UnsafeMutableBufferPointer<Double>) {
        self.first = first
        self.second = second
    }
}

/// What two repetitions run together threw.
public struct PairedErrors: Sendable {
    public let first: BanditError?
    public let second: BanditError?

    @inlinable public init(first: BanditError?, second: BanditError?) {
        self.first = first
        self.second = second
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

/// Two independent repetitions stepped in lockstep: round t of the first, round t of the
/// second, then t + 1.
///
/// Each trial's step is a dependency chain (decision → reward → update → next decision), so a
/// core runs one trial at a fraction of its width; interleaving two gives the out-of-order
/// core two independent chains to overlap. Every trial executes exactly the operations it
/// would alone, so results are bit-identical to ``runTrial(_:checkpoints:output:metricCount:)``.
/// On an error the pair falls back to what two separate runs would report: when the first
/// throws, the second's error could not win (work-item order) and it stops; when the second
/// throws, the first runs on alone, since its own later error would win.
@inlinable
func runTrialPair<T: Trial>(
    _ a: inout T, _ b: inout T, checkpoints: [Int], outputs: PairedOutputs, metricCount: Int
) -> PairedErrors {
    let checkpointCount = checkpoints.count
    var round = 1
    for index in 0..<checkpointCount {
        while round <= checkpoints[index] {
            do throws(BanditError) { try a.step(round: round) } catch { return PairedErrors(first: error, second: nil) }
            do throws(BanditError) { try b.step(round: round) } catch {
                do throws(BanditError) {
                    try resumeTrial(
                        &a, round: round + 1, checkpointIndex: index, checkpoints: checkpoints, output: outputs.first,
                        metricCount: metricCount)
                } catch let firstError {
                    return PairedErrors(first: firstError, second: nil)
                }
                return PairedErrors(first: nil, second: error)
            }
            round += 1
        }
        record(a, at: index, checkpointCount: checkpointCount, output: outputs.first, metricCount: metricCount)
        record(b, at: index, checkpointCount: checkpointCount, output: outputs.second, metricCount: metricCount)
    }
    return PairedErrors(first: nil, second: nil)
}
