import BanditCore

extension ArmFeatures {
    /// Whether every entry is finite, in one pass at vector speed: v − v is 0 for finite v and
    /// NaN for ±∞ or NaN, and NaN survives any sum, so four SIMD lanes of such sums decide it.
    /// (Per round this scan reads all K·d features, as many as the O(K·d²) scoring's inputs.)
    @usableFromInline
    var allEntriesFinite: Bool {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            let count = buffer.count
            var sums = SIMD4<Double>(repeating: 0)
            var i = 0
            while i + 4 <= count {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Double>.self)
                sums += v - v
                i += 4
            }
            var tail = 0.0
            while i < count {
                tail += base[i] - base[i]
                i += 1
            }
            return sums.sum() + tail == 0
        }
    }
}

extension ContextualPolicy {
    /// The checks of ``ContextualPolicy/validate(features:)`` with the finiteness scan done by
    /// ``ArmFeatures/allEntriesFinite``; only when something is wrong does the full validation
    /// run, to throw its precise error (which entry, which shape).
    @inlinable
    func validateQuickly(features: ArmFeatures) throws(BanditError) {
        guard features.dimension == dimension, features.armCount == armCount, features.allEntriesFinite else {
            try validate(features: features)
            preconditionFailure("validateQuickly: the full validation accepted features the quick one rejected")
        }
    }
}
