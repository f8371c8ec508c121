import BanditCore

/// The regret notions of the dueling bandit, with Δᵢ = P[w][i] − ½ against the Condorcet
/// winner w (definitions of Bengs, Busa-Fekete, El Mesaoudi-Paul & Hüllermeier, JMLR 22, 2021,
/// §3.2; the per-duel cost of a duel (i, j)):
/// - `average`: (Δᵢ + Δⱼ)/2 = (P[w][i] + P[w][j] − 1)/2 (Yue et al. 2012; the RUCB, RMED and
///   D-TS experiments);
/// - `strong`: max(Δᵢ, Δⱼ) — both arms must be the winner to pay nothing;
/// - `weak`: min(Δᵢ, Δⱼ) — one winning arm suffices;
/// - `copeland`: (2·cpld(w) − cpld(i) − cpld(j))/2 with normalised Copeland scores
///   cpld(i) = #{j ≠ i : P[i][j] > ½}/(K − 1) and w a Copeland winner (Zoghi et al. 2015); it
///   needs no Condorcet winner.
public enum DuelingRegret: String, Sendable, Hashable, Codable, CaseIterable {
    case average, strong, weak, copeland

    /// The metric reported for this notion, e.g. `average_regret`.
    public var metric: MetricDescriptor {
        MetricDescriptor(name: "\(rawValue)_regret", label: "cumulative \(rawValue) regret")
    }

    /// How the two arms' gaps combine into the cost of one duel.
    @usableFromInline enum Combination: Sendable { case mean, maximum, minimum }

    @usableFromInline var combination: Combination {
        switch self {
        case .average, .copeland: return .mean
        case .strong: return .maximum
        case .weak: return .minimum
        }
    }

    /// Per-arm gaps: Δᵢ = P[w][i] − ½ for the Condorcet notions, cpld(w) − cpld(i) for Copeland
    /// (so that (gᵢ + gⱼ)/2 is the per-duel Copeland regret). Nil when a Condorcet notion has no
    /// Condorcet winner.
    public func gaps(_ matrix: PreferenceMatrix) -> [Double]? {
        if self == .copeland {
            let scores = matrix.normalizedCopelandScores
            let best = scores.max()!
            return scores.map { best - $0 }
        }
        guard let winner = matrix.condorcetWinner else { return nil }
        return (0..<matrix.armCount).map { matrix[winner, $0] - 0.5 }
    }

    /// The cost of duel (i, j) given per-arm gaps.
    @inlinable @inline(__always)
    func cost(_ first: Double, _ second: Double) -> Double {
        switch combination {
        case .mean: return 0.5 * (first + second)
        case .maximum: return Swift.max(first, second)
        case .minimum: return Swift.min(first, second)
        }
    }
}

/// One repetition of a ``DuelingPolicy`` on a ``PreferenceMatrix``: the cumulative regret of
/// each notion in `notions`, in that order.
///
/// The outcome of round t's duel (i, j) is `u < P[i][j]` for one uniform u drawn from the
/// counter stream at (round t, slot 0): every policy in a repetition sees the same coin in the
/// same round (common random numbers), whichever pair it chose.
public struct DuelingTrial<Policy: DuelingPolicy>: Trial {
    @usableFromInline var policy: Policy
    @usableFromInline let matrix: PreferenceMatrix
    @usableFromInline let stream: CounterStream
    /// Gaps of notion m for arm i at `gaps[m * K + i]`.
    @usableFromInline let gaps: [Double]
    @usableFromInline let notions: [DuelingRegret]
    @usableFromInline var regrets: [Double]

    /// - Precondition: every notion has gaps on `matrix` (a Condorcet winner for the Condorcet
    ///   notions); the family checks this when it builds the setting.
    public init(policy: Policy, matrix: PreferenceMatrix, notions: [DuelingRegret], stream: CounterStream) {
        self.policy = policy
        self.matrix = matrix
        self.stream = stream
        self.notions = notions
        gaps = notions.flatMap { notion -> [Double] in
            guard let gaps = notion.gaps(matrix) else { preconditionFailure("\(notion) regret needs a Condorcet winner") }
            return gaps
        }
        regrets = [Double](repeating: 0, count: notions.count)
    }

    @inlinable
    public mutating func step(round: Int) throws(BanditError) {
        let (first, second) = policy.selectPair()
        let armCount = matrix.armCount
        // A user-written policy may return anything; the simulator must not crash on it.
        guard first >= 0 && first < armCount else { throw .unknownArm(arm: first, armCount: armCount) }
        guard second >= 0 && second < armCount else { throw .unknownArm(arm: second, armCount: armCount) }
        var generator = stream.generator(round: round, slot: 0)
        let firstWins = generator.nextUniform() < matrix[first, second]
        try policy.update(first: first, second: second, firstWins: firstWins)
        for index in notions.indices {
            regrets[index] += notions[index].cost(gaps[index * armCount + first], gaps[index * armCount + second])
        }
    }

    @inlinable
    public func recordMetrics(into values: UnsafeMutableBufferPointer<Double>) {
        for index in regrets.indices { values[index] = regrets[index] }
    }

    /// The policy in its current state (for tests and diagnostics).
    public var currentPolicy: Policy { policy }
}
