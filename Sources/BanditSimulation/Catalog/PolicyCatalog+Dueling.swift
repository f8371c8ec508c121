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
        .dueling(
            name: "rmed2",
            summary: "RMED2: RMED1 whose second arm estimates the lower bound's optimal comparison (Komiyama et al. 2015)",
            parameters: [
                ParameterDescriptor("alpha", default: "3", "α > 0, every pair kept at ≥ α ln ln t duels (3 = the paper)"),
                ParameterDescriptor("f", default: "auto", "f(K) ≥ 0 in Jⱼ − J_Î* ≤ ln t + f(K); auto = 0.3·K^1.01 (the paper)"),
            ]
        ) { arguments, context throws(BanditError) in
            let text = try arguments.word("f")
            return try RMED2(
                armCount: context.armCount, alpha: arguments.double("alpha"),
                offset: text == "auto" ? nil : arguments.double("f"), seed: context.seed)
        },
        .dueling(
            name: "rmed2fh",
            summary: "RMED2FH: RMED2 with exploration α ln ln T and comparison arms fixed after it (Komiyama et al. 2015)",
            parameters: [
                ParameterDescriptor("alpha", default: "3", "α > 0, every pair drawn ≥ α ln ln T times first (3 = the paper)"),
                ParameterDescriptor("f", default: "auto", "f(K) ≥ 0 in Jⱼ − J_Î* ≤ ln t + f(K); auto = 0.3·K^1.01 (the paper)"),
            ]
        ) { arguments, context throws(BanditError) in
            let text = try arguments.word("f")
            return try RMED2(
                armCount: context.armCount, alpha: arguments.double("alpha"),
                offset: text == "auto" ? nil : arguments.double("f"), horizon: context.horizon, seed: context.seed)
        },
        .dueling(
            name: "btm", aliases: ["beat-the-mean"],
            summary: "Beat-the-Mean (online): eliminate the arm worst against the working set's mean (Yue & Joachims 2011)",
            parameters: [ParameterDescriptor("gamma", default: "1.2", "γ ≥ 1, relaxed stochastic transitivity (1.2 = the paper's experiments); δ = 1/(2TK)")]
        ) { arguments, context throws(BanditError) in
            try BeatTheMean(armCount: context.armCount, horizon: context.horizon, gamma: arguments.double("gamma"), seed: context.seed)
        },
        .dueling(
            name: "if", aliases: ["if2", "interleaved-filter"],
            summary: "Interleaved Filter 2: a candidate's round robins with pruning, δ = 1/(TK²) (Yue et al. 2012)",
            parameters: []
        ) { _, context throws(BanditError) in
            try InterleavedFilter(armCount: context.armCount, horizon: context.horizon, seed: context.seed)
        },
        .dueling(
            name: "savage",
            summary: "SAVAGE (Condorcet): least-compared pair of candidates until one remains (Urvoy et al. 2013)",
            parameters: [ParameterDescriptor("delta", default: "auto", "failure probability δ ∈ (0, 1); auto = 1/T (the dueling experiments)")]
        ) { arguments, context throws(BanditError) in
            let text = try arguments.word("delta")
            return try SAVAGE(armCount: context.armCount, horizon: context.horizon, delta: text == "auto" ? nil : arguments.double("delta"))
        },
        .dueling(
            name: "rcs",
            summary: "Relative Confidence Sampling: sampled-tournament champion vs its optimistic rival (Zoghi et al. 2014 WSDM)",
            parameters: [ParameterDescriptor("alpha", default: "0.501", "α > 0.5, confidence constant (0.501 = the paper)")]
        ) { arguments, context throws(BanditError) in
            try RCS(armCount: context.armCount, alpha: arguments.double("alpha"), seed: context.seed)
        },
        .dueling(
            name: "ccb",
            summary: "Copeland Confidence Bound: Copeland winners without a Condorcet assumption (Zoghi et al. 2015)",
            parameters: [ParameterDescriptor("alpha", default: "0.51", "α > 0.5, confidence constant")]
        ) { arguments, context throws(BanditError) in
            try CCB(armCount: context.armCount, alpha: arguments.double("alpha"), seed: context.seed)
        },
        .dueling(
            name: "sparring", aliases: ["sparring-ucb"],
            summary: "Sparring with two UCB players, index x̄ + √(α ln n/n) (Ailon, Karnin & Joachims 2014)",
            parameters: [ParameterDescriptor("alpha", default: "2.5", "α > 0 in the players' UCB index (2.5 = the experiments)")]
        ) { arguments, context throws(BanditError) in
            try Sparring.ucb(armCount: context.armCount, alpha: arguments.double("alpha"))
        },
        .dueling(
            name: "sparring-exp3",
            summary: "Sparring with two Exp3 players, γ from Auer et al. 2002 Cor. 3.2 for T (Ailon, Karnin & Joachims 2014)",
            parameters: []
        ) { _, context throws(BanditError) in
            var mixer = SplitMix64(seed: context.seed)
            return try Sparring.exp3(armCount: context.armCount, horizon: context.horizon, seeds: (mixer.next(), mixer.next()))
        },
    ]
}
