import BanditCore
import LinearAlgebra

extension RidgeRegression: MergeableState {
    /// The ridge statistics after both replicas' observations, each replica having started from
    /// A = λI, b = 0: A = A₁ + A₂ − λI and b = b₁ + b₂ (sums of xxᵀ and r x, exact up to the
    /// rounding of one addition per entry), then L is refactorised from A and θ̂ = A⁻¹b solved.
    public func merged(with other: RidgeRegression) throws(BanditError) -> RidgeRegression {
        guard other.dimension == dimension else {
            throw .dimensionMismatch(name: "ridge (dimension)", expected: dimension, actual: other.dimension)
        }
        guard other.regularization == regularization else {
            throw .invalidParameter(name: "lambda", value: "\(other.regularization)", reason: "replicas must share λ = \(regularization)")
        }
        var result = self
        let d = dimension
        var largest = regularization
        other.lowerGram.withUnsafeBufferPointer { theirs in
            result.lowerGram.withUnsafeMutableBufferPointer { ours in
                for column in 0..<d {
                    for row in column..<d {
                        let index = row + column * d
                        ours[index] += theirs[index] - (row == column ? regularization : 0)
                    }
                    largest = Swift.max(largest, ours[column + column * d])
                }
            }
        }
        other.response.withUnsafeBufferPointer { theirs in
            result.response.withUnsafeMutableBufferPointer { ours in
                for i in 0..<d { ours[i] += theirs[i] }
            }
        }
        guard largest.isFinite else { throw .numerical(operation: "RidgeRegression.merged", reason: "the summed Gram matrix overflows") }
        do { result.replaceFactor(with: try CholeskyFactor(factoring: result.lowerGram)) } catch {
            throw .numerical(operation: "RidgeRegression.merged", reason: "\(error)")
        }
        result.largestDiagonal = largest
        result.count = count + other.count
        result.updatesSinceRefactorization = 0
        result.solveEstimate()
        return result
    }
}
