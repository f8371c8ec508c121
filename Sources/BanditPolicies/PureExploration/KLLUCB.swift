import BanditCore

extension LUCB {
    /// KL-LUCB (Kaufmann & Kalyanakrishnan 2013, "Information Complexity in Bandit Subset
    /// Selection", COLT, §3): LUCB whose confidence bounds invert the KL divergence,
    /// uₐ d(μ̂ₐ, q) ≤ β(t, δ) with β(t, δ) = ln(k₁ n t^α/δ) — tighter than Hoeffding's for means
    /// near 0 or 1, hence fewer samples before stopping.
    /// - Parameters:
    ///   - divergence: `.bernoulli` (rewards in [0, 1]) or `.gaussian(variance:)`.
    ///   - alpha: α > 1; `k1` must exceed 1 + 1/(α − 1) (their Theorem 2). Defaults α = 1.1,
    ///     k₁ = 405.5, the values of their experiments.
    /// - Throws: ``BanditError/invalidParameter(name:value:reason:)`` naming the parameter.
    public static func klLUCB(
        armCount: Int, confidence: Double, tolerance: Double = 0, divergence: KLDivergence = .bernoulli,
        alpha: Double = 1.1, k1: Double = 405.5
    ) throws(BanditError) -> LUCB {
        switch divergence {
        case .bernoulli: break
        case .gaussian(let variance):
            guard variance.isFinite && variance > 0 else {
                throw .invalidParameter(name: "variance", value: "\(variance)", reason: "must be finite and > 0")
            }
        default:
            throw .invalidParameter(name: "divergence", value: divergence.name, reason: "KL-LUCB here supports bernoulli and gaussian")
        }
        guard alpha.isFinite && alpha > 1 else { throw .invalidParameter(name: "alpha", value: "\(alpha)", reason: "must be > 1") }
        guard k1.isFinite && k1 > 1 + 1 / (alpha - 1) else {
            throw .invalidParameter(name: "k1", value: "\(k1)", reason: "must exceed 1 + 1/(α − 1) = \(1 + 1 / (alpha - 1))")
        }
        return try LUCB(armCount: armCount, confidence: confidence, tolerance: tolerance, bounds: .kullbackLeibler(divergence, alpha: alpha, k1: k1))
    }
}
