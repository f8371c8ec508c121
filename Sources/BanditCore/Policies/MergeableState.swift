/// State that is a sum of sufficient statistics, so that two replicas that learnt from
/// disjoint parts of one stream — each starting from the same fresh state — combine into the
/// state of a single replica that saw all of it.
///
/// This is how a fleet of service replicas (or shards of a reward log) share what they learnt
/// without a central lock: each merges the others' states. Configuration (priors, exploration
/// scales, dimensions) must agree; the result keeps the receiver's random generator.
public protocol MergeableState {
    /// The state after both streams.
    /// - Throws: ``BanditError/dimensionMismatch(name:expected:actual:)`` or
    ///   ``BanditError/invalidParameter(name:value:reason:)`` when the configurations differ.
    func merged(with other: Self) throws(BanditError) -> Self
}
