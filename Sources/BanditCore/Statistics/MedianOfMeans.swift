import RealModule

/// The median-of-means estimator of Bubeck, Cesa-Bianchi & Lugosi (2013, "Bandits with heavy
/// tail", IEEE Trans. Inf. Theory 59(11), Lemma 2; after Nemirovski & Yudin 1983 and Alon,
/// Matias & Szegedy 1996).
///
/// For i.i.d. X₁, …, Xₙ with E|X − μ|^{1+ε} ≤ v (a *centred* moment bound, ε ∈ (0, 1]) and a
/// confidence level δ, take k = ⌊min(8 ln(e^{1/8}/δ), n/2)⌋ blocks of N = ⌊n/k⌋ samples; the
/// estimate is the median of the k block means, and with probability at least 1 − δ,
/// μ̂ ≤ μ + (12v)^{1/(1+ε)}·(16 ln(e^{1/8}/δ)/n)^{ε/(1+ε)}
/// (``deviationBound(sampleCount:delta:)``; the lower deviation is symmetric).
///
/// **Blocks.** The lemma needs k disjoint blocks of N i.i.d. samples chosen without looking at
/// the values; here block j holds samples j, j + k, j + 2k, … (0-based), so the first k·N
/// samples are N complete *rounds* of k. With this interleaved assignment a fixed k adds each
/// sample to one running block mean — O(1) — and the median is re-selected once per completed
/// round (O(k) every k samples, O(1) amortised). Only a change of k forces a pass over all the
/// samples. Inside Robust UCB, k = ⌊min(1 + 16 ln t, n/2)⌋ with δ = t⁻²: the first term changes
/// when t grows by a factor e^{1/16}, so the passes cost Σⱼ tⱼ ≈ 16.5·t sample additions in
/// total over all arms — O(1) amortised per step. While n/2 is the smaller term (an arm with
/// fewer than about 2 + 32 ln t samples, ≈ 300 at t = 10⁴), k = ⌊n/2⌋ changes with every other
/// sample of that arm and each change costs O(n) plus an O(k) selection: bounded by those ≈ 300
/// samples, and paid only when that arm is pulled (Robust UCB caches each arm's estimate).
///
/// For even k the median is the mean of the two middle block means (either middle value gives
/// the lemma: the estimate exceeds μ + η only if at least k/2 blocks do). Block means are
/// convex-combination running means, which cannot overflow for finite rewards.
public struct MedianOfMeans: Sendable, Hashable, Codable {
    /// ε ∈ (0, 1]: the moment order is 1 + ε.
    public let epsilon: Double
    /// v > 0 with E|X − μ|^{1+ε} ≤ v.
    public let momentBound: Double
    /// The samples, in arrival order.
    public private(set) var samples: [Double] = []

    /// The block count of the cached block means (0: none).
    private var blockCount = 0
    /// Samples already folded into `blockMeans` (a multiple of `blockCount`).
    private var processed = 0
    /// Running mean of each block over the processed samples.
    private var blockMeans: [Double] = []
    /// The median of `blockMeans`, valid when `medianRounds == processed / blockCount`.
    private var cachedMedian = 0.0
    private var medianIsCurrent = false
    /// Workspace for the selection; not part of the value.
    private var scratch: [Double] = []

