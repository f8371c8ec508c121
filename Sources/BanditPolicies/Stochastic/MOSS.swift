import BanditCore
import RealModule

/// MOSS, "Minimax Optimal Strategy in the Stochastic case" (Audibert & Bubeck 2009, "Minimax
/// Policies for Adversarial and Stochastic Bandits", COLT; the MOSS index of its stochastic
/// section, Theorem 5; also JMLR 11 (2010)).
///
/// Pull each arm once; then pull the arm maximising
/// x̄ⱼ + √(max(ln(T/(K·nⱼ)), 0) / nⱼ),
/// where T is the horizon, K the number of arms and nⱼ the pulls of arm j. Theorem 5 bounds the
/// expected regret of rewards in [0, 1] by 49√(TK). After T rounds the formula is kept as is.
/// Ties go to the lowest arm; rewards are not range-checked.
public struct MOSS: BanditPolicy, Hashable, Codable {
    public var armCount: Int { statistics.armCount }
    /// The per-arm estimates.
    public private(set) var statistics: ArmStatistics
    /// T, the horizon the policy is tuned for.
    public let horizon: Int
    /// ln(T/K).
    let logHorizonPerArm: Double

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` if `armCount < 1` or
    ///   `horizon < 1`.
    public init(armCount: Int, horizon: Int) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
        guard horizon >= 1 else {
            throw .invalidParameter(name: "moss.horizon", value: "\(horizon)", reason: "must be ≥ 1")
        }
        statistics = ArmStatistics(armCount: armCount)
        self.horizon = horizon
        logHorizonPerArm = Double.log(Double(horizon) / Double(armCount))
    }

    public mutating func selectArm() -> Int {
        if statistics.hasUnpulledArm, let arm = statistics.firstUnpulledArm { return arm }
        return Self.argmax(statistics, logScale: logHorizonPerArm, widthFactor: 1)
    }

    /// arg max x̄ⱼ + √(w·max(L − ln nⱼ, 0)/nⱼ), shared with ``MOSSAnytime``.
    @inline(__always)
    static func argmax(_ statistics: ArmStatistics, logScale: Double, widthFactor: Double) -> Int {
        let reciprocals = CountReciprocals.shared
        return statistics.withColumns { counts, means, _, inverseRoots in
            var best = 0
            var bestValue = -Double.infinity
            for arm in 0..<means.count {
                let excess = max(logScale - reciprocals.logarithm(of: Int(counts[arm])), 0)
                let value = means[arm] + (widthFactor * excess).squareRoot() * inverseRoots[arm]
                if value > bestValue {
                    bestValue = value
                    best = arm
                }
            }
            return best
        }
    }

    public mutating func update(arm: Int, reward: Double) throws(BanditError) {
        try validate(arm: arm, reward: reward)
        statistics.record(arm: arm, reward: reward)
    }
}
