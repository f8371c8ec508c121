import BanditCore
import Foundation
import LinearAlgebra
import Testing
@testable import BanditPolicies

/// TOFU written out from Algorithm 2 of Shao et al. (2018) with nothing shared with the
/// library: the whole history kept sample by sample, V^{−1/2} by the Denman–Beavers iteration
/// (no eigendecomposition), every payoff re-truncated coordinate by coordinate every round.
struct NaiveTOFU {
    let d: Int, epsilon: Double, b: Double, delta: Double, horizon: Int, s: Double, alpha: Double, lambda: Double
    var xs: [[Double]] = []
    var ys: [Double] = []
    var v: [[Double]]
    var theta: [Double]
    /// z from the last update: zᵢ = Σₛ u_{i,s}yₛ𝟙{|u_{i,s}yₛ| ≤ bₜ}.
    var z: [Double]
    var root: [[Double]]

    init(d: Int, epsilon: Double, b: Double, delta: Double, horizon: Int, s: Double, alpha: Double, lambda: Double) {
        (self.d, self.epsilon, self.b, self.delta, self.horizon, self.s, self.alpha, self.lambda) =
            (d, epsilon, b, delta, horizon, s, alpha, lambda)
        v = Dense.identity(d, lambda)
        theta = [Double](repeating: 0, count: d)
        z = theta
        root = Dense.identity(d, 1 / lambda.squareRoot())
    }

    var t: Int { ys.count }
    func growth(_ t: Int) -> Double { pow(Double(max(t, 1)), (1 - epsilon) / (2 * (1 + epsilon))) }
    func level(_ t: Int) -> Double { pow(b / log(2 * Double(horizon) / delta), 1 / (1 + epsilon)) * growth(t) }
    func radius(_ t: Int) -> Double {
        alpha * 4 * Double(d).squareRoot() * pow(b, 1 / (1 + epsilon))
            * pow(log(2 * Double(d) * Double(horizon) / delta), epsilon / (1 + epsilon)) * growth(t)
            + lambda.squareRoot() * s
    }

    func choose(_ arms: [[Double]]) -> Int {
        let beta = radius(t)
        let scores = arms.map { x in Dense.dot(x, theta) + beta * Dense.dot(x, Dense.solve(v, x)).squareRoot() }
        return scores.indices.max { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }!
    }

    static func multiply(_ a: [[Double]], _ x: [Double]) -> [Double] { a.map { Dense.dot($0, x) } }

    static func inverse(_ a: [[Double]]) -> [[Double]] {
        let n = a.count
        let columns = (0..<n).map { j in Dense.solve(a, (0..<n).map { $0 == j ? 1.0 : 0.0 }) }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }

    /// Denman & Beavers (1976): Y₀ = A, Z₀ = I, Y ← (Y + Z⁻¹)/2, Z ← (Z + Y⁻¹)/2 gives
    /// Y → A^{1/2}, Z → A^{−1/2} quadratically for symmetric positive-definite A.
    static func inverseSquareRoot(_ a: [[Double]]) -> [[Double]] {
        var y = a
        var z = Dense.identity(a.count, 1)
        for _ in 0..<60 {
            let (yInverse, zInverse) = (inverse(y), inverse(z))
            let nextY = average(y, zInverse)
            let nextZ = average(z, yInverse)
            var change = 0.0
            for i in 0..<a.count { for j in 0..<a.count { change = max(change, abs(nextZ[i][j] - z[i][j])) } }
            (y, z) = (nextY, nextZ)
            if change < 1e-15 { break }
        }
        return z
    }

    static func average(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        var result = a
        for i in 0..<a.count { for j in 0..<a.count { result[i][j] = (a[i][j] + b[i][j]) / 2 } }
        return result
    }

    mutating func update(_ x: [Double], _ y: Double) {
        xs.append(x)
        ys.append(y)
        Dense.addOuter(&v, x, scale: 1)
        root = Self.inverseSquareRoot(v)
        let bt = level(t)
        z = [Double](repeating: 0, count: d)
        for (xs, ys) in zip(xs, ys) {
            let u = Self.multiply(root, xs)
            for i in 0..<d where abs(u[i] * ys) <= bt { z[i] += u[i] * ys }
        }
        theta = Self.multiply(root, z)
    }
}

@Suite("TOFU (Shao, Yu, King & Lyu 2018, Algorithm 2)")
struct TOFUTests {
    typealias Stream = HeavyTailedLinearTests.Stream

