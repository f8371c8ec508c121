// Constants of the standard rounding-error model (Higham, *Accuracy and Stability of Numerical
// Algorithms*, 2nd ed., SIAM 2002, §2.2 and §3.1). Every tolerance in this test target is built
// from these, never tuned to observed errors.

/// Unit roundoff u = 2⁻⁵³ of IEEE binary64 with round-to-nearest.
let u = Double.ulpOfOne / 2

/// γₖ = k·u / (1 − k·u): the bound on |θ| in Πᵢ(1 + δᵢ)^±1 = 1 + θ over k roundings.
func gamma(_ k: Int) -> Double {
    let ku = Double(k) * u
    precondition(ku < 1, "γ_k undefined for k·u ≥ 1")
    return ku / (1 - ku)
}

/// ‖v‖₂ computed plainly (inputs in tests are far from overflow).
func euclideanNorm(_ v: [Double]) -> Double {
    v.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

/// ‖M‖_F computed plainly.
func frobeniusNorm(_ values: [Double]) -> Double {
    euclideanNorm(values)
}
