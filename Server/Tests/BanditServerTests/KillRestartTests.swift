import BanditRuntime
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import BanditServer

/// The real `bandit-server` process, killed with SIGKILL in the middle of a stream of
/// decisions and rewards, then restarted on the same database: every reward it acknowledged
/// is still there.
@Suite(.serialized) struct KillRestartTests {
    static let token = "kill-test-token"

    static var executable: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bandit-server"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/bandit-server"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Server {
        let process: Process
        let base: URL

        static func start(database: String, port: Int) async throws -> Server {
            let process = Process()
            guard let executable = KillRestartTests.executable else {
                throw APIError(.internalServerError, "start", "build bandit-server first (swift build --build-tests)")
            }
            process.executableURL = executable
            process.arguments = ["serve", "--db", database, "--port", "\(port)"]
            process.environment = ["BANDIT_TOKEN": KillRestartTests.token]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let server = Server(process: process, base: URL(string: "http://127.0.0.1:\(port)")!)
            for _ in 0..<200 {
                if let (status, _) = try? await server.request("GET", "/health"), status == 200 { return server }
                try await Task.sleep(for: .milliseconds(50))
            }
            process.terminate()
            throw APIError(.internalServerError, "start", "bandit-server did not come up on port \(port)")
        }

        func request(_ method: String, _ path: String, _ body: String? = nil) async throws -> (Int, Data) {
            var request = URLRequest(url: base.appendingPathComponent(path))
            request.httpMethod = method
            request.setValue("Bearer \(KillRestartTests.token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = body.map { Data($0.utf8) }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test func killNineLosesNoAcknowledgedReward() async throws {
        guard Self.executable != nil else {
            Issue.record("bandit-server executable not found; run swift build --build-tests in Server/")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bandit-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("bandits.sqlite").path
        let port = 20_000 + Int(getpid() % 20_000)

        let first = try await Server.start(database: database, port: port)
        #expect(try await first.request("POST", "/bandits", #"{"name":"k","policy":"thompson","arms":4,"seed":3}"#).0 == 201)
        // Four concurrent clients decide and reward until the server dies under them.
        let acknowledged = await withTaskGroup(of: [String].self) { group in
            for client in 0..<4 {
                group.addTask {
                    var acked: [String] = []
                    for i in 0..<100_000 {
                        let id = "c\(client)-\(i)"
                        guard let (status, _) = try? await first.request("POST", "/bandits/k/decisions", #"{"eventID":"\#(id)"}"#), status == 200 else { break }
                        guard let (rewarded, _) = try? await first.request("POST", "/bandits/k/rewards", #"{"eventID":"\#(id)","value":\#(i % 2)}"#) else { break }
                        if rewarded == 200 { acked.append(id) } else { break }
                    }
                    return acked
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(1500))
                first.kill()
                return []
            }
            var all: [String] = []
            for await part in group { all += part }
            return all
        }
        #expect(acknowledged.count > 20, "the load ran before the kill")

        let second = try await Server.start(database: database, port: port)
        defer { second.process.terminate(); second.process.waitUntilExit() }
        let (_, body) = try await second.request("GET", "/bandits/k")
        let summary = try JSONDecoder().decode(BanditSummary.self, from: body)
        // Every acknowledged reward is in the restored state (a reward whose answer was lost in
        // the kill may be there too, but never fewer).
        #expect(summary.version >= UInt64(acknowledged.count))
        let (_, csv) = try await second.request("GET", "/bandits/k/log.csv")
        let logged = Set(String(decoding: csv, as: UTF8.self).split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(Set(acknowledged).isSubset(of: logged))
        #expect(UInt64(logged.count) == summary.version)
        // Acknowledged events cannot be rewarded twice after the restart.
        if let id = acknowledged.last {
            #expect(try await second.request("POST", "/bandits/k/rewards", #"{"eventID":"\#(id)","value":1}"#).0 == 404)
        }
        // The restored bandit goes on deciding.
        #expect(try await second.request("POST", "/bandits/k/decisions", #"{"eventID":"after"}"#).0 == 200)
    }
}
