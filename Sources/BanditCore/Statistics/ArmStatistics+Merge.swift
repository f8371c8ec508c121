extension ArmStatistics {
    /// The statistics of the union of two disjoint reward streams over the same arms — what
    /// replicas of a service, or shards of a log, combine into.
    ///
    /// Counts and totals add exactly. Means and sums of squared deviations use the pairwise
    /// combination of Chan, Golub & LeVeque (1979, "Updating formulae and a pairwise algorithm
    /// for computing sample variances", eq. 2.1): with n = nₐ + n_b and δ = x̄_b − x̄ₐ,
    /// x̄ = x̄ₐ + δ·n_b/n and M₂ = M₂ₐ + M₂_b + δ²·nₐn_b/n. They equal the single-stream values up
    /// to rounding (the order of the floating-point operations differs), and exactly whenever
    /// the rewards are integers small enough for every intermediate to be representable.
    ///
    /// - Throws: ``BanditError/dimensionMismatch(name:expected:actual:)`` if the arm counts differ.
    public func merged(with other: ArmStatistics) throws(BanditError) -> ArmStatistics {
        guard other.armCount == armCount else {
            throw .dimensionMismatch(name: "statistics (arms)", expected: armCount, actual: other.armCount)
        }
        var result = ArmStatistics(armCount: armCount)
        let k = armCount
        for arm in 0..<k {
            let na = storage[arm], nb = other.storage[arm]
            let n = na + nb
            guard n > 0 else { continue }
            result.noteFirstPull()
            let meanA = storage[k + arm], meanB = other.storage[k + arm]
            let delta = meanB - meanA
            // An empty side contributes nothing; skipping it keeps the other side bit-exact.
            let mean = na == 0 ? meanB : nb == 0 ? meanA : meanA + delta * (nb / n)
            let squares = na == 0 || nb == 0
                ? storage[2 * k + arm] + other.storage[2 * k + arm]
                : storage[2 * k + arm] + other.storage[2 * k + arm] + delta * delta * (na * nb / n)
            result.storage[arm] = n
            result.storage[k + arm] = mean
            result.storage[2 * k + arm] = squares
            result.storage[3 * k + arm] = tables.reciprocals(of: n).inverseRoot
        }
        result.storedTotalCount = storedTotalCount + other.storedTotalCount
        return result
    }
}
