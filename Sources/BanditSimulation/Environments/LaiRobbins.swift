import BanditCore
import RealModule

/// The Lai & Robbins (1985, "Asymptotically efficient adaptive allocation rules", Adv. Appl.
/// Math. 6, Theorem 2) lower bound: any uniformly efficient policy has
/// lim inf Rₜ / ln t ≥ Σ_{j: Δⱼ>0} Δⱼ / KL(νⱼ, ν*), where KL is taken within the arms'
/// one-parameter family.
public enum LaiRobbins {
    /// The constant c with Rₜ ≳ c·ln t, for arms of one supported family (Bernoulli so far);
    /// `nil` where the bound is not defined here (mixed families, a single arm, all arms optimal).
    public static func constant(arms: [any RewardDistribution]) -> Double? {
        let bernoulli = arms.compactMap { $0 as? Bernoulli }
        guard bernoulli.count == arms.count, arms.count > 1 else { return nil }
        let best = bernoulli.map(\.probability).max()!
        var total = 0.0
        var anySuboptimal = false
        for arm in bernoulli where arm.probability < best {
            total += (best - arm.probability) / bernoulliKL(arm.probability, best)
            anySuboptimal = true
        }
        return anySuboptimal && total.isFinite ? total : nil
    }

    /// KL(Bernoulli(p), Bernoulli(q)) = p ln(p/q) + (1−p) ln((1−p)/(1−q)), with 0 ln 0 = 0.
    public static func bernoulliKL(_ p: Double, _ q: Double) -> Double {
        func term(_ a: Double, _ b: Double) -> Double { a == 0 ? 0 : a * Double.log(a / b) }
        return term(p, q) + term(1 - p, 1 - q)
    }
}
