import Foundation
import Testing
@testable import BanditCore

@Suite("Bernoulli decoding")
struct BernoulliDecodingTests {
    @Test("a decoded Bernoulli is re-validated")
    func decoding() throws {
        let good = try JSONDecoder().decode(Bernoulli.self, from: Data(#"{"probability":0.25}"#.utf8))
        #expect(good.probability == 0.25)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Bernoulli.self, from: Data(#"{"probability":1.5}"#.utf8)) }
    }
}