    @Test("hand-traced: orthogonal contexts, V = diag(3, 2), b_t = 2 keeps y = 2 and drops y = 30")
    func handTraced() throws {
        // b/ln(2T/δ) = 4 and ε = 1 make b_t = 2 for every t.
        let (horizon, delta) = (10, 0.1)
        var policy = try TOFU(
            armCount: 2, dimension: 2, epsilon: 1, momentBound: 4 * log(2 * 10 / 0.1), confidence: delta,
            horizon: horizon, parameterBound: 1, radiusScale: 1, regularization: 1)
        #expect(abs(policy.truncationLevel(samples: 3) - 2) < 1e-14)
        try policy.update(arm: 0, features: [1, 0], reward: 2)
        try policy.update(arm: 0, features: [1, 0], reward: 30)
        try policy.update(arm: 1, features: [0, 1], reward: -1)
        // V₃ = diag(1 + 2, 1 + 1), V^{−1/2} = diag(1/√3, 1/√2); coordinate 1 sees u = 1/√3 for
        // the two (1, 0) payoffs: |2/√3| = 1.15 ≤ 2 is kept, |30/√3| = 17.3 is not, so
        // z₁ = 2/√3; coordinate 2 sees u = 1/√2 for y = −1: z₂ = −1/√2. θ̂ = V^{−1/2}z = (2/3, −1/2)
        // (least squares without truncation would give (32/3, −1/2)).
        #expect(abs(policy.estimate[0] - 2.0 / 3) < 1e-14)
        #expect(abs(policy.estimate[1] + 0.5) < 1e-14)
        // One (sample, coordinate) pair is dropped; the u = 0 pairs are kept (0 ≤ b_t).
        #expect(policy.truncatedInLastEstimate == 1)
    }

    @Test("TOFU matches a plain implementation decision for decision", arguments: [1.0, 0.25])
    func matchesReference(epsilon: Double) throws {
        let d = 3, k = 5, horizon = 120
        var policy = try TOFU(
            armCount: k, dimension: d, epsilon: epsilon, momentBound: 3, confidence: 0.05, horizon: horizon,
            parameterBound: 1, radiusScale: 0.05, regularization: 1)
        var reference = NaiveTOFU(d: d, epsilon: epsilon, b: 3, delta: 0.05, horizon: horizon, s: 1, alpha: 0.05, lambda: 1)
        var stream = Stream(seed: 17)
        var truncated = 0
        // Hold each context for 3 rounds so that groups with several payoffs are exercised too.
        var arms = stream.contexts(d: d, k: k)
        for round in 0..<horizon {
            if round % 3 == 0 { arms = stream.contexts(d: d, k: k) }
            let chosen = try policy.selectArm(features: ArmFeatures(arms: arms))
            #expect(chosen == reference.choose(arms))
            let y = arms[chosen][1] + 2 * stream.heavy()
            try policy.update(arm: chosen, features: arms[chosen], reward: y)
            reference.update(arms[chosen], y)
            truncated += policy.truncatedInLastEstimate
            for i in 0..<d {
                // Both solve the same problem by different routes (dsyevd vs Denman–Beavers):
                // agreement to ~10⁻¹² relative, far below any truncation decision's sensitivity.
                #expect(abs(policy.estimate[i] - reference.theta[i]) <= 1e-9 * (1 + abs(reference.theta[i])))
            }
        }
        #expect(truncated > 0, "the heavy noise must trigger the truncation for the test to cover it")
        #expect(policy.history.groupCount < policy.count, "held contexts must share groups")
    }

    @Test("grouped history: kept sums equal the brute-force sum over the group's rewards at every level")
    func groupedKeptSums() throws {
        var history = FeatureGroupedRewards(dimension: 2)
        var stream = Stream(seed: 41)
        var raw: [[Double]] = [[], [], []]
        let vectors: [[Double]] = [[1, 0], [0.6, 0.8], [0, 1]]
        for step in 0..<150 {
            let group = step % 7 == 3 ? 2 : (step % 2)  // first seen in order 0, 1, 2
            var y = stream.heavy()
            if step % 11 == 0, let last = raw[group].last { y = -abs(last) }  // ties in |y| too
            history.append(features: vectors[group], reward: y)
            raw[group].append(y)
        }
        #expect(history.groupCount == 3 && history.count == 150)
        for g in 0..<3 {
            #expect(history.rewards[g].sorted() == raw[g].sorted())
            for level in [0.0, 0.05, 0.3, 1, 2.5, 10, 1e9] {
                for scale in [0.0, 0.2, 1, 3] {
                    let kept = raw[g].filter { scale * abs($0) <= level }
                    let (sum, count) = history.withKeptSums(group: g) { $0(scale, level) }
                    #expect(count == kept.count)
                    #expect(abs(sum - kept.reduce(0, +)) <= 1e-12 * (1 + kept.reduce(0) { $0 + abs($1) }))
                }
            }
        }
    }

