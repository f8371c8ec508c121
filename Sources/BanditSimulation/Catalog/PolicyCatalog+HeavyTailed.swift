import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: policies for heavy-tailed rewards — Robust UCB (K arms) and the
    /// heavy-tailed (generalised) linear bandits of ``heavyTailedLinearEntries``.
    static let heavyTailedEntries: [Entry] = robustUCBEntries + heavyTailedLinearEntries

    /// Robust UCB with its three estimators; `u=auto` reads the moment bound off the arms.
    static let robustUCBEntries: [Entry] = [
        resolvingAutomaticMomentBound(.stochastic(
            name: "robust-ucb", aliases: ["robustucb"],
            summary: "Robust UCB: robust mean + its deviation bound at δ = t⁻² (Bubeck, Cesa-Bianchi & Lugosi 2013)",
            parameters: [
                ParameterDescriptor(
                    "estimator", default: "median-of-means",
                    "truncated (Lemma 1), median-of-means (Lemma 2) or catoni (Lemma 3, ε = 1)"),
                ParameterDescriptor("epsilon", default: "1", "ε ∈ (0, 1]: rewards have a finite moment of order 1 + ε"),
                ParameterDescriptor(
                    "u", default: "1",
                    "moment bound u > 0: E|X|^{1+ε} ≤ u (truncated), E|X − μ|^{1+ε} ≤ u (median-of-means), Var X ≤ u (catoni); auto: the largest over the arms (HeavyTailMoments)"),
                ParameterDescriptor(
                    "schedule", default: "per-round",
                    "per-round: δ = t⁻² (the paper); doubling: δ = τ⁻², τ the next power of two ≥ t (O(1) amortised truncated mean)"),
            ]
        ) { arguments, context throws(BanditError) in
            let name = try arguments.word("estimator")
            let scheduleName = try arguments.word("schedule")
            guard let schedule = RobustUCB.ConfidenceSchedule(rawValue: scheduleName) else {
                throw .invalidParameter(name: "robust-ucb.schedule", value: scheduleName, reason: "expected per-round or doubling")
            }
            let estimator: RobustUCB.Estimator
            switch name {
            case "truncated", "truncated-mean": estimator = .truncatedMean
            case "median-of-means", "mom": estimator = .medianOfMeans
            case "catoni": estimator = .catoni
            default:
                throw .invalidParameter(
                    name: "robust-ucb.estimator", value: name, reason: "expected truncated, median-of-means or catoni")
            }
            return try RobustUCB(
                armCount: context.armCount, estimator: estimator, epsilon: arguments.double("epsilon"),
                momentBound: arguments.double("u"), schedule: schedule)
        }),
    ]

    /// Wraps Robust UCB's entry so that `u=auto` becomes the largest moment bound the arms
    /// report (``HeavyTailMoments``): raw E|X|^{1+ε} for the truncated mean, centred
    /// E|X − μ|^{1+ε} for median of means, the variance (order 2) for Catoni. The resolved value
    /// is what the run's metadata records.
    static func resolvingAutomaticMomentBound(_ base: Entry) -> Entry {
        Entry(name: base.name, aliases: base.aliases, family: base.family, summary: base.summary, parameters: base.parameters) {
            (label: String, arguments: BoundArguments, setting: any FamilySetting) throws(BanditError) -> SimulationJob in
            guard try arguments.word("u") == "auto" else { return try base.makeJob(label, arguments, setting) }
            guard let stochastic = setting as? StochasticSetting, stochastic.prior == nil else {
                throw .invalidParameter(name: "\(base.name).u", value: "auto", reason: "auto needs a fixed list of arms")
            }
            let estimator = try arguments.word("estimator")
            let order = estimator == "catoni" ? 2 : 1 + (try arguments.double("epsilon"))
            var bound = 0.0
            for (index, arm) in stochastic.arms.enumerated() {
                let bounds = AnyRewardDistribution(arm).momentBounds(order: order)
                guard let value = (estimator == "truncated" || estimator == "truncated-mean") ? bounds.raw : bounds.central,
                      value.isFinite else {
                    throw .invalidParameter(
                        name: "\(base.name).u", value: "auto",
                        reason: "arm \(index) (\(arm)) reports no finite moment of order \(order)")
                }
                bound = Swift.max(bound, value)
            }
            return try base.makeJob(label, try replacing("u", with: bound, in: arguments, parameters: base.parameters), setting)
        }
    }
}
