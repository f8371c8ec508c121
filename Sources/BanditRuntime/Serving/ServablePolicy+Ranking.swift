import BanditCore
import BanditPolicies

/// Arms of `available` sorted by decreasing score, ties to the lower index, NaN last; the
/// first `count`.
func topArms(_ available: [Int], count: Int, score: (Int) -> Double) -> [Int] {
    let scored = available.map { arm -> (arm: Int, score: Double) in
        let value = score(arm)
        return (arm, value.isNaN ? -.infinity : value)
    }
    let sorted = scored.sorted { $0.score > $1.score || ($0.score == $1.score && $0.arm < $1.arm) }
    return sorted.prefix(count).map(\.arm)
}

// Restricted and top-k rules of the policies a service most often runs. Each is the policy's
// own rule applied to the subset; the tests check that on the full set its first arm is the
// arm the policy itself would choose.

extension UCB1 {
    public static var ranksSubsets: Bool { true }

    /// UCB1's index x̄ⱼ + α·√(2 ln n / nⱼ) (Auer et al. 2002, Fig. 1) over the subset, unpulled
    /// arms first. Deterministic: propensity 1.
    public mutating func rankArms(among available: [Int], count: Int, features: ArmFeatures?, using generator: inout Xoshiro256PlusPlus) throws(BanditError) -> ArmRanking? {
        guard features == nil else { throw .invalidParameter(name: "features", value: "present", reason: "UCB1 takes no context") }
        let statistics = statistics
        let width = explorationScale * (2 * statistics.tables.logarithm(of: statistics.totalCount)).squareRoot()
        let arms = statistics.withColumns { counts, means, _, inverseRoots in
            topArms(available, count: count) { arm in
                counts[arm] == 0 ? .infinity : means[arm] + width * inverseRoots[arm]
            }
        }
        return ArmRanking(arms: arms, propensity: 1)
    }
}

extension EpsilonGreedy {
    public static var ranksSubsets: Bool { true }

    /// ε-greedy on the subset: an unpulled arm of the subset first; else with probability ε a
    /// uniform arm of the subset, otherwise its best empirical mean. Its propensity is
    /// ε/|S| + (1 − ε)·[greedy]. Further arms of a top-k slate follow by decreasing mean.
    public mutating func rankArms(among available: [Int], count: Int, features: ArmFeatures?, using generator: inout Xoshiro256PlusPlus) throws(BanditError) -> ArmRanking? {
        guard features == nil else { throw .invalidParameter(name: "features", value: "present", reason: "EpsilonGreedy takes no context") }
        let statistics = statistics
        let byMean = topArms(available, count: available.count) { arm in
            statistics.count(of: arm) == 0 ? .infinity : statistics.mean(of: arm)
        }
        let first: Int
        let propensity: Double
        if statistics.count(of: byMean[0]) == 0 {
            first = byMean[0]
            propensity = 1
        } else {
            let greedy = byMean[0]
            let uniform = epsilon / Double(available.count)
            if generator.nextUniform() < epsilon {
                first = available[generator.nextIndex(below: available.count)]
            } else {
                first = greedy
            }
            propensity = first == greedy ? uniform + (1 - epsilon) : uniform
        }
        let rest = byMean.filter { $0 != first }.prefix(count - 1)
        return ArmRanking(arms: [first] + rest, propensity: propensity)
    }
}

extension BernoulliThompsonSampling {
    public static var ranksSubsets: Bool { true }

    /// Thompson sampling on the subset: one draw θₐ ~ Beta(αₐ/ρ, βₐ/ρ) per arm of the subset
    /// (from the service's stream), arms by decreasing draw. No propensity (see
    /// ``ServablePolicy/propensity(of:features:)``).
    public mutating func rankArms(among available: [Int], count: Int, features: ArmFeatures?, using generator: inout Xoshiro256PlusPlus) throws(BanditError) -> ArmRanking? {
        guard features == nil else { throw .invalidParameter(name: "features", value: "present", reason: "Thompson sampling takes no context") }
        var draws = [Double](repeating: 0, count: armCount)
        let (alphas, betas) = (self.alphas, self.betas)
        for arm in available { draws[arm] = generator.nextBeta(alphas[arm] / reshaping, betas[arm] / reshaping) }
        return ArmRanking(arms: topArms(available, count: count) { draws[$0] }, propensity: nil)
    }
}

extension LinUCB {
    public static var ranksSubsets: Bool { true }
    public static var reportsPropensity: Bool { true }

    /// LinUCB is deterministic given the features: 1 for the arm it picks, 0 for the others.
    public func propensity(of choice: Choice, features: ArmFeatures?) -> Double? {
        guard let features, choice.opponent == nil else { return nil }
        var copy = self
        guard let arm = try? copy.selectArm(features: features) else { return nil }
        return arm == choice.arm ? 1 : 0
    }

    /// LinUCB's upper confidence bounds (Li et al. 2010, eq. 5) over the subset. Deterministic:
    /// propensity 1.
    public mutating func rankArms(among available: [Int], count: Int, features: ArmFeatures?, using generator: inout Xoshiro256PlusPlus) throws(BanditError) -> ArmRanking? {
        guard let features else { throw .invalidParameter(name: "features", value: "none", reason: "LinUCB needs features") }
        let scores = try scores(features: features)
        return ArmRanking(arms: topArms(available, count: count) { scores[$0] }, propensity: 1)
    }
}
