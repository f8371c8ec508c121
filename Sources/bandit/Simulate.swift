import ArgumentParser
import Bandits
import Foundation

/// `bandit simulate`: run a study from flags or a scenario file.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate policies on a bandit instance and report their regret.",
        discussion: """
            Give either a scenario file (see Scenarios/README.md) or arms and policies as flags.
            Arms are distributions written name(parameters), e.g. 'bernoulli(0.9)' or
            'gaussian(mean=1, sd=0.5)'; policies are names with optional parameters, e.g. ucb1 or
            'epsilon-greedy(epsilon=0.05)'. Run `bandit list` for every name and parameter.

            Results are printed as a table and a chart; with --output DIR they are also written
            as regret.csv, metrics.csv, repetitions.csv, summary.json, regret.svg and regret-log.svg.
            The same seed gives bit-identical results whatever --jobs is.
            """
    )

    @Argument(help: "A scenario file (YAML). Omit it to describe the study with --arm and --policy.")
    var scenarioFile: String?

    @Option(name: .customLong("arm"), help: "An arm's reward distribution, e.g. 'bernoulli(0.9)'. Repeat for each arm.")
    var arms: [String] = []

    @Option(name: .customLong("policy"), help: "A policy, e.g. ucb1 or 'epsilon-greedy(epsilon=0.05)'. Repeat to compare.")
    var policies: [String] = []

    @Option(help: "The bandit family (flags mode): stochastic (default when --arm is given), contextual, …")
    var family: String?

    @Option(help: ArgumentHelp(
        "A preference matrix file for a dueling run (flags mode; implies --family dueling): '#' comments, then row i = Pr(arm i beats arm j).",
        valueName: "file"))
    var preferenceMatrix: String?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "A family-specific environment setting, KEY=VALUE with VALUE in YAML syntax, e.g. --set dimension=20. Repeat for each key.",
        valueName: "key=value"))
    var environmentSettings: [String] = []

    @Option(name: .customLong("resource-budget"), help: "A resource's budget Bⱼ for the knapsack family (same as --set budgets=[…]). Repeat for each resource.")
    var resourceBudgets: [Double] = []

    @Option(help: "Rounds per repetition, T (flags mode; default 10000).")
    var horizon: Int?

    @Option(help: "Pure exploration, fixed budget: the largest budget T (the pure_exploration family; curves cover budgets up to T).")
    var budget: Int?

    @Option(help: "Pure exploration, fixed confidence: δ for LUCB-type policies (the pure_exploration family; --horizon caps the samples).")
    var confidence: Double?

    @Option(help: "Independent repetitions per policy (flags mode; default 100).")
    var repetitions: Int?

    @Option(help: "Master seed. When omitted (and the scenario has none) a seed is drawn and printed.")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var jobs: Int?

    @Option(help: "Directory for CSV, JSON and SVG output.")
    var output: String?

    @Option(help: ArgumentHelp(
        "Run only part I of N of the repetitions, e.g. 2/4, to spread a study over machines; `bandit merge` joins the parts' output directories into exactly the whole run's result. Needs --seed (or a scenario seed) and --output.",
        valueName: "I/N"))
    var shard: String?

    @Flag(help: "Print only the seed and file paths, no table or chart.")
    var quiet = false

    @Flag(inversion: .prefixedNo, help: "Show a progress bar on stderr for runs longer than a second (only on a terminal).")
    var progress = true

    func run() throws {
        let scenario = try makeScenario()
        let (seed, drawn) = resolveSeed(scenario)
        let part = try resolveShard(scenario, seedWasDrawn: drawn)
        let study: Study
        do {
            study = try Study(
                scenario: scenario, seed: seed, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                shard: part.map { ($0.index, $0.count) })
        } catch {
            throw CommandLineFailure(describe(error, flags: scenarioFile == nil))
        }
        // Printed only once the study is valid, so an error stays a single line.
        if drawn { FileHandle.standardError.write(Data("seed: \(seed) (drawn; pass --seed \(seed) to repeat this run)\n".utf8)) }
        let bar = progress ? ProgressBar.forStandardError() : nil
        let result = try study.run(progress: bar)
        ResultPresentation.present(result, quiet: quiet, output: output)
    }

    func makeScenario() throws -> Scenario {
        if let scenarioFile {
            guard arms.isEmpty && policies.isEmpty && resourceBudgets.isEmpty else {
                throw CommandLineFailure("give either a scenario file or --arm/--policy/--resource-budget, not both")
            }
            var scenario = try Scenario(contentsOf: URL(fileURLWithPath: scenarioFile))
            try checkPureExplorationFlags(family: scenario.family)
            if let budget { scenario.horizon = budget }
            if let confidence { scenario.environment["confidence"] = .number(confidence) }
            if let horizon { scenario.horizon = horizon }
            if let repetitions { scenario.repetitions = repetitions }
            return scenario
        }
        let family = self.family ?? (preferenceMatrix != nil ? "dueling" : !resourceBudgets.isEmpty ? "knapsack"
            : budget != nil || confidence != nil ? "pure_exploration" : "stochastic")
        if preferenceMatrix != nil && family != "dueling" {
            throw CommandLineFailure("--preference-matrix describes a dueling bandit; it cannot be used with --family \(family)")
        }
        try checkPureExplorationFlags(family: family)
        guard FamilyCatalog.standard.family(named: family) != nil else {
            throw CommandLineFailure("unknown --family '\(family)' (known: \(FamilyCatalog.standard.families.map(\.name).joined(separator: ", ")))")
        }
        if family == "stochastic" || family == "pure_exploration" {
            guard !arms.isEmpty || !environmentSettings.isEmpty else {
                throw CommandLineFailure("no arms: pass --arm at least once, --set prior=…, or a scenario file")
            }
        } else if !arms.isEmpty {
            throw CommandLineFailure("--arm describes stochastic arms; the \(family) family takes --set KEY=VALUE")
        }
        guard !policies.isEmpty else { throw CommandLineFailure("no policies: pass --policy at least once (or a scenario file)") }
        let horizon = budget ?? self.horizon ?? 10_000
        let repetitions = self.repetitions ?? 100
        guard horizon >= 1 else { throw CommandLineFailure("--horizon must be at least 1") }
        guard repetitions >= 1 else { throw CommandLineFailure("--repetitions must be at least 1") }
        var environment: [String: ScenarioValue] = [:]
        if !arms.isEmpty { environment["arms"] = .list(arms.map { .text($0) }) }
        if let preferenceMatrix { environment["preference_file"] = .text(preferenceMatrix) }
        if let confidence { environment["confidence"] = .number(confidence) }
        if !resourceBudgets.isEmpty { environment["budgets"] = .list(resourceBudgets.map { .number($0) }) }
        for setting in environmentSettings {
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                throw CommandLineFailure("--set '\(setting)': expected KEY=VALUE")
            }
            let key = String(setting[..<equals])
            let value = try ScenarioValue(yamlScalar: String(setting[setting.index(after: equals)...]))
            environment[key] = value
        }
        return Scenario(
            name: "command-line", family: family, horizon: horizon, repetitions: repetitions, seed: nil,
            environment: environment,
            policies: try policies.map { text throws(BanditError) in try Specification(parsing: text) },
            expectations: [])
    }

    /// `--budget` and `--confidence` belong to the pure_exploration family; `--budget` is the
    /// horizon under another name, so both cannot be given.
    func checkPureExplorationFlags(family: String) throws {
        guard budget != nil || confidence != nil else { return }
        guard family == "pure_exploration" else {
            throw CommandLineFailure("--budget and --confidence apply to the pure_exploration family, not \(family)")
        }
        if let budget, budget < 1 { throw CommandLineFailure("--budget must be at least 1") }
        if let confidence, !(confidence > 0 && confidence < 1) { throw CommandLineFailure("--confidence must lie in (0, 1)") }
        if budget != nil && horizon != nil { throw CommandLineFailure("give --budget or --horizon, not both") }
    }

    /// Names the flag rather than the scenario field when the study came from flags.
    func describe(_ error: BanditError, flags: Bool) -> String {
        guard flags, case let .invalidScenario(field, reason) = error else { return error.description }
        if let preferenceMatrix, field.hasPrefix("preference_file") {
            return "--preference-matrix '\(preferenceMatrix)': \(field.dropFirst("preference_file".count)) \(reason)"
        }
        for (prefix, flag, values) in [("arms[", "--arm", arms), ("policies[", "--policy", policies)] where field.hasPrefix(prefix) {
            if let index = Int(field.dropFirst(prefix.count).dropLast()), values.indices.contains(index) {
                return "\(flag) '\(values[index])': \(reason)"
            }
        }
        return error.description
    }

    /// The `--shard` part, checked against the study's repetitions. Every shard must use the
    /// same seed, so a drawn one — different in each process — is refused.
    func resolveShard(_ scenario: Scenario, seedWasDrawn: Bool) throws -> RepetitionShard? {
        guard let shard else { return nil }
        let part: RepetitionShard
        do { part = try RepetitionShard(parsing: shard, totalRepetitions: scenario.repetitions) } catch {
            guard case let .invalidParameter(_, _, reason) = error else { throw CommandLineFailure(error.description) }
            throw CommandLineFailure("--shard '\(shard)': \(reason)")
        }
        guard !seedWasDrawn else {
            throw CommandLineFailure("--shard needs a fixed seed shared by every shard: pass --seed (or set seed: in the scenario)")
        }
        guard output != nil else { throw CommandLineFailure("--shard needs --output DIR: `bandit merge` reads the shards' directories") }
        return part
    }

    func resolveSeed(_ scenario: Scenario) -> (UInt64, drawn: Bool) {
        if let seed { return (seed, false) }
        if let fixed = scenario.seed { return (fixed, false) }
        var system = SystemRandomNumberGenerator()
        // Kept below 2^53 so the seed survives a round trip through JSON tools as a number.
        return (system.next() >> 11, true)
    }
}
