import ArgumentParser
import Bandits

/// `bandit list`: every policy and distribution with its parameters.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every policy and reward distribution with its parameters and defaults.")

    func run() {
        print("Policies (--policy NAME or 'NAME(param=value, …)'):\n")
        for entry in PolicyCatalog.standard.entries {
            print(Self.describe(name: entry.name, aliases: entry.aliases, summary: "[\(entry.family)] " + entry.summary, parameters: entry.parameters))
        }
        print("Distributions (--arm 'NAME(value, …)'):\n")
        for entry in DistributionCatalog.standard.entries {
            print(Self.describe(name: entry.name, aliases: entry.aliases, summary: entry.summary, parameters: entry.parameters))
        }
    }

    static func describe(name: String, aliases: [String], summary: String, parameters: [ParameterDescriptor]) -> String {
        var lines = ["  \(name)" + (aliases.isEmpty ? "" : "  (also: \(aliases.joined(separator: ", ")))"), "      \(summary)"]
        for parameter in parameters {
            let fallback = parameter.defaultValue.map { "default \($0)" } ?? "required"
            lines.append("      \(parameter.name) — \(parameter.summary) [\(fallback)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
