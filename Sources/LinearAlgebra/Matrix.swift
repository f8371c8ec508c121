/// A dense `rows × columns` matrix of `Double`s stored column-major, the layout BLAS and LAPACK
/// work in natively (so no call ever needs a transposed copy).
///
/// Element `(i, j)` lives at `storage[i + j * rows]`; the leading dimension is always `rows`.
/// Like ``Vector``, `Matrix` is a copy-on-write value type whose shape is fixed at creation,
/// so in-place operations on a uniquely referenced matrix never allocate. Each side is limited
/// to `Int32.max`, the width of the BLAS integers of the linked OpenBLAS.
public struct Matrix: Sendable, Hashable {
    /// The number of rows (also the leading dimension of ``storage``).
    public let rows: Int

    /// The number of columns.
    public let columns: Int

    /// The elements in column-major order; always exactly `rows * columns` of them.
    ///
    /// Read-only so that the shape invariant cannot be broken; write through the subscript or
    /// ``withUnsafeMutableBufferPointer(_:)``.
    public internal(set) var storage: [Double]

    /// Creates a matrix whose every entry is `value`.
    ///
    /// - Precondition: `rows` and `columns` are in `0...Int32.max` and their product is
    ///   representable, the same kind of precondition as `Array(repeating:count:)`.
    public init(rows: Int, columns: Int, repeating value: Double) {
        let count = Matrix.validatedCount(rows: rows, columns: columns)
        precondition(count != nil, "Matrix: rows and columns must be in 0...Int32.max")
        self.rows = rows
        self.columns = columns
        storage = Array(repeating: value, count: count ?? 0)
    }

    /// Wraps existing column-major data, throwing if its length does not match the shape.
    ///
    /// Throwing (rather than trapping) matters because the data often comes from outside, e.g.
    /// a snapshot or a scenario file.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) throws(LinearAlgebraError) {
        guard let count = Matrix.validatedCount(rows: rows, columns: columns) else {
            throw .dimensionMismatch(operation: "Matrix(rows:columns:columnMajor:) shape", expected: maximumBLASDimension, actual: Matrix.offendingSide(rows: rows, columns: columns))
        }
        guard storage.count == count else {
            throw .dimensionMismatch(operation: "Matrix(rows:columns:columnMajor:) storage", expected: count, actual: storage.count)
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Creates a matrix from nested rows, the natural way to write one down by hand.
    ///
    /// An empty outer array gives a 0 × 0 matrix. Rows of unequal length throw
    /// ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` naming the first
    /// offending row.
    public init(rowMajor rowArrays: [[Double]]) throws(LinearAlgebraError) {
        let rowCount = rowArrays.count
        let columnCount = rowArrays.first?.count ?? 0
        for (index, row) in rowArrays.enumerated() where row.count != columnCount {
            throw .dimensionMismatch(operation: "Matrix(rowMajor:) row \(index)", expected: columnCount, actual: row.count)
        }
        guard let count = Matrix.validatedCount(rows: rowCount, columns: columnCount) else {
            throw .dimensionMismatch(operation: "Matrix(rowMajor:) shape", expected: maximumBLASDimension, actual: Matrix.offendingSide(rows: rowCount, columns: columnCount))
        }
        var data = [Double](repeating: 0, count: count)
        for (i, row) in rowArrays.enumerated() {
            for (j, value) in row.enumerated() {
                data[i + j * rowCount] = value
            }
        }
        rows = rowCount
        columns = columnCount
        storage = data
    }

    /// The `n × n` identity matrix.
    ///
    /// - Precondition: `0 <= n <= Int32.max`.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n, repeating: 0)
        for i in 0..<n {
            result.storage[i + i * n] = 1
        }
        return result
    }

    /// Whether the matrix has as many rows as columns.
    public var isSquare: Bool { rows == columns }

    /// The entry in row `row` and column `column` (both 0-based).
    ///
    /// Out-of-range indices trap, like `Array`'s subscript; the explicit check matters because a
    /// row index past the end would otherwise silently address the next column.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix: index out of range")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix: index out of range")
            storage[row + column * rows] = newValue
        }
    }

    /// Calls `body` with read-only access to the column-major elements (leading dimension
    /// ``rows``), for zero-copy interoperation with other C code.
    public func withUnsafeBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<Double>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with mutable access to the column-major elements (leading dimension
    /// ``rows``).
    ///
    /// The buffer is passed by value so the shape invariant holds whatever `body` does.
    public mutating func withUnsafeMutableBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeMutableBufferPointer<Double>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try storage.withUnsafeMutableBufferPointer { (buffer: inout UnsafeMutableBufferPointer<Double>) throws(Failure) -> Result in
            try body(buffer)
        }
    }

    /// The side to report when a shape is rejected: the one outside `0...Int32.max`, or the
    /// larger one when only the product overflows.
    static func offendingSide(rows: Int, columns: Int) -> Int {
        (rows < 0 || rows > maximumBLASDimension) ? rows : (columns < 0 || columns > maximumBLASDimension) ? columns : Swift.max(rows, columns)
    }

    /// `rows * columns` if the shape is acceptable, `nil` otherwise.
    static func validatedCount(rows: Int, columns: Int) -> Int? {
        guard rows >= 0, columns >= 0, rows <= maximumBLASDimension, columns <= maximumBLASDimension else {
            return nil
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        return overflow ? nil : count
    }
}
