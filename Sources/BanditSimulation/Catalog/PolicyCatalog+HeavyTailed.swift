import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: policies for heavy-tailed rewards (Robust UCB).
    static let heavyTailedEntries: [Entry] = [
        .stochastic(
            name: "robust-ucb", aliases: ["robustucb"],
            summary: "Robust UCB: robust mean + its deviation bound at δ = t⁻² (Bubeck, Cesa-Bianchi & Lugosi 2013)",
            parameters: [
                ParameterDescriptor(
                    "estimator", default: "median-of-means",
                    "truncated (Lemma 1), median-of-means (Lemma 2) or catoni (Lemma 3, ε = 1)"),
                ParameterDescriptor("epsilon", default: "1", "ε ∈ (0, 1]: rewards have a finite moment of order 1 + ε"),
                ParameterDescriptor(
                    "u", default: "1",
                    "moment bound u > 0: E|X|^{1+ε} ≤ u (truncated), E|X − μ|^{1+ε} ≤ u (median-of-means), Var X ≤ u (catoni)"),
            ]
        ) { arguments, context throws(BanditError) in
            let name = try arguments.word("estimator")
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
                momentBound: arguments.double("u"))
        },
    ]
}