    @Test("without truncation (b_t above every |u·y|) θ̂ is the ridge least-squares estimate")
    func noTruncationIsLeastSquares() throws {
        var policy = try TOFU(armCount: 1, dimension: 3, momentBound: 1e200, horizon: 100, regularization: 0.5)
        var ridge = try RidgeRegression(dimension: 3, regularization: 0.5)
        var stream = Stream(seed: 3)
        for _ in 0..<60 {
            let x = stream.contexts(d: 3, k: 1)[0]
            let y = x[0] - 2 * x[2] + stream.heavy()
            try policy.update(arm: 0, features: x, reward: y)
            try ridge.update(features: x, reward: y)
        }
        // V^{−1/2}·V^{−1/2}·Σyx = V⁻¹Σyx exactly in exact arithmetic.
        #expect(policy.truncatedInLastEstimate == 0)
        for i in 0..<3 { #expect(abs(policy.estimate[i] - ridge.estimate[i]) <= 1e-10 * (1 + abs(ridge.estimate[i]))) }
    }

    @Test("per coordinate every kept term has |u·y| ≤ b_t, so |zᵢ| ≤ t·b_t and one outlier moves zᵢ by ≤ 2b_t")
    func truncationProperties() throws {
        let d = 3
        var clean = try TOFU(armCount: 1, dimension: d, epsilon: 0.5, momentBound: 2, horizon: 200)
        var stream = Stream(seed: 23)
        var samples: [([Double], Double)] = []
        for _ in 0..<80 { samples.append((stream.contexts(d: d, k: 1)[0], stream.heavy())) }
        var spiked = clean
        for (index, (x, y)) in samples.enumerated() {
            try clean.update(arm: 0, features: x, reward: y)
            try spiked.update(arm: 0, features: x, reward: index == 40 ? 1e300 : y)
        }
        let level = clean.truncationLevel(samples: 80)
        for i in 0..<d {
            let (zClean, zSpiked) = (clean.scratch.coordinates[i], spiked.scratch.coordinates[i])
            #expect(abs(zClean) <= 80 * level && abs(zSpiked) <= 80 * level)
            // Replacing one payoff removes at most one kept term and adds at most one: ≤ 2b_t,
            // plus the rounding of two sums of 80 terms of size ≤ b_t.
            #expect(abs(zClean - zSpiked) <= 2 * level + 2 * 80 * 80 * Double.ulpOfOne * level)
        }
        let finite = spiked.estimate.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(spiked.truncatedInLastEstimate >= clean.truncatedInLastEstimate)
    }

    @Test("bad input is rejected with a typed error and leaves TOFU unchanged")
    func badInput() throws {
        var policy = try TOFU(armCount: 2, dimension: 2, horizon: 10)
        try policy.update(arm: 0, features: [1, 0], reward: 1)
        try policy.update(arm: 1, features: [0, 1], reward: 1e308)
        let before = policy
        #expect(throws: BanditError.nonFiniteReward(arm: 0, value: -.infinity)) { try policy.update(arm: 0, features: [1, 0], reward: -.infinity) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, features: [1, 0], reward: .nan) }
        #expect(throws: BanditError.unknownArm(arm: 2, armCount: 2)) { try policy.update(arm: 2, features: [1, 0], reward: 1) }
        #expect(throws: BanditError.dimensionMismatch(name: "features", expected: 2, actual: 1)) {
            try policy.update(arm: 0, features: [1], reward: 1)
        }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, features: [.infinity, 0], reward: 1) }
        // Σ|y| = 1 + 10³⁰⁸ + 10³⁰⁸ overflows: refused, not stored as ∞.
        #expect(throws: BanditError.self) { try policy.update(arm: 1, features: [0, 1], reward: 1e308) }
        #expect(throws: BanditError.self) { _ = try policy.selectArm(features: ArmFeatures(arms: [[1, 0]])) }
        #expect(policy == before)
        let finite = policy.estimate.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(throws: BanditError.invalidParameter(name: "epsilon", value: "0.0", reason: "must lie in (0, 1]")) {
            _ = try TOFU(armCount: 2, dimension: 2, epsilon: 0, horizon: 10)
        }
        #expect(throws: BanditError.self) { _ = try TOFU(armCount: 2, dimension: 2, momentBound: -1, horizon: 10) }
        #expect(throws: BanditError.self) { _ = try TOFU(armCount: 2, dimension: 2, confidence: 0, horizon: 10) }
        #expect(throws: BanditError.self) { _ = try TOFU(armCount: 2, dimension: 2, horizon: 0) }
        #expect(throws: BanditError.self) { _ = try TOFU(armCount: 0, dimension: 2, horizon: 10) }
        #expect(throws: BanditError.self) { _ = try TOFU(armCount: 2, dimension: 2, horizon: 10, radiusScale: -1) }
    }

    @Test("β_t and b_t follow Algorithm 2: ln(2dT/δ) in β, ln(2T/δ) in b_t, growth t^{(1−ε)/(2(1+ε))}")
    func constants() throws {
        let policy = try TOFU(armCount: 1, dimension: 4, epsilon: 1, momentBound: 9, confidence: 0.1, horizon: 500, parameterBound: 2, regularization: 4)
        // ε = 1: β = 4·√4·9^{1/2}·ln(2·4·500/0.1)^{1/2} + √4·2, constant in t.
        #expect(abs(policy.radius(samples: 7) - (4 * 2 * 3 * log(40_000).squareRoot() + 4)) < 1e-12)
        #expect(abs(policy.truncationLevel(samples: 300) - (9 / log(10_000)).squareRoot()) < 1e-14)
        let third = try TOFU(armCount: 1, dimension: 1, epsilon: 1.0 / 3, horizon: 50, parameterBound: 0)
        // (1 − ε)/(2(1 + ε)) = 1/4 at ε = 1/3: a factor 16 in t doubles both.
        #expect(abs(third.truncationLevel(samples: 32) / third.truncationLevel(samples: 2) - 2) < 1e-12)
        #expect(abs(third.radius(samples: 32) / third.radius(samples: 2) - 2) < 1e-12)
    }

    /// Theorem 3's proof: on an event of probability ≥ 1 − 2δ, θ* ∈ Cₜ = {‖θ − θ̂ₜ‖_{Vₜ} ≤ βₜ}
    /// for all t; then the per-round regret is ≤ 2βₜ₋₁‖xₜ‖_{Vₜ₋₁⁻¹} and, with ‖x‖ ≤ 1 and λ ≥ 1
    /// (so ‖x‖²_{V⁻¹} ≤ 1), the elliptical potential lemma (Abbasi-Yadkori et al. 2011,
    /// Lemma 11) and Cauchy–Schwarz give R_T ≤ 2β_T·√(2dT·ln(1 + T/(λd))) — Õ(d·T^{1/(1+ε)}).
    @Test("heavy-tailed instance: θ* stays in the confidence ellipsoid and regret is within Theorem 3's bound")
    func regretWithinTheorem() throws {
        let d = 3, k = 6, horizon = 250, runs = 12, delta = 0.05
        // Noise ±Lomax(α = 1.5): E|η|^{1.25} = Γ(2.25)Γ(0.25)/Γ(1.5); payoffs y = xᵀθ* + η with
        // |xᵀθ*| ≤ 1 have E|y|^{1.25} ≤ 2^{0.25}(1 + E|η|^{1.25}) (convexity).
        let epsilon = 0.25
        let noiseMoment = tgamma(2.25) * tgamma(0.25) / tgamma(1.5)
        let b = pow(2, epsilon) * (1 + noiseMoment)
        let theta = [0.6, -0.48, 0.64]  // ‖θ*‖ = 1
        var failures = 0
        for run in 0..<runs {
            var policy = try TOFU(
                armCount: k, dimension: d, epsilon: epsilon, momentBound: b, confidence: delta, horizon: horizon,
                parameterBound: 1, radiusScale: 1, regularization: 1)
            var stream = Stream(seed: 1_000 + UInt64(run))
            var regret = 0.0
            var escaped = false
            for _ in 0..<horizon {
                let arms = stream.contexts(d: d, k: k)
                let chosen = try policy.selectArm(features: ArmFeatures(arms: arms))
                let means = arms.map { Dense.dot($0, theta) }
                regret += means.max()! - means[chosen]
                try policy.update(arm: chosen, features: arms[chosen], reward: means[chosen] + stream.heavy())
                let error = (0..<d).map { policy.estimate[$0] - theta[$0] }
                let gram = policy.design.gram
                let squared = (0..<d).reduce(0.0) { sum, i in sum + (0..<d).reduce(0.0) { $0 + error[i] * gram[i, $1] * error[$1] } }
                if squared.squareRoot() > policy.radius(samples: policy.count) { escaped = true }
            }
            if escaped {
                failures += 1
            } else {
                // On the event the bound is deterministic; βₜ grows in t, so β_T bounds every βₜ.
                let beta = policy.radius(samples: horizon)
                let bound = 2 * beta * (2 * Double(d) * Double(horizon) * log(1 + Double(horizon) / Double(d))).squareRoot()
                #expect(regret <= bound)
            }
        }
        // Escapes happen with probability ≤ 2δ per run: allow 2δ·runs plus three binomial sds.
        let allowed = 2 * delta * Double(runs) + 3 * (Double(runs) * 2 * delta * (1 - 2 * delta)).squareRoot()
        #expect(Double(failures) <= allowed)
    }
}