    private enum CodingKeys: String, CodingKey { case epsilon, momentBound, samples }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.epsilon == rhs.epsilon && lhs.momentBound == rhs.momentBound && lhs.samples == rhs.samples
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epsilon)
        hasher.combine(momentBound)
        hasher.combine(samples)
    }

    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` unless ε ∈ (0, 1] and v > 0 finite.
    public init(epsilon: Double, momentBound: Double) throws(BanditError) {
        try TruncatedMean.validate(epsilon: epsilon, momentBound: momentBound)
        self.epsilon = epsilon
        self.momentBound = momentBound
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(epsilon: container.decode(Double.self, forKey: .epsilon),
                      momentBound: container.decode(Double.self, forKey: .momentBound))
        let samples = try container.decode([Double].self, forKey: .samples)
        guard samples.allSatisfy(\.isFinite) else {
            throw BanditError.invalidParameter(name: "samples", value: "non-finite", reason: "samples must be finite")
        }
        self.samples = samples
    }

    /// n.
    public var count: Int { samples.count }

    /// Adds one sample.
    /// - Throws: ``BanditError/nonFiniteReward(arm:value:)`` (arm −1) if `x` is not finite; the
    ///   estimator is then unchanged.
    public mutating func add(_ x: Double) throws(BanditError) {
        guard x.isFinite else { throw .nonFiniteReward(arm: -1, value: x) }
        append(x)
    }

    /// Adds a sample the caller has validated. O(1): it is folded in when its round completes.
    public mutating func append(_ x: Double) { samples.append(x) }

    /// Forgets every sample.
    public mutating func reset() {
        samples.removeAll(keepingCapacity: true)
        blockCount = 0
        processed = 0
        medianIsCurrent = false
    }

    /// k = ⌊min(8 ln(e^{1/8}/δ), n/2)⌋ = ⌊min(1 + 8 ln(1/δ), n/2)⌋ (0 for n < 2).
    @inlinable
    public static func blockCount(sampleCount n: Int, logInverseDelta: Double) -> Int {
        let first = 1 + 8 * logInverseDelta
        let second = Double(n / 2)
        return Int(min(first, second).rounded(.down))
    }

    /// μ̂ at confidence δ ∈ (0, 1); 0 for n < 2 (no block can be formed).
    public mutating func estimate(delta: Double) -> Double {
        precondition(delta > 0 && delta < 1, "δ must lie in (0, 1)")
        return estimate(blockCount: Self.blockCount(sampleCount: samples.count, logInverseDelta: Double.log(1 / delta)))
    }

    /// The median of the means of `k` interleaved blocks of ⌊n/k⌋ samples; 0 if k < 1.
    public mutating func estimate(blockCount k: Int) -> Double {
        guard k >= 1, samples.count >= k else { return 0 }
        if k != blockCount {
            blockCount = k
            processed = 0
            // Reuse the buffer: k changes every other sample while n/2 < 1 + 8 ln(1/δ).
            blockMeans.removeAll(keepingCapacity: true)
            blockMeans.append(contentsOf: repeatElement(0, count: k))
            medianIsCurrent = false
        }
        let target = (samples.count / k) * k
        if processed < target {
            samples.withUnsafeBufferPointer { xs in
                blockMeans.withUnsafeMutableBufferPointer { means in
                    var index = processed
                    while index < target {
                        let w = 1 / Double(index / k + 1)
                        for j in 0..<k {
                            means[j] = means[j] * (1 - w) + xs[index + j] * w
                        }
                        index += k
                    }
                }
            }
            processed = target
            medianIsCurrent = false
        }
        if !medianIsCurrent {
            cachedMedian = Self.median(of: blockMeans, scratch: &scratch)
            medianIsCurrent = true
        }
        return cachedMedian
    }

    /// The current block means (for tests): empty until an estimate has been computed.
    public var currentBlockMeans: [Double] { blockMeans }

    /// The median of `values` (mean of the two middle values for an even count), by selection
    /// in `scratch`.
    static func median(of values: [Double], scratch: inout [Double]) -> Double {
        let count = values.count
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: values)
        return scratch.withUnsafeMutableBufferPointer { buffer in
            let upper = select(buffer, count / 2)
            if count % 2 == 1 { return upper }
            // After selecting rank count/2, every element below it is ≤ it: the lower middle is
            // the largest of them.
            var lower = -Double.infinity
            for i in 0..<(count / 2) where buffer[i] > lower { lower = buffer[i] }
            return lower / 2 + upper / 2
        }
    }

    /// Hoare's quickselect: the element of rank `rank` (0-based), with the buffer partitioned
    /// around it.
    static func select(_ a: UnsafeMutableBufferPointer<Double>, _ rank: Int) -> Double {
        var low = 0
        var high = a.count - 1
        while low < high {
            let pivot = a[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if rank <= j { high = j } else if rank >= i { low = i } else { break }
        }
        return a[rank]
    }

    /// Lemma 2's bound: (12v)^{1/(1+ε)}·(16 ln(e^{1/8}/δ)/n)^{ε/(1+ε)} (+∞ for n = 0).
    @inlinable
    public static func deviationBound(sampleCount n: Int, delta: Double, epsilon: Double, momentBound v: Double) -> Double {
        guard n > 0 else { return .infinity }
        let logTerm = 16 * (0.125 + Double.log(1 / delta))
        return Double.exp((Double.log(12 * v) + epsilon * (Double.log(logTerm) - Double.log(Double(n)))) / (1 + epsilon))
    }

    /// Lemma 2's bound for this estimator's ε and v.
    public func deviationBound(sampleCount n: Int, delta: Double) -> Double {
        Self.deviationBound(sampleCount: n, delta: delta, epsilon: epsilon, momentBound: momentBound)
    }
}
