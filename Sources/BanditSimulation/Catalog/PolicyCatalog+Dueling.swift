import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: dueling-bandit policies (preference feedback), run on the `dueling` family.
    static let duelingEntries: [Entry] = [
        .dueling(
            name: "rucb",
            summary: "RUCB: relative UCB, c optimistic candidate, d its strongest optimistic rival (Zoghi et al. 2014)",
            parameters: [ParameterDescriptor("alpha", default: "0.51", "α > 0.5, exploration constant (0.51 = the paper's experiments)")]
        ) { arguments, context throws(BanditError) in
            try RUCB(armCount: context.armCount, alpha: arguments.double("alpha"), seed: context.seed)
        },
        .dueling(
            name: "rmed1",
            summary: "RMED1: relative minimum empirical divergence, asymptotically optimal (Komiyama et al. 2015)",
            parameters: [ParameterDescriptor("f", default: "auto", "f(K) ≥ 0 in Jⱼ − J_Î* ≤ ln t + f(K); auto = 0.3·K^1.01 (the paper)")]
        ) { arguments, context throws(BanditError) in
            let text = try arguments.word("f")
            return try RMED1(armCount: context.armCount, offset: text == "auto" ? nil : arguments.double("f"), seed: context.seed)
        },
        .dueling(
            name: "d-ts", aliases: ["dts", "double-thompson"],
            summary: "Double Thompson Sampling: Copeland-UCB-filtered TS for both arms (Wu & Liu 2016)",
            parameters: [ParameterDescriptor("alpha", default: "0.51", "α > 0.5, confidence-bound constant (0.51 = the paper)")]
        ) { arguments, context throws(BanditError) in
            try DoubleThompsonSampling(armCount: context.armCount, alpha: arguments.double("alpha"), seed: context.seed)
        },
    ]
}
