import BanditCore
import LinearAlgebra

extension ArmFeatures {
    /// Whether every entry is finite, in one pass at vector speed
    /// (``LinearAlgebra/Matrix/allEntriesFinite``). Per round this scan reads all K·d
    /// features, as many as the O(K·d²) scoring's inputs.
    @usableFromInline
    var allEntriesFinite: Bool { matrix.allEntriesFinite }
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
