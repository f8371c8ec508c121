import BanditCore
import RealModule

/// The Lai & Robbins (1985, "Asymptotically efficient adaptive allocation rules", Adv. Appl.
/// Math. 6, Theorem 2) lower bound: any uniformly efficient policy has
/// lim inf Rₜ / ln t ≥ Σ_{j: Δⱼ>0} Δⱼ / KL(νⱼ, ν*), where KL is taken within the arms'
/// one-parameter family.
public enum LaiRobbins {
    /// The constant c with Rₜ ≳ c·ln t, for arms of one supported one-parameter family —
    /// Bernoulli, Gaussian with known (per-arm) variance, Poisson, exponential; `nil` where the
    /// bound is not defined here (mixed families, a single arm, all arms optimal).
    public static func constant(arms: [any RewardDistribution]) -> Double? {
        guard arms.count > 1 else { return nil }
        let best = arms.map(\.mean).max()!
        // The divergence from a suboptimal arm to the best mean within the arm's own family.
        let divergence: (any RewardDistribution) -> Double?
        if arms.allSatisfy({ $0 is Bernoulli }) {
            divergence = { bernoulliKL($0.mean, best) }
        } else if arms.allSatisfy({ $0 is Gaussian }) {
            // KL(N(μ, σ²), N(μ*, σ²)) = (μ* − μ)²/(2σ²), σ the suboptimal arm's (known) deviation.
            divergence = { arm in
                let sd = (arm as! Gaussian).standardDeviation
                return (best - arm.mean) * (best - arm.mean) / (2 * sd * sd)
            }
        } else if arms.allSatisfy({ $0 is Poisson }) {
            divergence = { poissonKL($0.mean, best) }
        } else if arms.allSatisfy({ $0 is Exponential }) {
            divergence = { exponentialKL($0.mean, best) }
        } else {
            return nil
        }
        var total = 0.0
        var anySuboptimal = false
        for arm in arms where arm.mean < best {
            guard let kl = divergence(arm), kl > 0 else { return nil }
            total += (best - arm.mean) / kl
            anySuboptimal = true
        }
        return anySuboptimal && total.isFinite ? total : nil
    }

    /// KL(Poisson(a), Poisson(b)) = b − a + a ln(a/b), with 0 ln 0 = 0.
    public static func poissonKL(_ a: Double, _ b: Double) -> Double {
        b - a + (a == 0 ? 0 : a * Double.log(a / b))
    }

    /// KL between exponential distributions of means a and b: a/b − 1 − ln(a/b).
    public static func exponentialKL(_ a: Double, _ b: Double) -> Double {
        a / b - 1 - Double.log(a / b)
    }

    /// KL(Bernoulli(p), Bernoulli(q)) = p ln(p/q) + (1−p) ln((1−p)/(1−q)), with 0 ln 0 = 0.
    public static func bernoulliKL(_ p: Double, _ q: Double) -> Double {
        func term(_ a: Double, _ b: Double) -> Double { a == 0 ? 0 : a * Double.log(a / b) }
        return term(p, q) + term(1 - p, 1 - q)
    }
}
