import BanditCore

/// A reward sequence for tests: Bernoulli draws from an independent generator, so the
/// references below never share code with the library's samplers.
struct TestRewards {
    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func bernoulli(_ p: Double) -> Double {
        Double(generator.next() >> 11) * 0x1p-53 < p ? 1 : 0
    }
}

/// The largest |z| a correct implementation produces with probability about 7·10⁻⁶ (two-sided
/// normal tail at 4.5σ); tests use it so a false alarm is practically impossible while a wrong
/// probability of a few percent is still caught at the sample sizes used.
let zLimit = 4.5

/// Binomial check: `successes` of `trials` is consistent with probability `p`.
func isConsistent(successes: Int, trials: Int, probability p: Double) -> Bool {
    let mean = Double(trials) * p
    let sd = (Double(trials) * p * (1 - p)).squareRoot()
    return abs(Double(successes) - mean) <= zLimit * max(sd, 0.5)
}
