/// The arm maximising an optimistic index mᵢ + s·wᵢ, the inner loop of every UCB-type policy
/// whose bonus factors into a per-step scale s and a per-arm width wᵢ (UCB1: s = √(2 ln n),
/// wᵢ = 1/√nᵢ).
public enum IndexArgMax {
    /// The lowest index i maximising `means[i] + scale * widths[i]`, each index rounded exactly as
    /// written (a multiply, then an add), so the choice is the one a left-to-right scan with a
    /// strict comparison makes.
    ///
    /// Two passes over pairs of lanes: the first finds the maximum value, the second the first
    /// index whose value (recomputed by the same operations, so bit-identical) equals it. Both are
    /// branch-free per pair except the second's exit, which is cheaper than carrying an index
    /// beside every running maximum. NaN indices are skipped, as the scan's comparison skips them.
    /// - Precondition: `means.count == widths.count`, at least one element.
    @inlinable @inline(__always)
    public static func firstMaximum(means: UnsafeBufferPointer<Double>, widths: UnsafeBufferPointer<Double>, scale: Double) -> Int {
        let count = means.count
        precondition(count >= 1 && widths.count == count, "index columns must be non-empty and equally long")
        let meanBase = UnsafeRawPointer(means.baseAddress!)
        let widthBase = UnsafeRawPointer(widths.baseAddress!)
        let scales = SIMD2<Double>(repeating: scale)
        @inline(__always) func pair(at i: Int) -> SIMD2<Double> {
            let offset = i &* MemoryLayout<Double>.stride
            return meanBase.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
                + scales * widthBase.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
        }
        let pairedCount = count & ~1
        var maxima = SIMD2<Double>(repeating: -.infinity)
        var i = 0
        while i < pairedCount {
            // A select rather than `pointwiseMax`, whose NaN rules defeat the vector max.
            let values = pair(at: i)
            maxima.replace(with: values, where: values .> maxima)
            i &+= 2
        }
        var maximum = max(maxima[0], maxima[1])
        if pairedCount < count { maximum = max(maximum, means[pairedCount] + scale * widths[pairedCount]) }
        let target = SIMD2<Double>(repeating: maximum)
        i = 0
        while i < pairedCount {
            let hits = pair(at: i) .== target
            if hits[0] { return i }
            if hits[1] { return i &+ 1 }
            i &+= 2
        }
        if pairedCount < count && means[pairedCount] + scale * widths[pairedCount] == maximum { return pairedCount }
        // No index equals the maximum only when every index is NaN (a NaN never compares
        // larger), where the plain scan keeps index 0 too.
        return 0
    }
}
