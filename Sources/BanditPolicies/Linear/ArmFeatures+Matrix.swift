import BanditCore
import LinearAlgebra

extension ArmFeatures {
    /// The features as a d × K ``Matrix`` sharing the same buffer (no copy): the operand of the
    /// batched BLAS scoring.
    @inlinable
    var matrix: Matrix {
        do { return try Matrix(rows: dimension, columns: armCount, columnMajor: storage) } catch {
            preconditionFailure("ArmFeatures: storage always holds d·K values")
        }
    }
}

/// Shared validation of the hyper-parameters of linear policies.
enum LinearPolicyValidation {
    static func armCount(_ armCount: Int) throws(BanditError) {
        guard armCount >= 1 else {
            throw .invalidParameter(name: "armCount", value: "\(armCount)", reason: "needs at least one arm")
        }
    }

    static func nonNegative(_ value: Double, name: String) throws(BanditError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidParameter(name: name, value: "\(value)", reason: "must be finite and ≥ 0")
        }
    }

    static func positive(_ value: Double, name: String) throws(BanditError) {
        guard value.isFinite, value > 0 else {
            throw .invalidParameter(name: name, value: "\(value)", reason: "must be finite and > 0")
        }
    }

    static func probability(_ value: Double, name: String) throws(BanditError) {
        guard value.isFinite, value > 0, value < 1 else {
            throw .invalidParameter(name: name, value: "\(value)", reason: "must lie in (0, 1)")
        }
    }
}
