import BanditCore
import Foundation
import LinearAlgebra
import Testing
@testable import BanditPolicies

/// Dense linear algebra written out plainly (Gaussian elimination with partial pivoting), so the
/// references below share no code with the Cholesky/BLAS path.
enum Dense {
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
        var a = matrix, b = rhs
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            a.swapAt(column, pivot); b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }
    static func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }
    static func identity(_ d: Int, _ lambda: Double) -> [[Double]] {
        (0..<d).map { i in (0..<d).map { $0 == i ? lambda : 0 } }
    }
    static func addOuter(_ a: inout [[Double]], _ x: [Double], scale: Double) {
        for i in x.indices { for j in x.indices { a[i][j] += scale * x[i] * x[j] } }
    }
}

/// CRTM written out from its definition (see ``CRTM``): V and θ as plain arrays, V⁻¹x by
/// elimination, the truncation and the step exactly as stated.
struct NaiveCRTM {
    let d: Int, link: GLMLink, epsilon: Double, u: Double, delta: Double, horizon: Int, s: Double, alpha: Double
    let lambda: Double, kappa: Double
    var v: [[Double]]
    var theta: [Double]
    var t = 1

    init(d: Int, link: GLMLink, epsilon: Double, u: Double, delta: Double, horizon: Int, s: Double, alpha: Double, lambda: Double, kappa: Double) {
        (self.d, self.link, self.epsilon, self.u, self.delta, self.horizon, self.s, self.alpha, self.lambda, self.kappa) =
            (d, link, epsilon, u, delta, horizon, s, alpha, lambda, kappa)
        v = Dense.identity(d, lambda)
        theta = [Double](repeating: 0, count: d)
    }

    var logTerm: Double { log(2 * Double(horizon) / delta) }
    var growth: Double { pow(Double(t), (1 - epsilon) / (2 * (1 + epsilon))) }
    var level: Double { pow(u / logTerm, 1 / (1 + epsilon)) * growth }
    var radius: Double {
        alpha * 4 * Double(d).squareRoot() * pow(u, 1 / (1 + epsilon)) * pow(logTerm, epsilon / (1 + epsilon)) * growth / kappa
            + lambda.squareRoot() * s
    }

    func choose(_ arms: [[Double]]) -> Int {
        let scores = arms.map { x in Dense.dot(x, theta) + radius * Dense.dot(x, Dense.solve(v, x)).squareRoot() }
        return scores.indices.max { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }!
    }

    mutating func update(_ x: [Double], _ y: Double) {
        let w = Dense.dot(x, Dense.solve(v, x)).squareRoot()
        let target = w * abs(y) <= level ? y : 0
        let g = link.mean(Dense.dot(x, theta)) - target
        Dense.addOuter(&v, x, scale: kappa)
        let step = Dense.solve(v, x)
        for i in 0..<d { theta[i] -= g * step[i] }
        t += 1
    }
}

@Suite("Heavy-tailed generalised linear bandits")
struct HeavyTailedLinearTests {
    /// Unit-norm contexts with non-negative entries and Student-t(1.5)-like heavy rewards, from
    /// an independent generator.
    struct Stream {
        var generator: SplitMix64
        init(seed: UInt64) { generator = SplitMix64(seed: seed) }
        mutating func uniform() -> Double { (Double(generator.next() >> 11) + 0.5) * 0x1p-53 }
        mutating func contexts(d: Int, k: Int) -> [[Double]] {
            (0..<k).map { _ in
                let raw = (0..<d).map { _ in uniform() }
                let norm = Dense.dot(raw, raw).squareRoot()
                return raw.map { $0 / norm }
            }
        }
        /// Symmetric Pareto-tailed noise: ±(U^{−1/1.5} − 1), E|η|^{1+ε} finite for 1 + ε < 1.5.
        mutating func heavy() -> Double {
            let magnitude = pow(uniform(), -1 / 1.5) - 1
            return uniform() < 0.5 ? -magnitude : magnitude
        }
    }

