import BanditRuntime
import Foundation
import Hummingbird

/// How `bandit serve` runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The bearer token every mutating route (POST, PUT, PATCH, DELETE) requires.
    public var token: String
    /// Larger request bodies are refused with 413 before being read.
    public var maximumBodyBytes: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String, maximumBodyBytes: Int = 1 << 20) {
        self.host = host
        self.port = port
        self.token = token
        self.maximumBodyBytes = maximumBodyBytes
    }
}

/// Answers 401 to a mutating request without `Authorization: Bearer <token>`, before any
/// route runs (so nothing changes).
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch request.method {
        case .get, .head, .options: return try await next(request, context)
        default: break
        }
        let presented = request.headers[.authorization].map { Array($0.utf8) } ?? []
        let expected = Array("Bearer ".utf8) + token
        // Length, then every byte, compared without an early exit.
        var difference = presented.count ^ expected.count
        for index in expected.indices { difference |= Int(index < presented.count ? presented[index] ^ expected[index] : 1) }
        guard difference == 0, !token.isEmpty else {
            var response = jsonResponse(.unauthorized, ["error": "unauthorized", "message": "missing or wrong bearer token"])
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }
}

/// Counts every request by route and status for `/metrics`.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            metrics.recordRequest(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status)
            throw error
        }
    }
}

func jsonResponse<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

func errorResponse(_ error: APIError) -> Response {
    jsonResponse(error.status, ["error": error.code, "message": error.message])
}

/// Reads a JSON body of at most `limit` bytes: 413 beyond it, 400 for malformed JSON naming the
/// offending field.
func decodeBody<T: Decodable>(_ type: T.Type, _ request: Request, limit: Int) async throws(APIError) -> T {
    let buffer: ByteBuffer
    do { buffer = try await request.body.collect(upTo: limit) } catch {
        throw APIError(.contentTooLarge, "too-large", "request body exceeds \(limit) bytes")
    }
    do { return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView)) } catch let error as DecodingError {
        throw APIError(.badRequest, "malformed-json", describe(error))
    } catch {
        throw APIError(.badRequest, "malformed-json", "\(error)")
    }
}

private func describe(_ error: DecodingError) -> String {
    func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "body" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case let .keyNotFound(key, context): return "\(path(context.codingPath + [key])): missing"
    case let .typeMismatch(type, context): return "\(path(context.codingPath)): expected \(type)"
    case let .valueNotFound(type, context): return "\(path(context.codingPath)): expected \(type), found null"
    case let .dataCorrupted(context): return "\(path(context.codingPath)): \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
}

/// Runs `body`, turning an ``APIError`` into its JSON response.
func answer(_ body: () async throws(APIError) -> Response) async -> Response {
    do { return try await body() } catch { return errorResponse(error) }
}

/// The router of `bandit serve` (see README for the routes).
public func makeRouter(store: BanditStore, configuration: ServerConfiguration) -> Router<BasicRequestContext> {
    let router = Router()
    let limit = configuration.maximumBodyBytes
    router.add(middleware: MetricsMiddleware(metrics: store.metrics))
    router.add(middleware: BearerTokenMiddleware(token: Array(configuration.token.utf8)))

    router.get("/health") { _, _ in jsonResponse(.ok, ["status": "ok"]) }
    router.get("/metrics") { _, _ in
        let pending = await Dictionary(uniqueKeysWithValues: store.list().map { ($0.name, $0.pending) })
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: .init(byteBuffer: ByteBuffer(string: store.metrics.render(pending: pending))))
    }
    router.get("/bandits") { _, _ in jsonResponse(.ok, await store.list()) }
    router.post("/bandits") { request, _ in
        await answer { () async throws(APIError) -> Response in
            let body = try await decodeBody(CreateBanditRequest.self, request, limit: limit)
            return jsonResponse(.created, try await store.create(body))
        }
    }
    router.get("/bandits/:name") { _, context in
        await answer { () async throws(APIError) -> Response in
            jsonResponse(.ok, try await store.summary(name: context.parameters.get("name") ?? ""))
        }
    }
    router.delete("/bandits/:name") { _, context in
        await answer { () async throws(APIError) -> Response in
            try await store.delete(name: context.parameters.get("name") ?? "")
            return Response(status: .noContent)
        }
    }
    router.post("/bandits/:name/decisions") { request, context in
        await answer { () async throws(APIError) -> Response in
            let body = try await decodeBody(DecideRequest.self, request, limit: limit)
            return jsonResponse(.ok, try await store.decide(name: context.parameters.get("name") ?? "", body))
        }
    }
    router.post("/bandits/:name/rewards") { request, context in
        await answer { () async throws(APIError) -> Response in
            let name = context.parameters.get("name") ?? ""
            // One reward object, or {"rewards": [...]} applied all-or-nothing.
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: limit) } catch {
                throw APIError(.contentTooLarge, "too-large", "request body exceeds \(limit) bytes")
            }
            let data = Data(buffer.readableBytesView)
            if let batch = try? JSONDecoder().decode(RewardBatchRequest.self, from: data) {
                guard !batch.rewards.isEmpty else { throw APIError(.badRequest, "invalid-request", "rewards: empty batch") }
                try await store.reward(name: name, batch.rewards, batch: true)
                return jsonResponse(.ok, ["applied": batch.rewards.count])
            }
            let single: RewardRequest
            do { single = try JSONDecoder().decode(RewardRequest.self, from: data) } catch let error as DecodingError {
                throw APIError(.badRequest, "malformed-json", describe(error))
            } catch { throw APIError(.badRequest, "malformed-json", "\(error)") }
            try await store.reward(name: name, [single], batch: false)
            return jsonResponse(.ok, ["applied": 1])
        }
    }
    router.get("/bandits/:name/snapshot") { _, context in
        await answer { () async throws(APIError) -> Response in
            let data = try await store.snapshot(name: context.parameters.get("name") ?? "")
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
    router.get("/bandits/:name/log.csv") { _, context in
        await answer { () async throws(APIError) -> Response in
            let csv = try await store.exportCSV(name: context.parameters.get("name") ?? "")
            return Response(status: .ok, headers: [.contentType: "text/csv"], body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
    }
    return router
}

/// The application `bandit serve` runs.
public func makeApplication(store: BanditStore, configuration: ServerConfiguration) -> some ApplicationProtocol {
    Application(
        router: makeRouter(store: store, configuration: configuration),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "bandit-serve"))
}
