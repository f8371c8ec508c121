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

    public init(
        label: String, specification: String, metrics: [MetricDescriptor],
        runRepetition: @escaping @Sendable (Int, [Int], UnsafeMutableBufferPointer<Double>) throws(BanditError) -> Void
    ) {
        self.label = label
        self.specification = specification
        self.metrics = metrics
        self.runRepetition = runRepetition
    }

    /// A job whose repetitions are built by `makeTrial(repetition)`.
    @inlinable
    public static func make<T: Trial>(
        label: String, specification: String, metrics: [MetricDescriptor],
        makeTrial: @escaping @Sendable (Int) throws(BanditError) -> T
    ) -> SimulationJob {
        SimulationJob(label: label, specification: specification, metrics: metrics) {
            (repetition, checkpoints, output) throws(BanditError) in
            var trial = try makeTrial(repetition)
            try runTrial(&trial, checkpoints: checkpoints, output: output, metricCount: metrics.count)
        }
    }
}

/// The one loop every family runs: step to each checkpoint, record the metrics there.
@inlinable
func runTrial<T: Trial>(
    _ trial: inout T, checkpoints: [Int], output: UnsafeMutableBufferPointer<Double>, metricCount: Int
) throws(BanditError) {
    let checkpointCount = checkpoints.count
    var scratch = [Double](repeating: 0, count: metricCount)
    var round = 1
    for (index, checkpoint) in checkpoints.enumerated() {
        while round <= checkpoint {
            try trial.step(round: round)
            round += 1
        }
        scratch.withUnsafeMutableBufferPointer { trial.recordMetrics(into: $0) }
        for metric in 0..<metricCount {
            output[metric * checkpointCount + index] = scratch[metric]
        }
    }
}
