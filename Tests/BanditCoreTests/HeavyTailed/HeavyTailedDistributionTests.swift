import BanditCore
import Foundation
import Testing

@Suite("Heavy-tailed distributions: Fréchet and the moment bounds")
struct HeavyTailedDistributionTests {
    @Test("Fréchet draws pass Kolmogorov–Smirnov against the CDF", arguments: [
        (1.5, 1.0, 0.0, UInt64(901)), (3, 0.5, -2, 902), (1.05, 0.2, 1, 903),
    ])
    func frechetFits(shape: Double, scale: Double, location: Double, seed: UInt64) throws {
        let distribution = try Frechet(shape: shape, scale: scale, location: location)
        // n = 20 000, reject if √n·D > 1.95, the 0.1 % critical value.
        let samples = draws(distribution, count: 20_000, seed: seed)
        #expect(kolmogorovSmirnov(samples, cdf: distribution.cdf) <= kolmogorovCritical)
    }

    @Test("Fréchet CDF, mean and variance match closed forms")
    func frechetClosedForms() throws {
        let f = try Frechet(shape: 4, scale: 2, location: 1)
        // F(m + s) = e^{−1}; F(m + 2s) = exp(−2^{−α}).
        #expect(abs(f.cdf(3) - exp(-1)) < 1e-15)
        #expect(abs(f.cdf(5) - exp(-pow(2, -4))) < 1e-15)
        #expect(f.cdf(1) == 0 && f.cdf(.infinity) == 1 && f.cdf(.nan).isNaN)
        // Γ(3/4) = 1.2254167024651776, Γ(1/2) = √π.
        #expect(abs(f.mean - (1 + 2 * 1.2254167024651776)) < 1e-13)
        #expect(abs(f.variance! - 4 * (Double.pi.squareRoot() - 1.2254167024651776 * 1.2254167024651776)) < 1e-13)
        #expect(try Frechet(shape: 2).variance == nil)
        // The sample mean of α = 4 draws (finite variance) is within 4.5 standard errors.
        let samples = draws(f, count: 40_000, seed: 904)
        let (mean, _) = meanAndVariance(samples)
        #expect(abs(mean - f.mean) <= zBound * (f.variance! / 40_000).squareRoot())
    }

    @Test("Fréchet rejects bad parameters, naming them")
    func frechetRejects() {
        #expect(throws: BanditError.self) { _ = try Frechet(shape: 1) }
        #expect(throws: BanditError.self) { _ = try Frechet(shape: 2, scale: 0) }
        #expect(throws: BanditError.self) { _ = try Frechet(shape: 2, location: .nan) }
        #expect(throws: BanditError.self) { _ = try DistributionCatalog.standard.make("frechet(shape=0.5)") }
        let made = try? DistributionCatalog.standard.make("frechet(3, 2, location=-1)") as? Frechet
        #expect(made == (try? Frechet(shape: 3, scale: 2, location: -1)))
    }

    @Test("second moments equal the variances; raw moments of centred laws equal central ones")
    func secondMoments() throws {
        let t = try StudentT(degreesOfFreedom: 5, scale: 2)
        #expect(abs(t.centralMomentBound(order: 2)! - t.variance!) < 1e-12)
        #expect(t.rawMomentBound(order: 2) == t.centralMomentBound(order: 2))
        let g = try Gaussian(mean: 0, standardDeviation: 3)
        #expect(abs(g.centralMomentBound(order: 2)! - 9) < 1e-12)
        // E|Z| = √(2/π) for the standard normal.
        #expect(abs(try Gaussian(mean: 0).centralMomentBound(order: 1)! - (2 / Double.pi).squareRoot()) < 1e-14)
        // Lomax at location 0: E Y² = 2σ²/((α − 1)(α − 2)).
        let lomax = try Lomax(shape: 4, scale: 3)
        #expect(abs(lomax.rawMomentBound(order: 2)! - 2 * 9 / (3 * 2)) < 1e-12)
        let frechet = try Frechet(shape: 5, scale: 2)
        #expect(abs(frechet.rawMomentBound(order: 2)! - 4 * tgamma(1 - 2.0 / 5)) < 1e-12)
        let logNormal = try LogNormal(mu: 0.1, sigma: 0.4)
        #expect(abs(logNormal.rawMomentBound(order: 1)! - logNormal.mean) < 1e-14)
    }

