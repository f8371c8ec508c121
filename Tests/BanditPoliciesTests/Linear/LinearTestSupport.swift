import BanditCore
import Foundation
import LinearAlgebra

/// Independent test randomness (SplitMix64 plus Box–Muller), sharing no sampler code with the library.
struct LinearTestRandom {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 }

    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return sqrt(-2 * log(u)) * cos(2 * Double.pi * v)
    }

    mutating func vector(_ d: Int, scale: Double = 1) -> [Double] { (0..<d).map { _ in scale * normal() } }

    /// The `step`-th of a stream of duplicated, collinear and tiny contexts mixed with ordinary
    /// ones: `anchor` itself, 10³·anchor, a vector of scale 10⁻⁶, a fresh standard one, in turn.
    mutating func mixedContext(step: Int, anchor: [Double]) -> [Double] {
        switch step % 4 {
        case 0: anchor
        case 1: anchor.map { 1e3 * $0 }
        case 2: vector(anchor.count, scale: 1e-6)
        default: vector(anchor.count)
        }
    }
}

/// Dense reference linear algebra written with plain loops (no BLAS), row-major [[Double]].
enum NaiveLinearAlgebra {
    /// Solves A x = b by Gaussian elimination with partial pivoting.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        let n = b.count
        var m = a, y = b
        for k in 0..<n {
            var pivot = k
            for i in (k + 1)..<n where abs(m[i][k]) > abs(m[pivot][k]) { pivot = i }
            m.swapAt(k, pivot); y.swapAt(k, pivot)
            for i in (k + 1)..<n {
                let factor = m[i][k] / m[k][k]
                for j in k..<n { m[i][j] -= factor * m[k][j] }
                y[i] -= factor * y[k]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for j in (i + 1)..<n { sum -= m[i][j] * x[j] }
            x[i] = sum / m[i][i]
        }
        return x
    }

    static func norm(_ v: [Double]) -> Double { sqrt(v.reduce(0) { $0 + $1 * $1 }) }

    static func frobenius(_ m: Matrix) -> Double { sqrt(m.storage.reduce(0) { $0 + $1 * $1 }) }
}
