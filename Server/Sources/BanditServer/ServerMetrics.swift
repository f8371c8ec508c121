import Synchronization

/// Counters for `GET /metrics`, in the Prometheus text exposition format (version 0.0.4).
/// Hand-written rather than swift-prometheus: a handful of counters does not justify another
/// dependency tree.
public final class ServerMetrics: Sendable {
    private struct Counters {
        var requests: [String: Int] = [:]  // "method route status"
        var decisions: [String: Int] = [:]
        var rewards: [String: Int] = [:]
    }

    private let counters = Mutex(Counters())

    public init() {}

    func recordRequest(method: String, route: String, status: Int) {
        counters.withLock { $0.requests["\(method)\t\(route)\t\(status)", default: 0] += 1 }
    }

    func recordDecision(bandit: String) { counters.withLock { $0.decisions[bandit, default: 0] += 1 } }
    func recordRewards(bandit: String, count: Int) { counters.withLock { $0.rewards[bandit, default: 0] += count } }

    /// The exposition text.
    public func render(pending: [String: Int]) -> String {
        let snapshot = counters.withLock { $0 }
        var text = "# HELP bandit_http_requests_total HTTP requests by method, route and status.\n# TYPE bandit_http_requests_total counter\n"
        for (key, value) in snapshot.requests.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\t", omittingEmptySubsequences: false)
            text += "bandit_http_requests_total{method=\"\(parts[0])\",route=\"\(escape(String(parts[1])))\",status=\"\(parts[2])\"} \(value)\n"
        }
        text += "# HELP bandit_decisions_total Decisions made, by bandit.\n# TYPE bandit_decisions_total counter\n"
        for (bandit, value) in snapshot.decisions.sorted(by: { $0.key < $1.key }) { text += "bandit_decisions_total{bandit=\"\(bandit)\"} \(value)\n" }
        text += "# HELP bandit_rewards_total Rewards learnt, by bandit.\n# TYPE bandit_rewards_total counter\n"
        for (bandit, value) in snapshot.rewards.sorted(by: { $0.key < $1.key }) { text += "bandit_rewards_total{bandit=\"\(bandit)\"} \(value)\n" }
        text += "# HELP bandit_pending_decisions Decisions waiting for a reward, by bandit.\n# TYPE bandit_pending_decisions gauge\n"
        for (bandit, value) in pending.sorted(by: { $0.key < $1.key }) { text += "bandit_pending_decisions{bandit=\"\(bandit)\"} \(value)\n" }
        return text
    }

    private func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
