import BanditCore
import Foundation
import Testing
@testable import BanditPolicies

@Suite("KL divergences and their upper-confidence inverse")
struct KLDivergenceTests {
    static let divergences: [KLDivergence] = [.bernoulli, .gaussian(variance: 0.25), .poisson, .exponential]

    /// Each divergence written out from its formula, for the bisection reference.
    static func plain(_ divergence: KLDivergence) -> (Double, Double) -> Double {
        switch divergence {
        case .bernoulli: return plainBernoulliKL
        case .gaussian(let variance): return { p, q in (p - q) * (p - q) / (2 * variance) }
        // (q − p) − p·ln(1 + (q − p)/p): the same formula, without the cancellation of
        // q − p + p ln(p/q) that would make the reference itself wrong near q = p.
        case .poisson: return { p, q in p == 0 ? q : (q - p) - p * log1p((q - p) / p) }
        case .exponential: return { p, q in p == 0 ? (q == 0 ? 0 : .infinity) : p / q - 1 - log(p / q) }
        }
    }

    @Test("known values of d(p, q)")
    func knownValues() {
        // 0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75) = 0.5 ln 2 + 0.5 ln(2/3) = 0.5 ln(4/3) = 0.143841.
        #expect(abs(KLDivergence.bernoulli.divergence(0.5, 0.25) - 0.5 * log(4.0 / 3)) < 1e-15)
        #expect(KLDivergence.bernoulli.divergence(0, 0.5) == log(2))
        #expect(KLDivergence.bernoulli.divergence(0.5, 1) == .infinity)
        // (1 − 3)²/(2·4) = 0.5.
        #expect(KLDivergence.gaussian(variance: 4).divergence(1, 3) == 0.5)
        // Poisson: 2 − 1 + 1·ln(1/2) = 1 − ln 2.
        #expect(abs(KLDivergence.poisson.divergence(1, 2) - (1 - log(2))) < 1e-15)
        // Exponential: 1/2 − 1 − ln(1/2) = ln 2 − 1/2.
        #expect(abs(KLDivergence.exponential.divergence(1, 2) - (log(2) - 0.5)) < 1e-15)
        for divergence in Self.divergences { #expect(divergence.divergence(0.3, 0.3) == 0) }
    }

    @Test("the inverse agrees with bisection to 1e-9 on a grid", arguments: divergences)
    func inverseMatchesBisection(divergence: KLDivergence) {
        let d = Self.plain(divergence)
        var worst = 0.0
        let means: [Double] = {
            switch divergence {
            case .bernoulli: [0, 1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999, 1]
            case .gaussian: [-3, -0.5, 0, 0.2, 1, 10]
            case .poisson, .exponential: [0, 1e-6, 0.05, 0.5, 1, 3, 40]
            }
        }()
        for p in means {
            for n in [1.0, 3, 10, 1_000, 1e6] {
                for delta in [0, 1e-8, 0.1, 1, 5, 20] {
                    let q = divergence.upperConfidenceBound(mean: p, count: n, level: delta)
                    guard delta > 0 else {
                        // Level 0: the mean itself (bisection would chase rounding in d near p).
                        #expect(q == p)
                        continue
                    }
                    let y = delta / n
                    let hi: Double = switch divergence {
                    case .bernoulli: 1
                    case .gaussian: p + 10 * (y + 1)
                    case .poisson: p + 2 * y + 2 * (p * y).squareRoot() + 1
                    case .exponential: p * exp(1 + y) + 1
                    }
                    let reference = bisectionUpperBound(d, p: p, n: n, delta: delta, hi: hi)
                    let error = abs(q - reference) / max(1, abs(reference))
                    worst = max(worst, error)
                    #expect(error <= 1e-9, "\(divergence) p=\(p) n=\(n) δ=\(delta): \(q) vs \(reference)")
                    // And it is the sup: n·d(p, q) ≤ δ up to rounding, and q ≥ p.
                    #expect(q >= min(p, divergence == .bernoulli ? 1 : p))
                }
            }
        }
        #expect(worst <= 1e-9)
    }

    @Test("a warm start does not change the answer", arguments: divergences)
    func warmStartIndependence(divergence: KLDivergence) {
        for p in [0.02, 0.4, 0.8] {
            for n in [2.0, 50, 5_000] {
                let cold = divergence.upperConfidenceBound(mean: p, count: n, level: 3)
                for start in [p, 0.5 * (p + cold), cold * 1.01, 0.999, 17] {
                    let warm = divergence.upperConfidenceBound(mean: p, count: n, level: 3, start: start)
                    #expect(abs(warm - cold) <= 1e-11 * max(1, cold), "\(divergence) p=\(p) n=\(n) start=\(start)")
                }
            }
        }
    }

    /// The lazy arg-max of KL-UCB relies on the tangent at δ₀ being above the index at δ₁ > δ₀.
    @Test("the tangent bound is an upper bound at larger levels", arguments: divergences)
    func tangentIsUpperBound(divergence: KLDivergence) {
        for p in [0.0, 0.01, 0.3, 0.9, 0.999] {
            for n in [1.0, 7, 300] {
                for delta0 in [0.0, 0.05, 1, 6] {
                    let index = divergence.upperConfidenceBound(mean: p, count: n, level: delta0)
                    let slope = divergence.indexSlope(mean: p, count: n, index: index)
                    for increment in [0.0, 1e-6, 1e-3, 0.5, 3] {
                        let exact = divergence.upperConfidenceBound(mean: p, count: n, level: delta0 + increment)
                        let bound = divergence.tangentBound(index: index, slope: slope, increment: increment)
                        #expect(exact <= bound + 1e-11 * max(1, exact), "\(divergence) p=\(p) n=\(n) δ₀=\(delta0) +\(increment)")
                    }
                }
            }
        }
    }
}
