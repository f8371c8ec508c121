import BanditCore

/// The bookkeeping of the epoch algorithms (``CRMM``; ``MENU``): an epoch plays one feature
/// vector `length` times and collects its rewards.
///
/// With contexts that change every round, "the same arm" means the same feature vector: an open
/// epoch continues only while some arm of the round carries exactly the epoch's vector (the
/// protocol of Shao et al. 2018 and Xue et al. 2023, where the chosen x is pulled r times; a
/// fixed arm set or contexts held for r rounds provide it). A reward for another vector ends the
/// epoch early; the caller decides what a short epoch means.
struct EpochPlay: Sendable, Hashable, Codable {
    /// r ≥ 1, the pulls of a complete epoch.
    let length: Int
    /// The epoch's feature vector (valid while `rewards` is non-empty).
    private(set) var features: [Double]
    /// The rewards collected in the current epoch.
    private(set) var rewards: [Double]
    /// The arm index the vector had when last played (a fast path for the search).
    private(set) var lastArm = 0
    /// Workspace for medians; not part of the state.
    private var scratch: [Double]

    init(length: Int, dimension: Int) {
        self.length = length
        features = [Double](repeating: 0, count: dimension)
        rewards = []
        rewards.reserveCapacity(length)
        scratch = []
        scratch.reserveCapacity(length)
    }

    /// Whether an epoch has begun and is not complete.
    var isOpen: Bool { !rewards.isEmpty && rewards.count < length }

    /// Whether `x` is the current epoch's vector (or no epoch is under way).
    func accepts(_ x: [Double]) -> Bool { rewards.isEmpty || x == features }

    /// The arm of `round` carrying the epoch's vector, when the epoch is open; O(K·d) at worst.
    func continuingArm(in round: ArmFeatures) -> Int? {
        guard isOpen else { return nil }
        let d = features.count
        return round.withUnsafeBufferPointer { buffer -> Int? in
            func matches(_ arm: Int) -> Bool {
                for i in 0..<d where buffer[arm * d + i] != features[i] { return false }
                return true
            }
            if lastArm < round.armCount && matches(lastArm) { return lastArm }
            for arm in 0..<round.armCount where matches(arm) { return arm }
            return nil
        }
    }

    /// Records one reward for `x` (which the caller checked with ``accepts(_:)``).
    mutating func append(arm: Int, features x: [Double], reward: Double) {
        if rewards.isEmpty {
            for i in features.indices { features[i] = x[i] }
        }
        lastArm = arm
        rewards.append(reward)
    }

    /// Forgets the epoch's rewards (a new epoch starts with the next reward).
    mutating func clear() { rewards.removeAll(keepingCapacity: true) }

    /// The median of the epoch's rewards plus `extra` (the mean of the two middle values for an
    /// even count), by sorting a reused workspace; the rewards are not changed.
    mutating func median(including extra: Double? = nil) -> Double {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: rewards)
        if let extra { scratch.append(extra) }
        precondition(!scratch.isEmpty, "EpochPlay.median of no rewards")
        scratch.sort()
        let n = scratch.count
        return n % 2 == 1 ? scratch[n / 2] : scratch[n / 2 - 1] / 2 + scratch[n / 2] / 2
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.length == rhs.length && lhs.rewards == rhs.rewards && (lhs.rewards.isEmpty || lhs.features == rhs.features)
    }
    func hash(into hasher: inout Hasher) {
        hasher.combine(length)
        hasher.combine(rewards)
    }
}
