import Foundation
import LinearAlgebra
import Testing

func randomArray(_ count: Int, _ rng: inout SplitMix64, _ a: Double = -1, _ b: Double = 1) -> [Double] {
    (0..<count).map { _ in rng.uniform(a, b) }
}

func randomVector(_ count: Int, _ rng: inout SplitMix64) -> Vector {
    Vector(randomArray(count, &rng))
}

func randomMatrix(_ rows: Int, _ columns: Int, _ rng: inout SplitMix64) -> Matrix {
    try! Matrix(rows: rows, columns: columns, columnMajor: randomArray(rows * columns, &rng))
}

/// A random, exactly (bitwise) symmetric matrix.
func randomSymmetric(_ n: Int, _ rng: inout SplitMix64) -> Matrix {
    var a = Matrix(rows: n, columns: n, repeating: 0)
    for j in 0..<n {
        for i in j..<n {
            let v = rng.uniform(-1, 1)
            a[i, j] = v
            a[j, i] = v
        }
    }
    return a
}

/// A square matrix whose chosen triangle is random with a diagonal bounded away from zero;
/// the other triangle is filled with NaN so that any read of it poisons the result.
func randomTriangular(_ n: Int, _ triangle: Triangle, _ rng: inout SplitMix64) -> Matrix {
    var t = Matrix(rows: n, columns: n, repeating: .nan)
    let offDiagonalScale = 1 / Double(max(n, 1)).squareRoot()
    for j in 0..<n {
        for i in 0..<n {
            if i == j {
                t[i, j] = (rng.unit() < 0.5 ? -1 : 1) * rng.uniform(1, 2)
            } else if (triangle == .lower) == (i > j) {
                t[i, j] = offDiagonalScale * rng.uniform(-1, 1)
            }
        }
    }
    return t
}

/// A symmetric positive-definite test matrix with what is known about it.
///
/// `smallestEigenvalueBound` ≤ λ_min and `largestEigenvalueBound` ≥ λ_max hold for the matrix as
/// stored (including the rounding made while forming it), so ‖A⁻¹‖₂ ≤ 1/smallestEigenvalueBound
/// and κ₂(A) ≤ conditionBound are rigorous.
struct SPDCase: CustomTestStringConvertible, Sendable {
    var name: String
    var matrix: Matrix
    var smallestEigenvalueBound: Double
    var largestEigenvalueBound: Double
    /// log det of the stored matrix when it is known exactly.
    var exactLogDeterminant: Double?
    /// A right-hand side and the exact solution of A x = b, when known.
    var exactSystem: (b: [Double], x: [Double])?

    var n: Int { matrix.rows }
    var inverseNormBound: Double { 1 / smallestEigenvalueBound }
    var conditionBound: Double { largestEigenvalueBound / smallestEigenvalueBound }
    var trace: Double { (0..<n).reduce(0) { $0 + matrix[$1, $1] } }
    var testDescription: String { "\(name) (n = \(n))" }
}

/// A = I + G Gᵀ / m with G an n × m standard normal matrix: λ_min ≥ 1 and
/// λ_max ≤ 1 + ‖G‖²_F / m, so it is well conditioned. Rounding while forming A is at most
/// γ_{m+2}·(1 + |G||G|ᵀ/m) entrywise, whose Frobenius norm δ ≤ γ_{m+2}(√n + ‖G‖²_F/m) shifts
/// eigenvalues by at most δ (Weyl); the bounds include it.
func wellConditionedSPD(_ n: Int, seed: UInt64) -> SPDCase {
    var rng = SplitMix64(seed: seed)
    let m = 8
    let g = (0..<(n * m)).map { _ in rng.normal() }
    var a = Matrix(rows: n, columns: n, repeating: 0)
    var gFrobeniusSquared = 0.0
    for v in g { gFrobeniusSquared += v * v }
    for j in 0..<n {
        for i in j..<n {
            var sum = 0.0
            for k in 0..<m { sum += g[i + k * n] * g[j + k * n] }
            let v = (i == j ? 1 : 0) + sum / Double(m)
            a[i, j] = v
            a[j, i] = v
        }
    }
    let spread = gFrobeniusSquared / Double(m)
    let delta = gamma(m + 2) * (Double(n).squareRoot() + spread)
    return SPDCase(
        name: "I + GGᵀ/m", matrix: a,
        smallestEigenvalueBound: 1 - delta, largestEigenvalueBound: 1 + spread + delta,
        exactLogDeterminant: nil, exactSystem: nil)
}

