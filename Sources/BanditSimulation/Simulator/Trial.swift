import BanditCore

/// What a family of bandit problems plugs into the ``Simulator``: one repetition of one policy
/// on one environment, advanced a round at a time, and the metrics it reports.
///
/// The simulator owns everything else — repetitions, threads, seeding, checkpoints, progress,
/// aggregation and output — so a new family writes only this.
public protocol Trial: SendableMetatype {
    /// Advances one round; rounds are numbered from 1.
    mutating func step(round: Int) throws(BanditError)

    /// Writes the current value of each of the family's metrics, in the order of the job's
    /// ``SimulationJob/metrics``.
    func recordMetrics(into values: UnsafeMutableBufferPointer<Double>)
}

/// A metric a family reports at each checkpoint.
public struct MetricDescriptor: Sendable, Hashable, Codable {
    /// Machine name used in CSV and JSON, e.g. `pseudo_regret`.
    public let name: String
    /// What a person reads on a plot axis.
    public let label: String

    public init(name: String, label: String) {
        self.name = name
        self.label = label
    }

    /// Σₜ Δ(Aₜ): the expected regret given the arms pulled.
    public static let pseudoRegret = MetricDescriptor(name: "pseudo_regret", label: "cumulative pseudo-regret")
    /// t·μ* − Σₜ Xₜ: the regret of the rewards actually collected.
    public static let realizedRegret = MetricDescriptor(name: "realized_regret", label: "cumulative realised regret")
    /// The fraction of rounds so far in which an optimal arm was pulled.
    public static let bestArmFraction = MetricDescriptor(name: "best_arm_fraction", label: "fraction of best-arm pulls")
}
