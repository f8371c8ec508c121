import ArgumentParser
import Foundation

/// `bandit serve`: starts the HTTP service, which lives in the nested package `Server/` so
/// that the library and this CLI never build Hummingbird, SwiftNIO or GRDB. This command only
/// finds the `bandit-server` executable and replaces itself with it.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Host named bandits over HTTP/JSON with a durable SQLite log (runs bandit-server).",
        discussion: """
            Build the server once with `make server` (or `swift build -c release --package-path Server`).
            Example: BANDIT_TOKEN=secret bandit serve --db bandits.sqlite --port 8080
            """)

    @Argument(parsing: .captureForPassthrough, help: "Options for bandit-server serve (--db, --host, --port, --token-file, --max-body-bytes).")
    var arguments: [String] = []

    func run() throws {
        let executable = CommandLine.arguments[0]
        let here = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [here.appendingPathComponent("bandit-server").path]
        // From the repository: the nested package's build folders.
        for configuration in ["release", "debug"] {
            candidates.append(FileManager.default.currentDirectoryPath + "/Server/.build/\(configuration)/bandit-server")
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(directory)/bandit-server")
        }
        guard let server = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CommandLineFailure("bandit-server not found next to bandit, in Server/.build or on PATH; build it with `make server`")
        }
        let argv = [server, "serve"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        execv(server, &cArguments)
        throw CommandLineFailure("cannot start \(server): \(String(cString: strerror(errno)))")
    }
}
