/// A dense vector of `Double`s in one contiguous buffer, ready to hand to BLAS.
///
/// `Vector` is a value type with copy-on-write storage: mutating a uniquely referenced vector
/// (for example one passed `inout` to ``Vector/add(_:scaledBy:)``) never allocates, which is
/// what lets hot loops reuse caller-owned buffers.
///
/// The element count is fixed at creation and limited to `Int32.max`, the width of the BLAS
/// integers of the linked OpenBLAS; keeping the count immutable is what allows every operation
/// to trust it without re-validating.
public struct Vector: Sendable, Hashable {
    /// The elements, contiguous and in order.
    ///
    /// Read-only so that the count cannot change behind the back of an operation; write
    /// through the subscript or ``withUnsafeMutableBufferPointer(_:)``.
    public internal(set) var storage: [Double]

    /// Wraps an existing array without copying it.
    ///
    /// - Precondition: `array.count <= Int32.max`.
    public init(_ array: [Double]) {
        precondition(array.count <= maximumBLASDimension, "Vector: count exceeds the BLAS limit Int32.max")
        storage = array
    }

    /// Creates a vector with `count` copies of `value`.
    ///
    /// - Precondition: `0 <= count <= Int32.max`.
    public init(repeating value: Double, count: Int) {
        precondition(count >= 0 && count <= maximumBLASDimension, "Vector: count must be in 0...Int32.max")
        storage = Array(repeating: value, count: count)
    }

    /// The number of elements.
    public var count: Int { storage.count }

    /// Calls `body` with read-only access to the contiguous elements.
    ///
    /// This is the zero-copy path for code that needs raw memory (for example another C
    /// library); the buffer is only valid inside `body`.
    public func withUnsafeBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<Double>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with mutable access to the contiguous elements.
    ///
    /// The buffer is passed by value, so `body` can change elements but not the count. Use this
    /// to fill a reused vector (a context, a sample) without allocating.
    public mutating func withUnsafeMutableBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeMutableBufferPointer<Double>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try storage.withUnsafeMutableBufferPointer { (buffer: inout UnsafeMutableBufferPointer<Double>) throws(Failure) -> Result in
            try body(buffer)
        }
    }
}

extension Vector {
    /// Overwrites every element with `source`'s (same count), in place: no allocation when
    /// `self` is uniquely referenced. Non-generic, so a caller in another module pays no
    /// generic-metadata lookup per call (which the closure-taking accessors above do).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:actual:)`` if the
    ///   counts differ; `self` is then unchanged.
    public mutating func assign(_ source: Vector) throws(LinearAlgebraError) {
        guard source.count == count else {
            throw .dimensionMismatch(operation: "Vector.assign", expected: count, actual: source.count)
        }
        guard count > 0 else { return }
        source.storage.withUnsafeBufferPointer { s in
            storage.withUnsafeMutableBufferPointer { t in
                t.baseAddress!.update(from: s.baseAddress!, count: s.count)
            }
        }
    }
}

extension Vector: RandomAccessCollection, MutableCollection {
    /// Always 0: vectors are indexed like arrays.
    public var startIndex: Int { 0 }

    /// One past the last valid index, equal to ``count``.
    public var endIndex: Int { storage.count }

    /// The element at `index`; out-of-range indices trap, exactly as for `Array`.
    public subscript(index: Int) -> Double {
        get { storage[index] }
        set { storage[index] = newValue }
    }
}

extension Vector: ExpressibleByArrayLiteral {
    /// Creates a vector from a literal such as `[1, 2, 3]`, mainly for tests and examples.
    public init(arrayLiteral elements: Double...) {
        self.init(elements)
    }
}
