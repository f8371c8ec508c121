internal import CLinearKernels

extension Matrix {
    /// Whether every entry is finite (no NaN, no ±∞), in one pass four lanes wide where the CPU
    /// has AVX: v − v is +0 for finite v and NaN otherwise, and NaN survives any sum, so the
    /// order of the partial sums cannot change the answer.
    public var allEntriesFinite: Bool {
        storage.withUnsafeBufferPointer { values in
            guard let base = values.baseAddress else { return true }
            return banditkit_all_finite(base, values.count) != 0
        }
    }
}
