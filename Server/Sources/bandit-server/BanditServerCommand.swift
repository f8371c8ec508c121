import ArgumentParser
import BanditServer
import Foundation
import Hummingbird

/// `bandit-server serve`: the HTTP service (also started as `bandit serve`).
@main
struct BanditServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bandit-server", abstract: "Hosts named bandits over HTTP/JSON with a durable SQLite log.",
        subcommands: [Serve.self], defaultSubcommand: Serve.self)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve bandits (token from --token-file or $BANDIT_TOKEN).")

    @Option(help: "SQLite database file (created if missing).") var db: String = "bandits.sqlite"
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "File holding the bearer token for mutating routes.") var tokenFile: String?
    @Option(help: "Largest accepted request body, in bytes.") var maxBodyBytes: Int = 1 << 20

    func run() async throws {
        let token: String
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw ValidationError("cannot read token file \(tokenFile)")
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            token = ProcessInfo.processInfo.environment["BANDIT_TOKEN"] ?? ""
        }
        guard !token.isEmpty else { throw ValidationError("no token: pass --token-file or set BANDIT_TOKEN") }
        guard maxBodyBytes > 0, (1...65535).contains(port) else { throw ValidationError("invalid --port or --max-body-bytes") }
        let store = try BanditStore(path: db)
        let configuration = ServerConfiguration(host: host, port: port, token: token, maximumBodyBytes: maxBodyBytes)
        try await makeApplication(store: store, configuration: configuration).runService()
    }
}
