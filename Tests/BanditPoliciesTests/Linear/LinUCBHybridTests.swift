import BanditCore
import Foundation
import LinearAlgebra
import Testing
@testable import BanditPolicies

/// Li et al. (2010), Algorithm 2, written literally with explicit solves (no factor updates,
/// no rewriting of s): the reference the hybrid policy must match score for score.
struct NaiveHybridLinUCB {
    let k: Int, d: Int, alpha: Double
    var a0: [[Double]], b0: [Double]
    var aa: [[[Double]]], ba: [[[Double]]], bb: [[Double]]  // A_a, B_a (d × k), b_a

    init(arms: Int, k: Int, d: Int, alpha: Double) {
        self.k = k; self.d = d; self.alpha = alpha
        a0 = Self.identity(k); b0 = Array(repeating: 0, count: k)
        aa = Array(repeating: Self.identity(d), count: arms)
        ba = Array(repeating: Array(repeating: Array(repeating: 0, count: k), count: d), count: arms)
        bb = Array(repeating: Array(repeating: 0, count: d), count: arms)
    }

    static func identity(_ n: Int) -> [[Double]] { (0..<n).map { i in (0..<n).map { i == $0 ? 1 : 0 } } }
    static func dot(_ u: [Double], _ v: [Double]) -> Double { zip(u, v).reduce(0) { $0 + $1.0 * $1.1 } }
    static func times(_ m: [[Double]], _ v: [Double]) -> [Double] { m.map { dot($0, v) } }
    static func transposeTimes(_ m: [[Double]], _ v: [Double]) -> [Double] {
        (0..<m[0].count).map { j in (0..<m.count).reduce(0) { $0 + m[$1][j] * v[$1] } }
    }
    static func solveColumns(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {  // A⁻¹B, B row-major d × k
        let columns = (0..<b[0].count).map { j in NaiveLinearAlgebra.solve(a, b.map { $0[j] }) }
        return (0..<b.count).map { i in columns.map { $0[i] } }
    }

    func scores(z: [[Double]], x: [[Double]]) -> [Double] {
        let beta = NaiveLinearAlgebra.solve(a0, b0)
        return (0..<aa.count).map { a in
            let theta = NaiveLinearAlgebra.solve(aa[a], zip(bb[a], Self.times(ba[a], beta)).map { $0 - $1 })
            let a0z = NaiveLinearAlgebra.solve(a0, z[a])
            let aax = NaiveLinearAlgebra.solve(aa[a], x[a])
            let btAax = Self.transposeTimes(ba[a], aax)
            let s = Self.dot(z[a], a0z) - 2 * Self.dot(z[a], NaiveLinearAlgebra.solve(a0, btAax)) + Self.dot(x[a], aax)
                + Self.dot(btAax, NaiveLinearAlgebra.solve(a0, btAax))
            return Self.dot(z[a], beta) + Self.dot(x[a], theta) + alpha * s.squareRoot()
        }
    }

    mutating func update(arm a: Int, z: [Double], x: [Double], r: Double) {
        func projections() -> ([[Double]], [Double]) {
            let aInvB = Self.solveColumns(aa[a], ba[a])
            let gram = (0..<k).map { i in (0..<k).map { j in (0..<d).reduce(0) { $0 + ba[a][$1][i] * aInvB[$1][j] } } }
            return (gram, Self.transposeTimes(ba[a], NaiveLinearAlgebra.solve(aa[a], bb[a])))
        }
        let (g1, v1) = projections()
        for i in 0..<k { b0[i] += v1[i]; for j in 0..<k { a0[i][j] += g1[i][j] } }
        for i in 0..<d { bb[a][i] += r * x[i]; for j in 0..<d { aa[a][i][j] += x[i] * x[j] }; for j in 0..<k { ba[a][i][j] += x[i] * z[j] } }
        let (g2, v2) = projections()
        for i in 0..<k { b0[i] += r * z[i] - v2[i]; for j in 0..<k { a0[i][j] += z[i] * z[j] - g2[i][j] } }
    }
}

@Suite("LinUCBHybrid")
struct LinUCBHybridTests {
    @Test("matches a literal Algorithm 2 score for score (shared rows 0..<2, per-arm rows 2..<5)")
    func matchesAlgorithm2() throws {
        let arms = 3, rows = 5
        var policy = try LinUCBHybrid(armCount: arms, dimension: rows, sharedRows: 0..<2, armRows: 2..<5, explorationScale: 0.7)
        var naive = NaiveHybridLinUCB(arms: arms, k: 2, d: 3, alpha: 0.7)
        var random = LinearTestRandom(seed: 8)
        for _ in 0..<60 {
            let columns = (0..<arms).map { _ in random.vector(rows) }
            let features = try ArmFeatures(arms: columns)
            let arm = try policy.selectArm(features: features)
            let expected = naive.scores(z: columns.map { Array($0[0..<2]) }, x: columns.map { Array($0[2..<5]) })
            for a in 0..<arms {
                // Both are backward-stable evaluations of the same formula on matrices with
                // κ ≤ trace/λ ≤ 10³ here: agreement to 10⁻⁹ relative.
                #expect(abs(policy.scores[a] - expected[a]) <= 1e-9 * (1 + abs(expected[a])))
            }
            let reward = random.normal()
            try policy.update(arm: arm, features: columns[arm], reward: reward)
            naive.update(arm: arm, z: Array(columns[arm][0..<2]), x: Array(columns[arm][2..<5]), r: reward)
        }
        for i in 0..<2 { for j in 0..<2 { #expect(policy.sharedGram[i, j].bitPattern == policy.sharedGram[j, i].bitPattern) } }
    }

    @Test("bad input: typed error, state unchanged")
    func typedErrors() throws {
        var policy = try LinUCBHybrid(armCount: 2, dimension: 2)
        try policy.update(arm: 1, features: [1, 2], reward: 1)
        let snapshot = policy
        #expect(throws: BanditError.self) { try policy.update(arm: 2, features: [1, 2], reward: 1) }
        #expect(throws: BanditError.self) { try policy.update(arm: 0, features: [1, .nan], reward: 1) }
        #expect(throws: BanditError.self) { _ = try policy.selectArm(features: try ArmFeatures(arms: [[1], [2]])) }
        #expect(policy == snapshot)
        #expect(throws: BanditError.self) { _ = try LinUCBHybrid(armCount: 2, dimension: 2, sharedRows: 0..<3) }
    }
}
