extension RandomNumberGenerator {
    /// An index drawn with probability proportional to its non-negative weight, by inversion:
    /// one uniform scaled by the total, then a cumulative scan (the weights need not sum to 1).
    ///
    /// Rounding can leave the target at or above the re-summed total by an ulp; the last index
    /// with a positive weight is returned then, never one of weight zero.
    /// - Precondition: `weights` is non-empty, with finite non-negative entries and a positive sum.
    @inlinable
    public mutating func nextIndex(weightedBy weights: UnsafeBufferPointer<Double>) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        let target = nextUniform() * total
        var cumulative = 0.0
        var lastPositive = 0
        for index in 0..<weights.count {
            if weights[index] > 0 { lastPositive = index }
            cumulative += weights[index]
            if target < cumulative { return index }
        }
        return lastPositive
    }
}