    @Test("moments at or beyond the tail index are infinite (nil)")
    func infiniteMoments() throws {
        #expect(try StudentT(degreesOfFreedom: 2).centralMomentBound(order: 2) == nil)
        #expect(try StudentT(degreesOfFreedom: 1.5).centralMomentBound(order: 1.4) != nil)
        #expect(try Lomax(shape: 1.05).rawMomentBound(order: 1.05) == nil)
        #expect(try Frechet(shape: 1.5).centralMomentBound(order: 1.6) == nil)
    }

    @Test("fractional moments agree with Monte Carlo (Student-t ν = 5, order 1.5; Fréchet α = 6, order 1.5)")
    func fractionalMomentsByMonteCarlo() throws {
        // |X|^{1.5} has a finite variance here (order 3 < ν, α), so the sample mean is within
        // 4.5 standard errors of E|X|^{1.5} when the closed form is right.
        let t = try StudentT(degreesOfFreedom: 5, scale: 1.5)
        let tSamples = draws(t, count: 100_000, seed: 905).map { pow(abs($0), 1.5) }
        let (tMean, tVariance) = meanAndVariance(tSamples)
        #expect(abs(tMean - t.centralMomentBound(order: 1.5)!) <= zBound * (tVariance / 100_000).squareRoot())
        let f = try Frechet(shape: 6, scale: 1)
        let fSamples = draws(f, count: 100_000, seed: 906).map { pow($0, 1.5) }
        let (fMean, fVariance) = meanAndVariance(fSamples)
        #expect(abs(fMean - f.rawMomentBound(order: 1.5)!) <= zBound * (fVariance / 100_000).squareRoot())
    }

    @Test("shifted laws: the centred bound does not depend on the shift, the raw one grows with it")
    func shifts() throws {
        let near = try Lomax(shape: 3, scale: 1, location: 0)
        let far = try Lomax(shape: 3, scale: 1, location: 10)
        #expect(near.centralMomentBound(order: 1.5) == far.centralMomentBound(order: 1.5))
        #expect(far.rawMomentBound(order: 1.5)! > pow(10, 1.5))
        let shifted = AnyRewardDistribution(try StudentT(degreesOfFreedom: 3, location: 2))
        #expect(shifted.momentBounds(order: 1.5).central == (try StudentT(degreesOfFreedom: 3)).centralMomentBound(order: 1.5))
        #expect(AnyRewardDistribution(try Bernoulli(probability: 0.5)).momentBounds(order: 2).raw == nil)
    }
}

@Suite("Shifted log-normal rewards")
struct ShiftedLogNormalTests {
    @Test("a location shifts draws, mean, support and CDF, and round-trips through the catalog")
    func shift() throws {
        let base = try LogNormal(mu: -0.5, sigma: 0.8)
        let shifted = try LogNormal(mu: -0.5, sigma: 0.8, location: -2)
        #expect(abs(shifted.mean - (base.mean - 2)) < 1e-15)
        #expect(shifted.variance == base.variance)
        #expect(shifted.support.lowerBound == -2)
        #expect(abs(shifted.cdf(-2 + 1.3) - base.cdf(1.3)) < 1e-15)
        // n = 20 000, reject if √n·D > 1.95, the 0.1 % critical value.
        #expect(kolmogorovSmirnov(draws(shifted, count: 20_000, seed: 907), cdf: shifted.cdf) <= kolmogorovCritical)
        let made = try DistributionCatalog.standard.make(shifted.specification.description) as? LogNormal
        #expect(made == shifted)
        #expect(base.description == "lognormal(mu=-0.5, sigma=0.8)")
        // Centred moments do not depend on the shift; E|X|^1 = |E X| here since X = −2 + e^Y can
        // take both signs only if e^Y > 2: the bound must be at least |E X|.
        #expect(shifted.centralMomentBound(order: 1.5) == base.centralMomentBound(order: 1.5))
        #expect(shifted.rawMomentBound(order: 1)! >= abs(shifted.mean))
        #expect(throws: BanditError.self) { _ = try LogNormal(mu: 0, sigma: 1, location: .infinity) }
    }
}
