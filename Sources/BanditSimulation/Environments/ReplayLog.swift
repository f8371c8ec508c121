import BanditCore
import Foundation

/// A logged contextual-bandit dataset for off-policy evaluation by replay (Li, Chu, Langford &
/// Schapire 2010, §4 and Algorithm 3; Li, Chu, Langford & Wang 2011, WSDM, "Unbiased Offline
/// Evaluation of Contextual-bandit-based News Article Recommendation Algorithms").
///
/// CSV, one event per line after a header: `arm,reward,propensity,f…` where the d·K feature
/// values list arm 0's d features, then arm 1's, and so on (the column-major layout of
/// ``ArmFeatures``). `propensity` is the logging policy's probability of the logged arm.
public struct ReplayLog: Sendable {
    public let dimension: Int
    public let armCount: Int
    /// d·K features per event, concatenated.
    public let features: [Double]
    public let arms: [Int]
    public let rewards: [Double]
    public let propensities: [Double]
    /// min propensity: events are accepted with probability minPropensity / propensity, which
    /// turns a non-uniform logging policy into the uniform one the replay estimator needs
    /// (rejection sampling); with uniform logging every matching event is accepted.
    public let minimumPropensity: Double

    public var count: Int { arms.count }

    /// Parses CSV text.
    /// - Throws: ``BanditError/invalidScenario(field:reason:)`` naming the line.
    public init(csv text: String, dimension: Int, armCount: Int, field: String = "data") throws(BanditError) {
        var features: [Double] = [], arms: [Int] = [], rewards: [Double] = [], propensities: [Double] = []
        let width = 3 + dimension * armCount
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            if index == 0 && line.lowercased().hasPrefix("arm") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count == width else {
                throw .invalidScenario(field: field, reason: "line \(index + 1): \(fields.count) fields, expected 3 + d·K = \(width)")
            }
            let numbers = fields.map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.allSatisfy({ $0?.isFinite == true }) else {
                throw .invalidScenario(field: field, reason: "line \(index + 1): every field must be a finite number")
            }
            let arm = numbers[0]!, propensity = numbers[2]!
            guard arm == arm.rounded(), arm >= 0, Int(arm) < armCount else {
                throw .invalidScenario(field: field, reason: "line \(index + 1): arm \(arm) is not in 0..<\(armCount)")
            }
            guard propensity > 0, propensity <= 1 else {
                throw .invalidScenario(field: field, reason: "line \(index + 1): propensity \(propensity) is not in (0, 1]")
            }
            arms.append(Int(arm))
            rewards.append(numbers[1]!)
            propensities.append(propensity)
            features.append(contentsOf: numbers[3...].map { $0! })
        }
        guard !arms.isEmpty else { throw .invalidScenario(field: field, reason: "the log has no events") }
        self.dimension = dimension
        self.armCount = armCount
        self.features = features
        self.arms = arms
        self.rewards = rewards
        self.propensities = propensities
        minimumPropensity = propensities.min()!
    }

    /// Reads a CSV file.
    public init(contentsOf url: URL, dimension: Int, armCount: Int, field: String = "data") throws(BanditError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .invalidScenario(field: field, reason: "cannot read \(url.path)")
        }
        try self.init(csv: text, dimension: dimension, armCount: armCount, field: field)
    }
}

extension MetricDescriptor {
    /// Σ rewards of the accepted events (replay).
    public static let replayReward = MetricDescriptor(name: "replay_reward", label: "cumulative replayed reward")
    /// The replay estimate of the per-round reward: accepted reward / accepted events.
    public static let replayMeanReward = MetricDescriptor(name: "replay_mean_reward", label: "replay estimate of the mean reward")
    /// Logged events scanned so far.
    public static let eventsScanned = MetricDescriptor(name: "events_scanned", label: "logged events scanned")
}

/// One repetition of the replay estimator: round t is the t-th *accepted* event — the policy is
/// shown each logged event's features in order; when it picks the logged arm (and the rejection
/// step for non-uniform logging accepts) the event counts and the policy is updated with its
/// reward, otherwise the event is discarded and the policy is not updated (Li et al. 2010,
/// Algorithm 3). The estimate is unbiased for uniformly random logging (Li et al. 2011, Thm 1).
public struct ReplayTrial<Policy: ContextualPolicy>: Trial {
    public static var metrics: [MetricDescriptor] { [.replayMeanReward, .replayReward, .eventsScanned] }

    var policy: Policy
    let log: ReplayLog
    let stream: CounterStream
    var features: ArmFeatures
    var chosen: [Double]
    var cursor = 0
    var accepted = 0
    var total = 0.0

    public init(policy: Policy, log: ReplayLog, stream: CounterStream) {
        self.policy = policy
        self.log = log
        self.stream = stream
        features = ArmFeatures(dimension: log.dimension, armCount: log.armCount)
        chosen = [Double](repeating: 0, count: log.dimension)
    }

    public mutating func step(round: Int) throws(BanditError) {
        let width = log.dimension * log.armCount
        while cursor < log.count {
            let event = cursor
            cursor += 1
            let start = event * width
            log.features.withUnsafeBufferPointer { source in
                features.withUnsafeMutableBufferPointer { target in
                    for i in 0..<width { target[i] = source[start + i] }
                }
            }
            let arm = try policy.selectArm(features: features)
            guard arm == log.arms[event] else { continue }
            var generator = stream.generator(round: event + 1, slot: 0)
            guard generator.nextUniform() * log.propensities[event] < log.minimumPropensity else { continue }
            features.copyColumn(arm, into: &chosen)
            try policy.update(arm: arm, features: chosen, reward: log.rewards[event])
            accepted += 1
            total += log.rewards[event]
            return
        }
        throw .invalidScenario(
            field: "horizon", reason: "the log ran out after \(accepted) accepted events (\(log.count) logged); lower the horizon")
    }

    public func recordMetrics(into values: UnsafeMutableBufferPointer<Double>) {
        values[0] = accepted > 0 ? total / Double(accepted) : 0
        values[1] = total
        values[2] = Double(cursor)
    }
}