    @Test("the online Newton step with the identity link and κ = 1 is ridge regression on the targets")
    func newtonStepIsRidgeForIdentity() throws {
        var model = try OnlineNewtonGLM(dimension: 4, regularization: 0.5, link: .identity, curvature: 1)
        var ridge = try RidgeRegression(dimension: 4, regularization: 0.5)
        var stream = Stream(seed: 11)
        for _ in 0..<300 {
            let x = stream.contexts(d: 4, k: 1)[0]
            let y = 0.3 * x[0] - x[2] + stream.heavy()
            try model.update(features: x, target: y)
            try ridge.update(features: x, reward: y)
        }
        for i in 0..<4 {
            // Both are exact solutions of the same 4 × 4 system, computed along different
            // rounding paths: they agree to a few hundred ulps of the largest entry.
            #expect(abs(model.estimate[i] - ridge.estimate[i]) <= 1e-10 * (1 + abs(ridge.estimate[i])))
        }
    }

    @Test("one logistic Newton step from θ = 0 is (y − ½)·x/(λ + κ‖x‖²) (Sherman–Morrison by hand)")
    func logisticStepByHand() throws {
        var model = try OnlineNewtonGLM(dimension: 2, regularization: 2, link: .logistic, curvature: 0.25)
        try model.update(features: [0.6, 0.8], target: 0.9)
        // μ(0) = ½, V₁⁻¹x = x/(λ + κ‖x‖²) = x/2.25, so θ₁ = 0.4·x/2.25.
        #expect(abs(model.estimate[0] - 0.4 * 0.6 / 2.25) < 1e-15)
        #expect(abs(model.estimate[1] - 0.4 * 0.8 / 2.25) < 1e-15)
    }

