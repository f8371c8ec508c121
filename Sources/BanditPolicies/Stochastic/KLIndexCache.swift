import BanditCore
import RealModule

/// The arg-max of KL upper-confidence indices Uⱼ = sup{q ≥ μ̂ⱼ : Nⱼ·d(μ̂ⱼ, q) ≤ δⱼ(t)}, found
/// without solving for every arm at every step — the engine shared by ``KLUCB`` and
/// ``KLUCBPlus``.
///
/// Between two pulls of arm j its mean and count are fixed and only the level δⱼ(t) grows, so
/// Uⱼ is a nondecreasing, concave function of δⱼ (``KLDivergence/indexSlope(mean:count:index:)``).
/// For each arm the cache keeps the index computed at some level δ⁰ⱼ ≤ δⱼ(t), which is a lower
/// bound of the current index, and its slope there, whose tangent is an upper bound. A decision
/// solves for the arm with the largest upper bound only when its lower bound does not already
/// beat every other arm's upper bound, and for another arm only when its upper bound reaches the
/// best exact index found. The decision is therefore the arg-max of the exact indices (up to
/// the ~10⁻¹² accuracy of the solver), at the cost of K multiply-adds and, typically, one
/// warm-started solve for the arm just pulled.
struct KLIndexCache: Sendable, Hashable, Codable {
    let divergence: KLDivergence
    let armCount: Int
    /// `[level δ⁰ | index U(δ⁰) | slope dU/dδ at δ⁰]`, each `armCount` long; level −1 (levels are ≥ 0)
    /// marks an arm whose statistics changed since its index was computed; every value stays
    /// finite so the state encodes to JSON.
    var storage: [Double]

    init(armCount: Int, divergence: KLDivergence) {
        self.divergence = divergence
        self.armCount = armCount
        storage = [Double](repeating: 0, count: 3 * armCount)
        for arm in 0..<armCount { storage[arm] = -1 }
    }

    /// Marks an arm's cached index stale after its statistics changed.
    @inline(__always)
    mutating func invalidate(_ arm: Int) { storage[arm] = -1 }

    /// The arm with the largest index (lowest arm on ties), where arm j's level is
    /// max(0, `exploration` − (`subtractsLogCount` ? ln Nⱼ : 0)). Every arm must have been pulled.
    ///
    /// Bounds per arm: a fresh cache gives [U(δ⁰), tangent]; a stale one (the arm was just
    /// updated) gives [μ̂ⱼ, ``KLDivergence/quickUpperBound(mean:count:level:)``]. If the arm with
    /// the largest upper bound is not decided by its lower bound, one evaluation of d settles it
    /// whenever Nₐ·d(μ̂ₐ, q) < δₐ for q the second largest upper bound (then Uₐ > q); only
    /// otherwise are indices solved for.
    mutating func argmax(statistics: ArmStatistics, exploration: Double, subtractsLogCount: Bool) -> Int {
        let k = armCount
        let divergence = divergence
        let reciprocals = CountReciprocals.shared
        return statistics.withColumns { counts, means, _, _ in
            storage.withUnsafeMutableBufferPointer { cache in
                @inline(__always) func level(_ arm: Int) -> Double {
                    subtractsLogCount
                        ? max(0, exploration - reciprocals.logarithm(of: Int(counts[arm]))) : max(0, exploration)
                }
                @inline(__always) func refresh(_ arm: Int, _ delta: Double) -> Double {
                    let previous = cache[k + arm]
                    let index = divergence.upperConfidenceBound(
                        mean: means[arm], count: counts[arm], level: delta, start: previous)
                    cache[arm] = delta
                    cache[k + arm] = index
                    cache[2 * k + arm] = divergence.indexSlope(mean: means[arm], count: counts[arm], index: index)
                    return index
                }
                /// (lower, upper) bounds of the arm's current index.
                @inline(__always) func bounds(_ arm: Int, _ delta: Double) -> (Double, Double) {
                    let cachedLevel = cache[arm]
                    if cachedLevel < 0 {
                        return (means[arm], divergence.quickUpperBound(mean: means[arm], count: counts[arm], level: delta))
                    }
                    let index = cache[k + arm]
                    return (index, divergence.tangentBound(index: index, slope: cache[2 * k + arm], increment: delta - cachedLevel))
                }
                /// Whether q < Uⱼ, i.e. Nⱼ·d(μ̂ⱼ, q) < δⱼ, trying the logarithm-free bound of d first.
                @inline(__always) func inside(_ arm: Int, _ q: Double, _ delta: Double) -> Bool {
                    let p = means[arm], n = counts[arm]
                    guard q >= p else { return true }
                    return n * divergence.quickDivergenceBound(p, q) < delta || n * divergence.divergence(p, q) < delta
                }
                // Pass 1: the largest and second largest upper bounds.
                var first = 0, firstLower = -Double.infinity
                var firstUpper = -Double.infinity, secondUpper = -Double.infinity
                for arm in 0..<k {
                    let (lower, upper) = bounds(arm, level(arm))
                    if upper > firstUpper {
                        secondUpper = firstUpper
                        firstUpper = upper
                        first = arm
                        firstLower = lower
                    } else if upper > secondUpper {
                        secondUpper = upper
                    }
                }
                if firstLower > secondUpper { return first }
                let firstLevel = level(first)
                // Uₐ > q ⇔ q is inside the confidence region: Nₐ·d(μ̂ₐ, q) < δₐ (q ≥ μ̂ₐ here).
                if inside(first, secondUpper, firstLevel) { return first }
                // Pass 2: solve for the leader, then for every arm whose upper bound reaches it.
                var best = first
                var bestIndex = cache[first] == firstLevel ? cache[k + first] : refresh(first, firstLevel)
                for arm in 0..<k where arm != first {
                    let delta = level(arm)
                    let upper = bounds(arm, delta).1
                    guard upper > bestIndex || (upper == bestIndex && arm < best) else { continue }
                    // Solve only if the index really exceeds the best so far (ties are solved too).
                    if upper > bestIndex, cache[arm] != delta, !inside(arm, bestIndex, delta) {
                        // Uⱼ ≤ bestIndex: it can only tie; a tie with a higher arm number loses.
                        if arm > best { continue }
                    }
                    let index = cache[arm] == delta ? cache[k + arm] : refresh(arm, delta)
                    if index > bestIndex || (index == bestIndex && arm < best) {
                        best = arm
                        bestIndex = index
                    }
                }
                return best
            }
        }
    }
}
