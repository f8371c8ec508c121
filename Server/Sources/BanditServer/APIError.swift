import BanditCore
import BanditRuntime
import Hummingbird

/// An error answered to an HTTP client: a status and a JSON body `{"error": code, "message": …}`.
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func unknownBandit(_ name: String) -> APIError { APIError(.notFound, "unknown-bandit", "no bandit named '\(name)'") }

    /// The HTTP reading of a ``ServiceError``: unknown ids are 404, conflicts 409, the rest 4xx
    /// validation errors.
    init(_ error: ServiceError) {
        switch error {
        case .unknownEvent: self.init(.notFound, "unknown-event", error.description)
        case .duplicateEvent, .alreadyRewarded: self.init(.conflict, "conflict", error.description)
        case .armRemoved: self.init(.gone, "arm-removed", error.description)
        case .unsupported: self.init(.unprocessableContent, "unsupported", error.description)
        case let .batch(index, inner):
            let innerError = APIError(inner)
            self.init(innerError.status, innerError.code, "rewards[\(index)]: \(inner.description) (nothing applied)")
        case .snapshot: self.init(.internalServerError, "snapshot", error.description)
        default: self.init(.badRequest, "invalid-request", error.description)
        }
    }

    init(_ error: BanditError) { self.init(.badRequest, "invalid-request", error.description) }
}