/// An ill-conditioned SPD matrix formed *exactly* in floating point, with exactly known
/// eigenvalues, log-determinant and solution.
///
/// A = S P (H D H / n) Pᵀ S, where H is the n × n Sylvester–Hadamard matrix
/// (Hᵢₖ = (−1)^popcount(i & k), H² = nI, so H/√n is orthogonal), D = diag(2^−eₖ) with integer
/// eₖ ∈ [0, E] (both ends present, so κ₂(A) = 2^E exactly), P a random permutation and S random
/// signs. Because popcount(i&k) + popcount(j&k) ≡ popcount((i⊕j)&k) (mod 2), every entry is
/// (1/n) Σₖ ±2^−eₖ: a sum of dyadic numbers spanning log₂n + E + 1 ≤ 53 bits, hence exact.
/// With integer xⱼ ∈ [−4, 4], b = A x is exact too when 2 + 2·log₂n + E + 1 ≤ 53.
func hadamardSPD(log2n: Int, log2Condition e: Int, seed: UInt64) -> SPDCase {
    precondition(2 + 2 * log2n + e + 1 <= 53, "entries of A or b would not be exact")
    var rng = SplitMix64(seed: seed)
    let n = 1 << log2n
    var exponents = (0..<n).map { _ in rng.integer(in: 0...e) }
    exponents[0] = 0
    if n > 1 { exponents[n - 1] = e }
    func f(_ mask: Int) -> Double {
        var sum = 0.0
        for k in 0..<n {
            let d = Double(sign: .plus, exponent: -exponents[k], significand: 1)
            sum += (mask & k).nonzeroBitCount % 2 == 0 ? d : -d
        }
        return sum / Double(n)
    }
    let values = (0..<n).map(f)
    var permutation = Array(0..<n)
    permutation.shuffle(using: &rng)
    let signs = (0..<n).map { _ in rng.unit() < 0.5 ? -1.0 : 1.0 }
    var a = Matrix(rows: n, columns: n, repeating: 0)
    for j in 0..<n {
        for i in 0..<n {
            a[i, j] = signs[i] * signs[j] * values[permutation[i] ^ permutation[j]]
        }
    }
    let x = (0..<n).map { _ in Double(rng.integer(in: -4...4)) }
    var b = [Double](repeating: 0, count: n)
    for j in 0..<n {
        for i in 0..<n { b[i] += a[i, j] * x[j] }
    }
    let logDeterminant = -log(2.0) * Double(exponents.reduce(0, +))
    let smallest = Double(sign: .plus, exponent: -e, significand: 1)
    return SPDCase(
        name: "Hadamard κ=2^\(e)", matrix: a,
        smallestEigenvalueBound: smallest, largestEigenvalueBound: 1,
        exactLogDeterminant: logDeterminant, exactSystem: (b, x))
}

/// The n × n Hilbert matrix Hᵢⱼ = 1/(i + j + 1) (0-based), a classic ill-conditioned SPD matrix.
///
/// Its inverse has the closed form (1-based) (H⁻¹)ᵢⱼ = (−1)^(i+j) (i+j−1) C(n+i−1, n−j)
/// C(n+j−1, n−i) C(i+j−2, i−1)² (Choi, "Tricks or treats with the Hilbert matrix", Amer. Math.
/// Monthly 90, 1983), integers that are exact in Double for n ≤ 10. For a symmetric matrix
/// ‖·‖₂ ≤ ‖·‖₁, which bounds both λ_max(H) and 1/λ_min(H) = ‖H⁻¹‖₂ rigorously; the stored
/// matrix differs from H by at most u|H| entrywise, which the bounds absorb (Weyl). With
/// integer x, b = H x is not exact in floating point, so only the exact inverse is recorded.
func hilbertSPD(_ n: Int) -> (spd: SPDCase, exactInverse: [Double]) {
    precondition(n >= 1 && n <= 10)
    func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        var result = 1.0
        for i in 0..<k { result = result * Double(n - i) / Double(i + 1) }
        return result.rounded()
    }
    var h = Matrix(rows: n, columns: n, repeating: 0)
    var inverse = [Double](repeating: 0, count: n * n)
    for j in 1...n {
        for i in 1...n {
            h[i - 1, j - 1] = 1 / Double(i + j - 1)
            let sign: Double = (i + j) % 2 == 0 ? 1 : -1
            let c = binomial(i + j - 2, i - 1)
            inverse[(i - 1) + (j - 1) * n] = sign * Double(i + j - 1) * binomial(n + i - 1, n - j) * binomial(n + j - 1, n - i) * c * c
        }
    }
    func oneNorm(_ m: [Double]) -> Double {
        (0..<n).map { j in (0..<n).reduce(0) { $0 + abs(m[$1 + j * n]) } }.max() ?? 0
    }
    let hNorm = oneNorm(h.storage)
    let dataError = u * frobeniusNorm(h.storage)
    let spd = SPDCase(
        name: "Hilbert", matrix: h,
        smallestEigenvalueBound: 1 / oneNorm(inverse) - dataError,
        largestEigenvalueBound: hNorm + dataError,
        exactLogDeterminant: nil, exactSystem: nil)
    return (spd, inverse)
}

/// The SPD matrices the Cholesky tests run on, built lazily per test.
enum SPDKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// 1 × 1.
    case single
    /// 200 × 200, κ₂ ≤ 1 + ‖G‖²_F/m ≈ 2e2.
    case wellConditioned
    /// 128 × 128, κ₂ = 2³³ ≈ 8.6e9 exactly, exactly representable.
    case hadamard
    /// 8 × 8 Hilbert, κ₂ ≈ 1.5e10.
    case hilbert

    func make() -> SPDCase {
        switch self {
        case .single: return wellConditionedSPD(1, seed: 0x500)
        case .wellConditioned: return wellConditionedSPD(200, seed: 0x501)
        case .hadamard: return hadamardSPD(log2n: 7, log2Condition: 33, seed: 0x502)
        case .hilbert: return hilbertSPD(8).spd
        }
    }

    var testDescription: String { rawValue }
}