    @Test("CRTM matches a plain implementation decision for decision", arguments: [(GLMLink.identity, 1.0), (.logistic, 0.5)])
    func crtmMatchesReference(link: GLMLink, epsilon: Double) throws {
        let d = 3, k = 6, horizon = 400
        var policy = try CRTM(
            armCount: k, dimension: d, link: link, epsilon: epsilon, momentBound: 2, confidence: 0.05, horizon: horizon,
            parameterBound: 1, radiusScale: 0.05, regularization: 1)
        var reference = NaiveCRTM(
            d: d, link: link, epsilon: epsilon, u: 2, delta: 0.05, horizon: horizon, s: 1, alpha: 0.05, lambda: 1,
            kappa: link.curvatureLowerBound(predictorBound: 1))
        var stream = Stream(seed: 5)
        var truncations = 0
        for _ in 0..<horizon {
            let arms = stream.contexts(d: d, k: k)
            let chosen = try policy.selectArm(features: ArmFeatures(arms: arms))
            #expect(chosen == reference.choose(arms))
            let y = arms[chosen][0] + 3 * stream.heavy()
            let before = policy.truncatedCount
            try policy.update(arm: chosen, features: arms[chosen], reward: y)
            reference.update(arms[chosen], y)
            truncations += policy.truncatedCount - before
        }
        #expect(truncations > 0, "the heavy noise must trigger the truncation for the test to cover it")
        for i in 0..<d { #expect(abs(policy.model.estimate[i] - reference.theta[i]) <= 1e-9 * (1 + abs(reference.theta[i]))) }
    }

    @Test("CRTM's truncation level and radius follow the stated formulas at ε = 1 (no growth in t)")
    func crtmFormulas() throws {
        let policy = try CRTM(armCount: 2, dimension: 4, epsilon: 1, momentBound: 9, confidence: 0.1, horizon: 500, parameterBound: 2, regularization: 4)
        let logTerm = log(2 * 500 / 0.1)
        #expect(abs(policy.truncationLevel(round: 1) - (9 / logTerm).squareRoot()) < 1e-14)
        #expect(abs(policy.truncationLevel(round: 400) - (9 / logTerm).squareRoot()) < 1e-14)
        // 4√d·u^{1/2}·ln(2T/δ)^{1/2}/κ + √λ·S with κ = 1.
        #expect(abs(policy.radius(round: 7) - (4 * 2 * 3 * logTerm.squareRoot() + 2 * 2)) < 1e-12)
        let half = try CRTM(armCount: 2, dimension: 1, epsilon: 0.5, momentBound: 1, confidence: 0.1, horizon: 500, parameterBound: 0)
        // t^{(1−ε)/(2(1+ε))} = t^{1/6}.
        #expect(abs(half.truncationLevel(round: 64) / half.truncationLevel(round: 1) - 2) < 1e-12)
    }

    @Test("CRMM repeats one vector r times, then steps on the median of its rewards")
    func crmmEpoch() throws {
        var policy = try CRMM(armCount: 3, dimension: 2, epochLength: 5, momentBound: 1, confidence: 0.1, radiusScale: 1)
        let arms = try ArmFeatures(arms: [[1, 0], [0.6, 0.8], [0, 1]])
        let first = try policy.selectArm(features: arms)
        let rewards = [0.2, 40, -3, 0.5, 0.1]
        for (index, reward) in rewards.enumerated() {
            #expect(try policy.selectArm(features: arms) == first)
            try policy.update(arm: first, features: arms.column(first), reward: reward)
            #expect(policy.epochCount == (index == 4 ? 1 : 0))
        }
        var expected = try OnlineNewtonGLM(dimension: 2, regularization: 1, link: .identity, curvature: 1)
        try expected.update(features: arms.column(first), target: 0.2)  // the median of the five
        #expect(policy.model == expected)
    }

    @Test("a CRMM epoch whose vector vanishes ends early with the median of what it collected")
    func crmmShortEpoch() throws {
        var policy = try CRMM(armCount: 2, dimension: 2, epochLength: 4)
        let first = try ArmFeatures(arms: [[1, 0], [0, 1]])
        let arm = try policy.selectArm(features: first)
        try policy.update(arm: arm, features: first.column(arm), reward: 1)
        try policy.update(arm: arm, features: first.column(arm), reward: 3)
        let second = try ArmFeatures(arms: [[0.8, 0.6], [0.6, 0.8]])
        let next = try policy.selectArm(features: second)  // the vector is gone: a fresh choice
        #expect(policy.epochCount == 0)
        try policy.update(arm: next, features: second.column(next), reward: 0)
        #expect(policy.epochCount == 1)
        var expected = try OnlineNewtonGLM(dimension: 2, regularization: 1, link: .identity, curvature: 1)
        try expected.update(features: first.column(arm), target: 2)  // median of {1, 3}
        #expect(policy.model.estimate == expected.estimate)
    }

    @Test("CRMM's default epoch length and median bound: r = ⌈2 log₂(2T/δ)⌉, R = (8v)^{1/(1+ε)}")
    func crmmConstants() throws {
        #expect(CRMM.defaultEpochLength(horizon: 20_000, confidence: 0.01) == Int((2 * log2(4e6)).rounded(.up)))
        let policy = try CRMM(armCount: 1, dimension: 1, epochLength: 3, epsilon: 1, momentBound: 2)
        #expect(abs(policy.medianDeviationBound - 4) < 1e-14)
    }

    @Test("MENU keeps the estimate whose median V-distance to the others is smallest (hand-solved)")
    func menuMedianSelection() throws {
        var policy = try MENU(armCount: 2, dimension: 2, epochLength: 3, regularization: 1)
        let arms = try ArmFeatures(arms: [[0.6, 0.8], [1, 0]])
        let arm = try policy.selectArm(features: arms)
        let x = arms.column(arm)
        for reward in [0.0, 1, 10] {
            #expect(try policy.selectArm(features: arms) == arm)
            try policy.update(arm: arm, features: x, reward: reward)
        }
        // One epoch: θ_j = y_j·x/(λ + ‖x‖²) = y_j·x/2 and ‖θ_j − θ_k‖_V ∝ |y_j − y_k|. Medians of
        // the two distances: j=0 → (1 + 10)/2, j=1 → (1 + 9)/2, j=2 → (10 + 9)/2: j = 1, y = 1.
        #expect(policy.epochCount == 1)
        for i in 0..<2 { #expect(abs(policy.estimate[i] - x[i] / 2) < 1e-14) }
    }

    @Test("MENU's epoch length and radius follow Shao et al. (2018), Theorem 2")
    func menuConstants() throws {
        #expect(MENU.defaultEpochLength(horizon: 1000, confidence: 0.01) == Int((24 * (1 + log(1e5))).rounded(.up)))
        let policy = try MENU(armCount: 1, dimension: 4, epochLength: 2, epsilon: 1, momentBound: 1, parameterBound: 1, regularization: 1)
        #expect(abs(policy.radius - 3 * (36.0.squareRoot() + 1)) < 1e-12)
    }

    @Test("rewards of 10³⁰⁰ and Pareto α = 1.05 draws never make θ or a score infinite or NaN")
    func numericalSafety() throws {
        var stream = Stream(seed: 99)
        var crtm = try CRTM(armCount: 4, dimension: 3, horizon: 2_000)
        var crmm = try CRMM(armCount: 4, dimension: 3, epochLength: 3)
        var menu = try MENU(armCount: 4, dimension: 3, epochLength: 3)
        func reward(_ round: Int) -> Double {
            // Alternate 10³⁰⁰ spikes with one-sided Pareto(α = 1.05) draws U^{−1/1.05}.
            round % 7 == 0 ? (round % 14 == 0 ? 1e300 : -1e300) : pow(stream.uniform(), -1 / 1.05)
        }
        func step<P: ContextualPolicy & Equatable>(_ policy: inout P, _ arms: [[Double]], _ y: Double) throws {
            let features = try ArmFeatures(arms: arms)
            let arm = try policy.selectArm(features: features)
            let before = policy
            do { try policy.update(arm: arm, features: arms[arm], reward: y) } catch BanditError.numerical {
                // Refusing an update that would overflow is allowed; it must leave the policy as it was.
                #expect(policy == before)
            }
        }
        let arms = stream.contexts(d: 3, k: 4)
        for round in 1...600 {
            let y = reward(round)
            try step(&crtm, arms, y)
            try step(&crmm, arms, y)
            try step(&menu, arms, y)
        }
        let finite = [crtm.model.estimate, crmm.model.estimate, menu.estimate].map { $0.allSatisfy { $0.isFinite } }
        #expect(finite == [true, true, true])
        #expect(crtm.truncatedCount >= 600 / 7, "every 10³⁰⁰ reward is truncated")
        #expect(crtm.radius(round: 601).isFinite && crmm.radius.isFinite && menu.radius.isFinite)
    }

    @Test("bad input is rejected with a typed error and leaves the policy unchanged")
    func badInput() throws {
        var crtm = try CRTM(armCount: 2, dimension: 2, horizon: 10)
        var crmm = try CRMM(armCount: 2, dimension: 2, epochLength: 3)
        var menu = try MENU(armCount: 2, dimension: 2, epochLength: 3)
        try crmm.update(arm: 0, features: [1, 0], reward: 1)
        let (crtm0, crmm0, menu0) = (crtm, crmm, menu)
        #expect(throws: BanditError.nonFiniteReward(arm: 0, value: .infinity)) { try crtm.update(arm: 0, features: [1, 0], reward: .infinity) }
        #expect(throws: BanditError.unknownArm(arm: 2, armCount: 2)) { try crmm.update(arm: 2, features: [1, 0], reward: 1) }
        #expect(throws: BanditError.dimensionMismatch(name: "features", expected: 2, actual: 3)) {
            try menu.update(arm: 0, features: [1, 0, 0], reward: 1)
        }
        #expect(throws: BanditError.self) { _ = try crtm.selectArm(features: ArmFeatures(arms: [[.nan, 0], [1, 0]])) }
        #expect(crtm == crtm0 && crmm == crmm0 && menu == menu0)
        #expect(throws: BanditError.self) { _ = try CRTM(armCount: 2, dimension: 2, epsilon: 1.5, horizon: 10) }
        #expect(throws: BanditError.self) { _ = try CRTM(armCount: 2, dimension: 2, confidence: 1, horizon: 10) }
        #expect(throws: BanditError.self) { _ = try CRMM(armCount: 2, dimension: 2, epochLength: 0) }
        #expect(throws: BanditError.self) { _ = try MENU(armCount: 2, dimension: 2, epochLength: 3, momentBound: -1) }
        #expect(throws: BanditError.self) { _ = try OnlineNewtonGLM(dimension: 2, regularization: 1, link: .logistic, curvature: 0) }
    }
}
