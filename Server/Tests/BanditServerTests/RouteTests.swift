import BanditPolicies
import BanditRuntime
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BanditServer

/// Every route, with its auth failures and malformed input, through the in-process router.
@Suite struct RouteTests {
    static let token = "s3cret-token"
    static let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]

    func withApp(_ test: @escaping @Sendable (any TestClientProtocol, BanditStore) async throws -> Void) async throws {
        let store = try BanditStore(path: nil)
        let app = Application(router: makeRouter(store: store, configuration: ServerConfiguration(token: Self.token, maximumBodyBytes: 4096)))
        try await app.test(.router) { client in try await test(client, store) }
    }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func json<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
    }

    static func create(_ client: any TestClientProtocol, _ json: String = #"{"name":"home","policy":"epsilon-greedy(epsilon=0.2)","arms":3,"seed":7}"#) async throws {
        try await client.execute(uri: "/bandits", method: .post, headers: auth, body: body(json)) { #expect($0.status == .created) }
    }

    @Test func healthAndMetrics() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body) == #"{"status":"ok"}"#)
            }
            try await Self.create(client)
            try await client.execute(uri: "/bandits/home/decisions", method: .post, headers: Self.auth, body: Self.body(#"{"eventID":"a"}"#)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(text.contains(#"bandit_decisions_total{bandit="home"} 1"#))
                #expect(text.contains(#"bandit_pending_decisions{bandit="home"} 1"#))
                #expect(text.contains(#"bandit_http_requests_total{method="POST",route="/bandits",status="201"} 1"#))
            }
        }
    }

    @Test func mutatingRoutesNeedTheToken() async throws {
        try await withApp { client, store in
            let routes: [(String, HTTPRequest.Method, String)] = [
                ("/bandits", .post, #"{"name":"x","policy":"ucb1","arms":2}"#),
                ("/bandits/home", .delete, ""),
                ("/bandits/home/decisions", .post, #"{"eventID":"a"}"#),
                ("/bandits/home/rewards", .post, #"{"eventID":"a","value":1}"#),
            ]
            try await Self.create(client)
            for (uri, method, json) in routes {
                for headers: HTTPFields in [[:], [.authorization: "Bearer wrong"], [.authorization: "Bearer \(Self.token)x"], [.authorization: Self.token]] {
                    try await client.execute(uri: uri, method: method, headers: headers, body: Self.body(json)) { response in
                        #expect(response.status == .unauthorized, "\(method) \(uri) with \(headers)")
                    }
                }
            }
            // Nothing changed.
            let summaries = await store.list()
            #expect(summaries.map(\.name) == ["home"] && summaries[0].decisions == 0 && summaries[0].version == 0)
        }
    }

    @Test func createInspectListSnapshotDelete() async throws {
        try await withApp { client, _ in
            try await Self.create(client)
            try await client.execute(uri: "/bandits", method: .post, headers: Self.auth, body: Self.body(#"{"name":"home","policy":"ucb1","arms":2}"#)) {
                #expect($0.status == .conflict)
            }
            try await client.execute(uri: "/bandits", method: .get) { response in
                let list = try Self.json([BanditSummary].self, response)
                #expect(list.map(\.name) == ["home"] && list[0].policyType == "EpsilonGreedy" && list[0].arms == 3)
            }
            try await client.execute(uri: "/bandits/home", method: .get) { response in
                let summary = try Self.json(BanditSummary.self, response)
                #expect(summary.family == "k-armed" && summary.state?.contains("\"epsilon\":0.2") == true)
            }
            let snapshot = try await client.execute(uri: "/bandits/home/snapshot", method: .get) { Data($0.body.readableBytesView) }
            let restored = try PolicySnapshot.decode(EpsilonGreedy.self, from: snapshot)
            #expect(restored.epsilon == 0.2 && restored.armCount == 3)
            try await client.execute(uri: "/bandits/home", method: .delete, headers: Self.auth) { #expect($0.status == .noContent) }
            for (uri, method) in [("/bandits/home", HTTPRequest.Method.get), ("/bandits/home", .delete), ("/bandits/home/snapshot", .get), ("/bandits/home/log.csv", .get)] {
                try await client.execute(uri: uri, method: method, headers: Self.auth) { #expect($0.status == .notFound, "\(method) \(uri)") }
            }
        }
    }

    @Test func invalidRequestsAreClear4xx() async throws {
        try await withApp { client, store in
            let cases: [(String, String, HTTPResponse.Status, String)] = [
                ("/bandits", "{not json", .badRequest, "malformed-json"),
                ("/bandits", #"{"name":"a","policy":"ucb1"}"#, .badRequest, "arms: missing"),
                ("/bandits", #"{"name":"a","policy":"ucb1","arms":"three"}"#, .badRequest, "arms: expected"),
                ("/bandits", #"{"name":"a b","policy":"ucb1","arms":2}"#, .badRequest, "invalid-name"),
                ("/bandits", #"{"name":"a","policy":"ucb7","arms":2}"#, .badRequest, "unknown policy 'ucb7'"),
                ("/bandits", #"{"name":"a","policy":"ucb1(alpha=-1)","arms":2}"#, .badRequest, "ucb1.alpha"),
                ("/bandits", #"{"name":"a","policy":"ucb1","arms":0}"#, .badRequest, "arms"),
                ("/bandits", #"{"name":"a","policy":"linucb","arms":2}"#, .badRequest, "dimension"),
                ("/bandits", "{\"name\":\"" + String(repeating: "a", count: 5000) + "\"}", .contentTooLarge, "too-large"),
            ]
            for (uri, json, status, fragment) in cases {
                try await client.execute(uri: uri, method: .post, headers: Self.auth, body: Self.body(json)) { response in
                    #expect(response.status == status, "\(json.prefix(60))")
                    #expect(String(buffer: response.body).contains(fragment), "\(String(buffer: response.body))")
                }
            }
            #expect(await store.list().isEmpty)
            try await Self.create(client, #"{"name":"lin","policy":"linucb","arms":2,"dimension":2}"#)
            let decideCases: [(String, String, HTTPResponse.Status)] = [
                ("/bandits/lin/decisions", #"{"eventID":"a"}"#, .badRequest),  // features missing
                ("/bandits/lin/decisions", #"{"eventID":"a","features":[[1,2],[3]]}"#, .badRequest),
                ("/bandits/lin/decisions", #"{"eventID":"a","features":[[1,2,3],[3,4,5]]}"#, .badRequest),
                ("/bandits/lin/decisions", #"{"eventID":"","features":[[1,2],[3,4]]}"#, .badRequest),
                ("/bandits/lin/decisions", #"{"features":[[1,2],[3,4]]}"#, .badRequest),
                ("/bandits/nope/decisions", #"{"eventID":"a"}"#, .notFound),
                ("/bandits/lin/rewards", #"{"eventID":"zz","value":1}"#, .notFound),
                ("/bandits/lin/rewards", #"{"eventID":"zz"}"#, .badRequest),
                ("/bandits/lin/rewards", #"{"rewards":[]}"#, .badRequest),
            ]
            for (uri, json, status) in decideCases {
                try await client.execute(uri: uri, method: .post, headers: Self.auth, body: Self.body(json)) { response in
                    #expect(response.status == status, "\(uri) \(json): \(String(buffer: response.body))")
                }
            }
            let summary = try await store.summary(name: "lin")
            #expect(summary.decisions == 0 && summary.version == 0)
        }
    }

    @Test func decideRewardBatchAndExport() async throws {
        try await withApp { client, store in
            try await Self.create(client)
            var decisions: [Decision] = []
            for i in 0..<6 {
                let decision = try await client.execute(uri: "/bandits/home/decisions", method: .post, headers: Self.auth, body: Self.body(#"{"eventID":"e\#(i)"}"#)) {
                    try Self.json(Decision.self, $0)
                }
                #expect(decision.eventID == "e\(i)" && decision.propensity != nil && decision.policyVersion == 0)
                decisions.append(decision)
            }
            try await client.execute(uri: "/bandits/home/decisions", method: .post, headers: Self.auth, body: Self.body(#"{"eventID":"e0"}"#)) {
                #expect($0.status == .conflict)
            }
            // Out of order, one single and a batch; then a batch with one bad element changes nothing.
            try await client.execute(uri: "/bandits/home/rewards", method: .post, headers: Self.auth, body: Self.body(#"{"eventID":"e5","value":1}"#)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/bandits/home/rewards", method: .post, headers: Self.auth, body: Self.body(#"{"rewards":[{"eventID":"e1","value":0},{"eventID":"nope","value":1}]}"#)) { response in
                #expect(response.status == .notFound && String(buffer: response.body).contains("rewards[1]"))
            }
            #expect(try await store.summary(name: "home").version == 1)
            try await client.execute(uri: "/bandits/home/rewards", method: .post, headers: Self.auth, body: Self.body(#"{"rewards":[{"eventID":"e1","value":0},{"eventID":"e0","value":0.5}]}"#)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/bandits/home/rewards", method: .post, headers: Self.auth, body: Self.body(#"{"eventID":"e0","value":1}"#)) { #expect($0.status == .notFound) }
            let csv = try await client.execute(uri: "/bandits/home/log.csv", method: .get) { String(buffer: $0.body) }
            let lines = csv.split(separator: "\n")
            #expect(lines.first == "event_id,context,arm,propensity,reward" && lines.count == 4)
            #expect(lines[1] == "e5,,\(decisions[5].arm),\(decisions[5].propensity!),1.0")
            #expect(lines[3] == "e0,,\(decisions[0].arm),\(decisions[0].propensity!),0.5")
        }
    }

    @Test func contextualBanditsLogTheirContext() async throws {
        try await withApp { client, _ in
            try await Self.create(client, #"{"name":"lin","policy":"linucb(alpha=0.5)","arms":2,"dimension":2}"#)
            let decision = try await client.execute(uri: "/bandits/lin/decisions", method: .post, headers: Self.auth, body: Self.body(#"{"eventID":"c1","features":[[1,0],[0,1]]}"#)) {
                try Self.json(Decision.self, $0)
            }
            try await client.execute(uri: "/bandits/lin/rewards", method: .post, headers: Self.auth, body: Self.body(#"{"eventID":"c1","value":1}"#)) { #expect($0.status == .ok) }
            let csv = try await client.execute(uri: "/bandits/lin/log.csv", method: .get) { String(buffer: $0.body) }
            #expect(csv.split(separator: "\n")[1] == #"c1,"[[1,0],[0,1]]",\#(decision.arm),1.0,1.0"#)
        }
    }
}
