import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: bandits with knapsacks, run on the `knapsack` family.
    static let knapsackEntries: [Entry] = [
        .knapsack(
            name: "primal-dual-bwk", aliases: ["pd-bwk"],
            summary: "PrimalDualBwK: UCB/LCB bang-per-buck with multiplicative-weights resource prices (Badanidiyuru, Kleinberg & Slivkins 2013)",
            parameters: [ParameterDescriptor("gamma", default: "auto", "γ ≥ 0 in rad(ν, N) = √(γν/N) + γ/N; auto = ln(K·d·T)")]
        ) { arguments, context throws(BanditError) in
            try PrimalDualBwK(armCount: context.armCount, budgets: context.budgets, horizon: context.horizon, radiusScale: radiusScale(arguments))
        },
        .knapsack(
            name: "ucb-bwk",
            summary: "UCB-BwK: optimistic LP solved by GLPK each round, sample its distribution (Agrawal & Devanur 2014)",
            parameters: [ParameterDescriptor("gamma", default: "auto", "γ ≥ 0 in rad(ν, N) = √(γν/N) + γ/N; auto = ln(K·d·T)")]
        ) { arguments, context throws(BanditError) in
            try UCBBwK(
                armCount: context.armCount, budgets: context.budgets, horizon: context.horizon,
                radiusScale: radiusScale(arguments), seed: context.seed)
        },
        .knapsack(
            name: "lagrange-bwk",
            summary: "LagrangeBwK: EXP3 on the Lagrangian against Hedge over resources (Immorlica, Sankararaman, Schapire & Slivkins 2019)",
            parameters: []
        ) { _, context throws(BanditError) in
            try LagrangeBwK(armCount: context.armCount, budgets: context.budgets, horizon: context.horizon, seed: context.seed)
        },
        .knapsack(
            name: "replenishable-primal-dual", aliases: ["rpd"],
            summary: "Primal-dual template for replenishable knapsacks: EXP3 primal, projected-gradient dual, void action when a budget < 1 (Bernasconi et al. 2024)",
            parameters: []
        ) { _, context throws(BanditError) in
            try ReplenishablePrimalDual(armCount: context.armCount, budgets: context.budgets, horizon: context.horizon, seed: context.seed)
        },
        .knapsack(
            name: "budget-unaware-ucb1", aliases: ["naive-ucb1"],
            summary: "UCB1 ignoring consumption and budgets: the baseline BwK algorithms must beat (Auer et al. 2002)",
            parameters: [ParameterDescriptor("alpha", default: "1", "α, scale of UCB1's confidence width")]
        ) { arguments, context throws(BanditError) in
            BudgetObliviousPolicy(
                base: try UCB1(armCount: context.armCount, explorationScale: arguments.double("alpha")),
                resourceCount: context.budgets.count)
        },
    ]

    /// γ from a `gamma` argument: nil for `auto`.
    private static func radiusScale(_ arguments: BoundArguments) throws(BanditError) -> Double? {
        try arguments.word("gamma") == "auto" ? nil : arguments.double("gamma")
    }
}
