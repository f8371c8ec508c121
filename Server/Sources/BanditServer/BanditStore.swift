import BanditCore
import BanditRuntime
import Foundation
import GRDB

/// The bandits a server hosts, and their durable log.
///
/// Durability is a write-ahead *event log* rather than periodic snapshots: every decision (with
/// its context, restriction and chosen arms) and every reward is appended to SQLite in the same
/// actor turn that applies it, and the HTTP answer is sent only after the row is committed.
/// Policies are deterministic functions of their configuration (seed included) and of the
/// sequence of calls, so replaying the log on start-up rebuilds exactly the state — pending
/// decisions included — that every acknowledged request left, even after `kill -9`. Replay
/// checks each logged decision's arms against what the policy chooses again.
///
/// The same log is the off-policy-evaluation export (``exportCSV(name:)``).
public actor BanditStore {
    struct Entry {
        var configuration: CreateBanditRequest
        var bandit: any HostedBandit
    }

    private let database: DatabaseQueue
    private var bandits: [String: Entry] = [:]
    public nonisolated let metrics: ServerMetrics
    let factory: PolicyFactory
    let pendingLimit: Int

    /// Opens (or creates) the database at `path` — `nil` for an in-memory store — and replays
    /// its log.
    public init(path: String?, factory: PolicyFactory = .standard, pendingLimit: Int = 1 << 20, metrics: ServerMetrics = ServerMetrics()) throws {
        let database: DatabaseQueue
        if let path {
            database = try DatabaseQueue(path: path)
            // WAL: a commit is durable once written to the log file, which survives the
            // process being killed; NORMAL sync is what WAL needs for that.
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        } else {
            database = try DatabaseQueue()
        }
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE bandits (
                    name TEXT PRIMARY KEY NOT NULL,
                    configuration TEXT NOT NULL
                );
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    bandit TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('decision', 'reward')),
                    event_id TEXT NOT NULL,
                    arms TEXT,
                    propensity REAL,
                    features TEXT,
                    available TEXT,
                    count INTEGER,
                    arm INTEGER,
                    reward REAL
                );
                CREATE INDEX events_by_bandit ON events (bandit, seq);
                CREATE INDEX events_by_event ON events (bandit, event_id, seq);
                """)
        }
        try migrator.migrate(database)
        self.database = database
        self.factory = factory
        self.pendingLimit = pendingLimit
        self.metrics = metrics
        bandits = try Self.replay(database: database, factory: factory, pendingLimit: pendingLimit)
    }

    // MARK: Recovery

    private static func replay(database: DatabaseQueue, factory: PolicyFactory, pendingLimit: Int) throws -> [String: Entry] {
        try database.read { db in
            var entries: [String: Entry] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, configuration FROM bandits") {
                let configuration = try JSONDecoder().decode(CreateBanditRequest.self, from: Data((row["configuration"] as String).utf8))
                let name: String = row["name"]
                entries[name] = Entry(configuration: configuration, bandit: try make(configuration, factory: factory, pendingLimit: pendingLimit))
            }
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM events ORDER BY seq")
            while let row = try cursor.next() {
                let name: String = row["bandit"]
                guard var entry = entries[name] else { continue }
                let eventID: String = row["event_id"]
                if row["kind"] as String == "decision" {
                    let request = DecideRequest(
                        eventID: eventID, features: try decodeJSON(row["features"]), available: try decodeJSON(row["available"]), count: row["count"])
                    let decision = try apply(request, to: &entry.bandit)
                    let logged: [Int]? = try decodeJSON(row["arms"])
                    guard decision.arms == logged else {
                        throw APIError(.internalServerError, "replay", "bandit '\(name)': replaying event \(eventID) chose \(decision.arms), the log says \(logged ?? [])")
                    }
                } else {
                    try entry.bandit.reward(eventID: eventID, value: row["reward"], arm: row["arm"])
                }
                entries[name] = entry
            }
            return entries
        }
    }

    private static func decodeJSON<T: Decodable>(_ text: String?) throws -> T? {
        guard let text else { return nil }
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    private static func encodeJSON<T: Encodable>(_ value: T?) throws -> String? {
        guard let value else { return nil }
        return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func make(_ configuration: CreateBanditRequest, factory: PolicyFactory, pendingLimit: Int) throws(APIError) -> any HostedBandit {
        let policy: any ServablePolicy
        do {
            policy = try factory.make(configuration.policy, shape: .init(armCount: configuration.arms, dimension: configuration.dimension, seed: configuration.seed ?? 0))
        } catch { throw APIError(error) }
        do { return try host(policy, pendingLimit: pendingLimit) } catch { throw APIError(error) }
    }

    static func apply(_ request: DecideRequest, to bandit: inout any HostedBandit) throws(APIError) -> Decision {
        var features: ArmFeatures?
        if let rows = request.features {
            do { features = try ArmFeatures(arms: rows) } catch { throw APIError(error) }
        }
        do {
            return try bandit.decide(eventID: request.eventID, features: features, among: request.available, count: request.count ?? 1)
        } catch { throw APIError(error) }
    }

    // MARK: Bandits

    static func validate(name: String) throws(APIError) {
        guard (1...64).contains(name.utf8.count),
              name.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) })
        else { throw APIError(.badRequest, "invalid-name", "name must be 1–64 characters of A–Z, a–z, 0–9, '-', '_'") }
    }

    public func create(_ configuration: CreateBanditRequest) throws(APIError) -> BanditSummary {
        try Self.validate(name: configuration.name)
        guard bandits[configuration.name] == nil else {
            throw APIError(.conflict, "bandit-exists", "a bandit named '\(configuration.name)' exists")
        }
        let bandit = try Self.make(configuration, factory: factory, pendingLimit: pendingLimit)
        try write { db in
            try db.execute(sql: "INSERT INTO bandits (name, configuration) VALUES (?, ?)", arguments: [configuration.name, try Self.encodeJSON(configuration)])
        }
        bandits[configuration.name] = Entry(configuration: configuration, bandit: bandit)
        return summary(configuration.name, bandits[configuration.name]!, includeState: false)
    }

    public func delete(name: String) throws(APIError) {
        guard bandits[name] != nil else { throw .unknownBandit(name) }
        try write { db in
            try db.execute(sql: "DELETE FROM events WHERE bandit = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM bandits WHERE name = ?", arguments: [name])
        }
        bandits[name] = nil
    }

    public func list() -> [BanditSummary] {
        bandits.keys.sorted().map { summary($0, bandits[$0]!, includeState: false) }
    }

    public func summary(name: String) throws(APIError) -> BanditSummary {
        guard let entry = bandits[name] else { throw .unknownBandit(name) }
        return summary(name, entry, includeState: true)
    }

    private func summary(_ name: String, _ entry: Entry, includeState: Bool) -> BanditSummary {
        let bandit = entry.bandit
        var state: String?
        if includeState, let data = try? bandit.snapshot(specification: entry.configuration.policy), let (_, bytes) = try? PolicySnapshot.open(data) {
            state = String(decoding: bytes, as: UTF8.self)
        }
        return BanditSummary(
            name: name, policy: entry.configuration.policy, policyType: bandit.policyTypeName, family: bandit.family.rawValue,
            arms: bandit.armCount, dimension: entry.configuration.dimension, version: bandit.version,
            decisions: bandit.decisionCount, pending: bandit.pendingCount, state: state)
    }

    // MARK: Decisions and rewards

    public func decide(name: String, _ request: DecideRequest) throws(APIError) -> Decision {
        guard var entry = bandits[name] else { throw .unknownBandit(name) }
        // Decide on the hosted state, log, then keep: if the log write fails the in-memory
        // state is rebuilt from the log, so memory never gets ahead of what is durable.
        let decision = try Self.apply(request, to: &entry.bandit)
        do {
            try write { db in
                try db.execute(
                    sql: "INSERT INTO events (bandit, kind, event_id, arms, propensity, features, available, count) VALUES (?, 'decision', ?, ?, ?, ?, ?, ?)",
                    arguments: [name, request.eventID, try Self.encodeJSON(decision.arms), decision.propensity,
                                try Self.encodeJSON(request.features), try Self.encodeJSON(request.available), request.count])
            }
        } catch {
            try reload()
            throw error
        }
        bandits[name] = entry
        metrics.recordDecision(bandit: name)
        return decision
    }

    public func reward(name: String, _ rewards: [RewardRequest], batch: Bool) throws(APIError) {
        guard var entry = bandits[name] else { throw .unknownBandit(name) }
        // The arm each reward is for, resolved before applying (a top-k reward without `arm`
        // is for the first arm), so the log replays unambiguously.
        let arms = rewards.map { reward in reward.arm ?? entry.bandit.pendingArms(of: reward.eventID)?.first }
        do {
            if batch {
                try entry.bandit.reward(rewards)
            } else {
                try entry.bandit.reward(eventID: rewards[0].eventID, value: rewards[0].value, arm: rewards[0].arm)
            }
        } catch { throw APIError(error) }
        do {
            try write { db in
                for (reward, arm) in zip(rewards, arms) {
                    try db.execute(
                        sql: "INSERT INTO events (bandit, kind, event_id, arm, reward) VALUES (?, 'reward', ?, ?, ?)",
                        arguments: [name, reward.eventID, arm, reward.value])
                }
            }
        } catch {
            try reload()
            throw error
        }
        bandits[name] = entry
        metrics.recordRewards(bandit: name, count: rewards.count)
    }

    public func snapshot(name: String) throws(APIError) -> Data {
        guard let entry = bandits[name] else { throw .unknownBandit(name) }
        do { return try entry.bandit.snapshot(specification: entry.configuration.policy) } catch {
            throw APIError(.internalServerError, "snapshot", error.description)
        }
    }

    /// Every rewarded decision of bandit `name` as CSV: `event_id,context,arm,propensity,reward`,
    /// where `context` is the decision's features as JSON (empty for non-contextual bandits) and
    /// `propensity` is empty where the policy defines none (or for arms after the first of a
    /// top-k decision).
    public func exportCSV(name: String) throws(APIError) -> String {
        guard bandits[name] != nil else { throw .unknownBandit(name) }
        do {
            return try database.read { db in
                var csv = "event_id,context,arm,propensity,reward\n"
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT r.event_id AS event_id, d.features AS features, d.arms AS arms, r.arm AS arm,
                           d.propensity AS propensity, r.reward AS reward
                    FROM events r JOIN events d ON d.seq = (
                        SELECT MAX(seq) FROM events
                        WHERE bandit = r.bandit AND event_id = r.event_id AND kind = 'decision' AND seq < r.seq)
                    WHERE r.bandit = ? AND r.kind = 'reward'
                    ORDER BY r.seq
                    """, arguments: [name])
                while let row = try rows.next() {
                    let arm: Int = row["arm"]
                    let arms: [Int] = try Self.decodeJSON(row["arms"]) ?? []
                    let propensity: Double? = arms.first == arm ? row["propensity"] : nil
                    let context: String = row["features"] ?? ""
                    let eventID: String = row["event_id"]
                    let reward: Double = row["reward"]
                    csv += "\(Self.csvField(eventID)),\(Self.csvField(context)),\(arm),\(propensity.map { "\($0)" } ?? ""),\(reward)\n"
                }
                return csv
            }
        } catch { throw APIError(.internalServerError, "database", "\(error)") }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Database

    private func write(_ body: (Database) throws -> Void) throws(APIError) {
        do { try database.write(body) } catch let error as APIError { throw error } catch {
            throw APIError(.internalServerError, "database", "\(error)")
        }
    }

    /// Rebuilds every bandit from the log (after a failed write).
    private func reload() throws(APIError) {
        do { bandits = try Self.replay(database: database, factory: factory, pendingLimit: pendingLimit) } catch {
            throw APIError(.internalServerError, "database", "\(error)")
        }
    }
}
