import BanditCore
import Foundation
import LinearAlgebra
import Testing
@testable import BanditPolicies

/// LinTS's draw μ̃ = L⁻ᵀ(c + v·z) (one solve through the carried c = L⁻¹f) against its
/// definition μ̂ + v·L⁻ᵀz evaluated in extended precision, and the law of many draws against
/// N(μ̂, v²A⁻¹) (Agrawal & Goyal 2013, Algorithm 1).
@Suite("LinTS draws")
struct LinTSTests {
    /// A LinTS after `updates` updates with mixed contexts (duplicated, collinear, tiny).
    static func trained(dimension d: Int, updates: Int, seed: UInt64) throws -> LinTS {
        var policy = try LinTS(armCount: 4, dimension: d, posteriorScale: 0.7, regularization: 0.5, seed: seed)
        var random = LinearTestRandom(seed: seed)
        let anchor = random.vector(d)
        for step in 0..<updates {
            try policy.update(arm: step % 4, features: random.mixedContext(step: step, anchor: anchor), reward: random.normal())
        }
        return policy
    }

    @Test("μ̃ is μ̂ + v·L⁻ᵀz (z the policy's own normals) within the derived bound, before and after a refactorisation", arguments: [1, 5, 24], [301, 1_100])
    func drawMatchesDefinition(dimension d: Int, updates: Int) throws {
        // The ridge refactorises every 1 024 updates, recomputing c; 1 100 crosses one.
        var policy = try Self.trained(dimension: d, updates: updates, seed: 40 + UInt64(d))
        var features = ArmFeatures(dimension: d, armCount: 4)
        var random = LinearTestRandom(seed: 3)
        features.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] = random.normal() } }
        // The same normals the policy is about to draw.
        var replica = policy.generator
        let z = (0..<d).map { _ in replica.nextStandardNormal(table: ZigguratNormalTable.shared) }
        _ = try policy.selectArm(features: features)
        let drawn = Array(policy.sample.storage)
        let ridge = policy.ridge, v = policy.posteriorScale
        // Extended-precision reference from the exact state: L, b, z.
        let l = (0..<(d * d)).map { Float80(ridge.factor.lower.storage[$0]) }
        func lower(_ i: Int, _ j: Int) -> Float80 { l[i + j * d] }
        let b = ridge.response.storage.map(Float80.init)
        var y = [Float80](repeating: 0, count: d)
        for i in 0..<d { y[i] = (b[i] - (0..<i).reduce(Float80(0)) { $0 + lower(i, $1) * y[$1] }) / lower(i, i) }
        var w = [Float80](repeating: 0, count: d)
        for i in 0..<d { w[i] = y[i] + Float80(v) * Float80(z[i]) }
        var reference = [Float80](repeating: 0, count: d)
        for i in stride(from: d - 1, through: 0, by: -1) {
            reference[i] = (w[i] - ((i + 1)..<d).reduce(Float80(0)) { $0 + lower($1, i) * reference[$1] }) / lower(i, i)
        }
        // ‖L⁻¹‖_F from the extended-precision inverse (an upper bound on ‖L⁻¹‖₂).
        var inverse = [Float80](repeating: 0, count: d * d)
        for column in 0..<d {
            for i in column..<d {
                let rhs: Float80 = i == column ? 1 : 0
                inverse[i + column * d] = (rhs - (column..<i).reduce(Float80(0)) { $0 + lower(i, $1) * inverse[$1 + column * d] }) / lower(i, i)
            }
        }
        let inverseNorm = Double(inverse.reduce(Float80(0)) { $0 + $1 * $1 }.squareRoot())
        // The carried c's drift: ‖c − L⁻¹b‖ ≤ ‖L⁻¹‖‖Lc − b‖.
        let c = ridge.whitenedResponse.storage.map(Float80.init)
        var cResidual: Float80 = 0
        for i in 0..<d {
            let r = (0...i).reduce(Float80(0)) { $0 + lower(i, $1) * c[$1] } - b[i]
            cResidual += r * r
        }
        // The solve Lᵀμ̃ = fl(c + v·z): (L + ΔL)ᵀμ̃ = w + Δw with |ΔL| ≤ γ_d|L| (Higham Thm 8.5)
        // and |Δw| ≤ γ₂(|c| + v|z|), so ‖μ̃ − L⁻ᵀw‖ ≤ ‖L⁻¹‖(γ_d‖|L|ᵀ|μ̃|‖ + ‖Δw‖).
        func gamma(_ k: Int) -> Double { Double(k) * 0x1p-53 / (1 - Double(k) * 0x1p-53) }
        var lt = 0.0, dw = 0.0
        for i in 0..<d {
            let t = (i..<d).reduce(0.0) { $0 + abs(Double(lower($1, i))) * abs(drawn[$1]) }
            lt += t * t
            let e = gamma(2) * (abs(Double(c[i])) + v * abs(z[i]))
            dw += e * e
        }
        let bound = inverseNorm * inverseNorm * Double(cResidual.squareRoot())
            + inverseNorm * (gamma(d) * lt.squareRoot() + dw.squareRoot())
        let error = zip(drawn, reference).reduce(0.0) { $0 + pow(($1.0 - Double($1.1)), 2) }.squareRoot()
        #expect(error <= bound, "d \(d): ‖μ̃ − (μ̂ + v·L⁻ᵀz)‖ = \(error), bound \(bound)")
        #expect(bound < 1e-8 * (1 + Double(reference.reduce(Float80(0)) { $0 + $1 * $1 }.squareRoot())), "the bound itself is meaningful")
    }

    @Test("20 000 draws: whitened Lᵀ(μ̃ − μ̂)/v has mean 0, identity covariance (CLT bounds) and N(0, 1) marginals (KS)")
    func drawsFollowThePosterior() throws {
        let d = 3, n = 20_000
        var policy = try Self.trained(dimension: d, updates: 40, seed: 11)
        let features = ArmFeatures(dimension: d, armCount: 4)
        let theta = Array(policy.ridge.estimate.storage), v = policy.posteriorScale
        let l = policy.ridge.factor.lower
        var whitened = [[Double]](repeating: [], count: d)
        for _ in 0..<n {
            _ = try policy.selectArm(features: features)
            let delta = (0..<d).map { (policy.sample[$0] - theta[$0]) / v }
            for i in 0..<d { whitened[i].append((i..<d).reduce(0.0) { $0 + l[$1, i] * delta[$1] }) }
        }
        let count = Double(n)
        for i in 0..<d {
            // Mean within 4.5 standard errors; covariance entries within 4.5·√(2/n) (the
            // variance of a product of independent or equal standard normals is at most 2).
            let mean = whitened[i].reduce(0, +) / count
            #expect(abs(mean) <= 4.5 / count.squareRoot(), "mean \(i)")
            for j in 0...i {
                let covariance = zip(whitened[i], whitened[j]).reduce(0.0) { $0 + $1.0 * $1.1 } / count
                #expect(abs(covariance - (i == j ? 1 : 0)) <= 4.5 * (2 / count).squareRoot(), "covariance \(i),\(j)")
            }
            // Kolmogorov–Smirnov against Φ at the 0.1 % level (critical value 1.95/√n).
            let sorted = whitened[i].sorted()
            var statistic = 0.0
            for (k, x) in sorted.enumerated() {
                let cdf = 0.5 * erfc(-x / 2.0.squareRoot())
                statistic = max(statistic, abs(cdf - Double(k) / count), abs(Double(k + 1) / count - cdf))
            }
            #expect(statistic <= 1.95 / count.squareRoot(), "KS \(i)")
        }
    }
}
