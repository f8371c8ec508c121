import BanditCore

/// The dual player of a Lagrangian primal-dual method for bandits with knapsacks: an online
/// learner over multipliers λ (one per resource) that maximises ⟨λ, gₜ⟩ for the gains
/// gₜ = c̃ₜ − ρ it is fed — raising the price of a resource consumed faster than its per-round
/// budget ρ (Immorlica, Sankararaman, Schapire & Slivkins 2019; Bernasconi et al., ICLR 2024,
/// Algorithm 1's regret minimiser R^D).
public protocol KnapsackDualPlayer: Sendable {
    /// λₜ, the current multipliers.
    var multipliers: [Double] { get }
    /// Records the gains of this round (one per multiplier), each in [−1 − ρ, 1 − ρ].
    mutating func update(gains: [Double])
}
