import Testing
@testable import BanditCore

@Suite("Weighted index sampling")
struct CategoricalSamplingTests {
    @Test("frequencies match the normalised weights; zero weights are never drawn")
    func frequencies() {
        let weights: [Double] = [0.5, 0, 2, 1.5]
        var generator = Xoshiro256PlusPlus(seed: 3)
        var counts = [0, 0, 0, 0]
        let trials = 40_000
        weights.withUnsafeBufferPointer { buffer in
            for _ in 0..<trials { counts[generator.nextIndex(weightedBy: buffer)] += 1 }
        }
        #expect(counts[1] == 0)
        for index in [0, 2, 3] {
            let p = weights[index] / 4
            let sd = (Double(trials) * p * (1 - p)).squareRoot()
            #expect(abs(Double(counts[index]) - Double(trials) * p) <= 4.5 * sd, "index \(index): \(counts[index])")
        }
    }
}
