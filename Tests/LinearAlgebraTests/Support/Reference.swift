import LinearAlgebra

/// Naive, obviously-correct implementations written from the textbook definitions with plain
/// loops. They are what every BLAS/LAPACK result is compared against, and they deliberately
/// share no code with the module under test (only its value types for input/output).
///
/// Several also return the "magnitude" that the rounding-error bound of the operation is
/// proportional to, e.g. |α||A||x| + |β||y| for gemv.
enum Reference {
    static func dot(_ x: [Double], _ y: [Double]) -> (value: Double, magnitude: Double) {
        var sum = 0.0
        var magnitude = 0.0
        for i in x.indices {
            sum += x[i] * y[i]
            magnitude += abs(x[i] * y[i])
        }
        return (sum, magnitude)
    }

    /// op(A) as a plain column-major array of shape rows × columns of op(A), so that the loops
    /// below index a local array (fast even in debug builds).
    static func materialize(_ a: Matrix, _ op: Transpose) -> (values: [Double], rows: Int, columns: Int) {
        let s = a.storage
        guard op == .transpose else { return (s, a.rows, a.columns) }
        var t = [Double](repeating: 0, count: s.count)
        for j in 0..<a.columns {
            for i in 0..<a.rows { t[j + i * a.columns] = s[i + j * a.rows] }
        }
        return (t, a.columns, a.rows)
    }

    static func gemv(
        _ op: Transpose, alpha: Double, _ a: Matrix, _ x: [Double], beta: Double, _ y: [Double]
    ) -> (value: [Double], magnitude: [Double]) {
        let (oa, m, k) = materialize(a, op)
        var value = [Double](repeating: 0, count: m)
        var magnitude = [Double](repeating: 0, count: m)
        for i in 0..<m {
            var sum = 0.0
            var mag = 0.0
            for j in 0..<k {
                let t = oa[i + j * m] * x[j]
                sum += t
                mag += abs(t)
            }
            value[i] = alpha * sum + (beta == 0 ? 0 : beta * y[i])
            magnitude[i] = abs(alpha) * mag + abs(beta) * abs(y[i])
        }
        return (value, magnitude)
    }

    static func gemm(
        _ opA: Transpose, _ a: Matrix, _ opB: Transpose, _ b: Matrix,
        alpha: Double, beta: Double, _ c: Matrix
    ) -> (value: [Double], magnitude: [Double]) {
        let (oa, m, k) = materialize(a, opA)
        let (ob, _, n) = materialize(b, opB)
        let cs = c.storage
        var value = [Double](repeating: 0, count: m * n)
        var magnitude = [Double](repeating: 0, count: m * n)
        for j in 0..<n {
            for i in 0..<m {
                var sum = 0.0
                var mag = 0.0
                for p in 0..<k {
                    let t = oa[i + p * m] * ob[p + j * k]
                    sum += t
                    mag += abs(t)
                }
                let cij = cs[i + j * m]
                value[i + j * m] = alpha * sum + (beta == 0 ? 0 : beta * cij)
                magnitude[i + j * m] = abs(alpha) * mag + abs(beta) * abs(cij)
            }
        }
        return (value, magnitude)
    }

    /// A + α x xᵀ on every entry independently.
    static func rankOneUpdate(_ a: Matrix, alpha: Double, _ x: [Double]) -> (value: [Double], magnitude: [Double]) {
        let n = a.rows
        var value = a.storage
        var magnitude = a.storage.map(abs)
        for j in 0..<n {
            for i in 0..<n {
                value[i + j * n] += alpha * x[i] * x[j]
                magnitude[i + j * n] += abs(alpha * x[i] * x[j])
            }
        }
        return (value, magnitude)
    }

    /// The dense matrix M = op(T) where T is the chosen triangle of `t` (unit diagonal if
    /// asked), together with whether M is lower triangular.
    static func triangularOperator(
        _ t: Matrix, _ triangle: Triangle, _ op: Transpose, unitDiagonal: Bool
    ) -> (matrix: [Double], isLower: Bool) {
        let n = t.rows
        let s = t.storage
        var m = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            for i in 0..<n {
                let (r, c) = op == .noTranspose ? (i, j) : (j, i)
                let inTriangle = r == c || (triangle == .lower ? r > c : r < c)
                guard inTriangle else { continue }
                m[i + j * n] = (r == c && unitDiagonal) ? 1 : s[r + c * n]
            }
        }
        return (m, (triangle == .lower) == (op == .noTranspose))
    }

    /// Forward or back substitution on a dense triangular n × n matrix.
    static func substitute(_ m: [Double], n: Int, isLower: Bool, _ b: [Double]) -> [Double] {
        var x = b
        if isLower {
            for i in 0..<n {
                var sum = x[i]
                for j in 0..<i { sum -= m[i + j * n] * x[j] }
                x[i] = sum / m[i + i * n]
            }
        } else {
            for i in stride(from: n - 1, through: 0, by: -1) {
                var sum = x[i]
                for j in (i + 1)..<n { sum -= m[i + j * n] * x[j] }
                x[i] = sum / m[i + i * n]
            }
        }
        return x
    }

    /// |M⁻¹| for a triangular M, column by column through substitution.
    static func absoluteInverse(_ m: [Double], n: Int, isLower: Bool) -> [Double] {
        var result = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            let column = substitute(m, n: n, isLower: isLower, e)
            for i in 0..<n { result[i + j * n] = abs(column[i]) }
        }
        return result
    }

    /// Dense n × n matrix times vector, plain loops.
    static func multiply(_ m: [Double], n: Int, _ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for i in 0..<n { y[i] += m[i + j * n] * x[j] }
        }
        return y
    }

    /// Cholesky–Banachiewicz on the lower triangle; `nil` if a pivot is not positive.
    static func cholesky(_ a: Matrix) -> [Double]? {
        let n = a.rows
        let s = a.storage
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var d = s[j + j * n]
            for k in 0..<j { d -= l[j + k * n] * l[j + k * n] }
            guard d > 0 else { return nil }
            let ljj = d.squareRoot()
            l[j + j * n] = ljj
            for i in (j + 1)..<n {
                var v = s[i + j * n]
                for k in 0..<j { v -= l[i + k * n] * l[j + k * n] }
                l[i + j * n] = v / ljj
            }
        }
        return l
    }

    /// L Lᵀ and |L||Lᵀ| for a dense lower-triangular L.
    static func lowerTimesTranspose(_ l: [Double], n: Int) -> (value: [Double], magnitude: [Double]) {
        var value = [Double](repeating: 0, count: n * n)
        var magnitude = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            for i in 0..<n {
                var sum = 0.0
                var mag = 0.0
                for k in 0...min(i, j) {
                    let t = l[i + k * n] * l[j + k * n]
                    sum += t
                    mag += abs(t)
                }
                value[i + j * n] = sum
                magnitude[i + j * n] = mag
            }
        }
        return (value, magnitude)
    }

    /// Solves A x = b given a lower Cholesky factor, by two substitutions.
    static func choleskySolve(_ l: [Double], n: Int, _ b: [Double]) -> [Double] {
        var lt = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0..<n { lt[i + j * n] = l[j + i * n] } }
        return substitute(lt, n: n, isLower: false, substitute(l, n: n, isLower: true, b))
    }
}
