import Foundation
import LinearAlgebra
import Testing

/// Snapshot encoding: round trips are exact and corrupted data is rejected, never misread.
@Suite("Codable")
struct CodableTests {
    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }

    @Test func roundTripsAreExact() throws {
        var rng = SplitMix64(seed: 0x800)
        let v = randomVector(17, &rng)
        #expect(try roundTrip(v) == v)
        let m = randomMatrix(5, 3, &rng)
        #expect(try roundTrip(m) == m)
        let factor = try CholeskyFactor(factoring: wellConditionedSPD(6, seed: 0x801).matrix)
        #expect(try roundTrip(factor) == factor)
        #expect(try roundTrip(Matrix(rows: 0, columns: 4, repeating: 0)) == Matrix(rows: 0, columns: 4, repeating: 0))
    }

    @Test func vectorEncodesAsPlainArray() throws {
        let data = try JSONEncoder().encode(Vector([1, 2.5]))
        #expect(String(decoding: data, as: UTF8.self) == "[1,2.5]")
    }

    @Test(arguments: [
        #"{"rows":2,"columns":2,"storage":[1,2,3]}"#,
        #"{"rows":-1,"columns":-1,"storage":[1]}"#,
        #"{"rows":4611686018427387904,"columns":4,"storage":[]}"#,
    ])
    func corruptedMatrixIsRejected(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Matrix.self, from: Data(json.utf8))
        }
    }

    @Test(arguments: [
        #"{"lower":{"rows":2,"columns":2,"storage":[1,0,0,-1]}}"#, // non-positive diagonal
        #"{"lower":{"rows":2,"columns":2,"storage":[1,0,5,1]}}"#, // non-zero above the diagonal
        #"{"lower":{"rows":2,"columns":1,"storage":[1,0]}}"#, // not square
    ])
    func corruptedFactorIsRejected(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CholeskyFactor.self, from: Data(json.utf8))
        }
    }
}
