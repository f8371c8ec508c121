internal import CLinearKernels

/// Reusable scratch for ``Matrix/fusedTriangularScores(features:weights:alpha:scratch:widths:into:)``:
/// the triangle of U repacked by blocks of rows, sized for one dimension d (O(d²), whatever the
/// number of arms). Keep one per scorer so that scoring allocates nothing.
public struct TriangularScoringScratch: Sendable {
    /// The dimension d this scratch serves.
    public let dimension: Int
    var storage: [Double]

    /// Scratch for d × d triangles; d ≥ 0.
    public init(dimension: Int) {
        precondition(dimension >= 0, "TriangularScoringScratch: negative dimension")
        self.dimension = dimension
        storage = [Double](repeating: 0, count: banditkit_triangular_scores_scratch_count(dimension))
    }
}
