import ArgumentParser

/// The `bandit` command: simulate bandit policies and list what is available.
@main
struct Bandit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bandit",
        abstract: "Simulate multi-armed bandit policies and compare their regret.",
        discussion: """
            Examples:
              bandit simulate --arm 'bernoulli(0.9)' --arm 'bernoulli(0.8)' --policy ucb1 --policy thompson \\
                  --horizon 10000 --repetitions 200 --seed 7 --output results/two-arms
              bandit simulate Scenarios/Quickstart/ten-armed-bernoulli.yaml --output results/quickstart
              bandit list
            """,
        version: "0.1.0",
        subcommands: [Simulate.self, Merge.self, Reproduce.self, List.self, Serve.self]
    )
}
