import Foundation
import Testing
@testable import BanditCore

/// Parameter validation, the catalog's parsing and the specification and Codable round trips.
@Suite struct DistributionCatalogTests {
    /// The parameter named by an `invalidParameter` error, or `nil` for any other outcome.
    static func rejectedParameter(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            if case let .invalidParameter(name, _, _) = error as? BanditError { return name }
            return nil
        }
    }

    @Test func constructorsRejectInvalidParametersNamingThem() {
        let nan = Double.nan
        let inf = Double.infinity
        let cases: [(String, () throws -> Void)] = [
            ("bernoulli.p", { _ = try Bernoulli(probability: nan) }),
            ("bernoulli.p", { _ = try Bernoulli(probability: 1.5) }),
            ("gaussian.mean", { _ = try Gaussian(mean: nan) }),
            ("gaussian.mean", { _ = try Gaussian(mean: -inf) }),
            ("gaussian.sd", { _ = try Gaussian(mean: 0, standardDeviation: 0) }),
            ("gaussian.sd", { _ = try Gaussian(mean: 0, standardDeviation: -1) }),
            ("gaussian.sd", { _ = try Gaussian(mean: 0, standardDeviation: inf) }),
            ("gaussian.sd", { _ = try Gaussian(mean: 0, standardDeviation: nan) }),
            ("beta.alpha", { _ = try Beta(alpha: 0, beta: 1) }),
            ("beta.alpha", { _ = try Beta(alpha: nan, beta: 1) }),
            ("beta.beta", { _ = try Beta(alpha: 1, beta: -2) }),
            ("beta.beta", { _ = try Beta(alpha: 1, beta: inf) }),
            ("gamma.shape", { _ = try Gamma(shape: 0) }),
            ("gamma.shape", { _ = try Gamma(shape: inf) }),
            ("gamma.scale", { _ = try Gamma(shape: 1, scale: -1) }),
            ("gamma.scale", { _ = try Gamma(shape: 1, scale: nan) }),
            ("gamma.scale", { _ = try Gamma(shape: 1e200, scale: 1e200) }),
            ("exponential.rate", { _ = try Exponential(rate: 0) }),
            ("exponential.rate", { _ = try Exponential(rate: -1) }),
            ("exponential.rate", { _ = try Exponential(rate: nan) }),
            ("exponential.rate", { _ = try Exponential(rate: inf) }),
            ("exponential.rate", { _ = try Exponential(rate: .leastNonzeroMagnitude) }),
            ("poisson.rate", { _ = try Poisson(rate: -0.1) }),
            ("poisson.rate", { _ = try Poisson(rate: nan) }),
            ("poisson.rate", { _ = try Poisson(rate: inf) }),
            ("poisson.rate", { _ = try Poisson(rate: 2e9) }),
            ("uniform.lower", { _ = try Uniform(lower: -inf, upper: 1) }),
            ("uniform.lower", { _ = try Uniform(lower: nan, upper: 1) }),
            ("uniform.upper", { _ = try Uniform(lower: 1, upper: 1) }),
            ("uniform.upper", { _ = try Uniform(lower: 1, upper: 0) }),
            ("uniform.upper", { _ = try Uniform(lower: 0, upper: nan) }),
            ("uniform.upper", { _ = try Uniform(lower: -1e308, upper: 1e308) }),
            ("student-t.df", { _ = try StudentT(degreesOfFreedom: 1) }),
            ("student-t.df", { _ = try StudentT(degreesOfFreedom: 0.5) }),
            ("student-t.df", { _ = try StudentT(degreesOfFreedom: nan) }),
            ("student-t.df", { _ = try StudentT(degreesOfFreedom: inf) }),
            ("student-t.location", { _ = try StudentT(degreesOfFreedom: 3, location: inf) }),
            ("student-t.scale", { _ = try StudentT(degreesOfFreedom: 3, scale: 0) }),
            ("student-t.scale", { _ = try StudentT(degreesOfFreedom: 3, scale: nan) }),
            ("pareto.shape", { _ = try Lomax(shape: 1) }),
            ("pareto.shape", { _ = try Lomax(shape: 0.5) }),
            ("pareto.shape", { _ = try Lomax(shape: nan) }),
            ("pareto.shape", { _ = try Lomax(shape: inf) }),
            ("pareto.scale", { _ = try Lomax(shape: 2, scale: 0) }),
            ("pareto.scale", { _ = try Lomax(shape: 2, scale: inf) }),
            ("pareto.scale", { _ = try Lomax(shape: 1 + 1e-15, scale: 1e300) }),
            ("pareto.location", { _ = try Lomax(shape: 2, location: nan) }),
            ("lognormal.mu", { _ = try LogNormal(mu: nan) }),
            ("lognormal.mu", { _ = try LogNormal(mu: inf) }),
            ("lognormal.sigma", { _ = try LogNormal(mu: 0, sigma: 0) }),
            ("lognormal.sigma", { _ = try LogNormal(mu: 0, sigma: -1) }),
            ("lognormal.sigma", { _ = try LogNormal(mu: 0, sigma: 40) }),
            ("constant.value", { _ = try Constant(value: nan) }),
            ("constant.value", { _ = try Constant(value: -inf) }),
        ]
        for (expected, body) in cases {
            #expect(Self.rejectedParameter(body) == expected)
        }
    }

    @Test func catalogParsesPositionalAndLabelledArguments() throws {
        let catalog = DistributionCatalog.standard
        #expect(try catalog.make("gaussian(0, 1)") as? Gaussian == Gaussian(mean: 0, standardDeviation: 1))
        #expect(try catalog.make("gaussian(mean=0, sd=2)") as? Gaussian == Gaussian(mean: 0, standardDeviation: 2))
        #expect(try catalog.make("normal(1.5)") as? Gaussian == Gaussian(mean: 1.5))
        #expect(try catalog.make("Gaussian(sd=3, mean=-1)") as? Gaussian == Gaussian(mean: -1, standardDeviation: 3))
        #expect(try catalog.make("beta(2, 3)") as? Beta == Beta(alpha: 2, beta: 3))
        #expect(try catalog.make("gamma(2)") as? Gamma == Gamma(shape: 2, scale: 1))
        #expect(try catalog.make("exponential") as? Exponential == Exponential(rate: 1))
        #expect(try catalog.make("poisson(rate=4)") as? Poisson == Poisson(rate: 4))
        #expect(try catalog.make("uniform") as? Uniform == Uniform(lower: 0, upper: 1))
        #expect(try catalog.make("uniform(upper=5)") as? Uniform == Uniform(lower: 0, upper: 5))
        #expect(try catalog.make("student-t(3)") as? StudentT == StudentT(degreesOfFreedom: 3))
        #expect(try catalog.make("t(2.5, 1, 0.5)") as? StudentT == StudentT(degreesOfFreedom: 2.5, location: 1, scale: 0.5))
        #expect(try catalog.make("pareto(1.5)") as? Lomax == Lomax(shape: 1.5, scale: 1, location: 0))
        #expect(try catalog.make("lomax(3, location=-1)") as? Lomax == Lomax(shape: 3, location: -1))
        #expect(try catalog.make("lognormal(0)") as? LogNormal == LogNormal(mu: 0, sigma: 1))
        #expect(try catalog.make("constant(0.25)") as? Constant == Constant(value: 0.25))
    }

    @Test func catalogRejectsUnknownNamesLabelsAndBadValues() {
        let catalog = DistributionCatalog.standard
        #expect(throws: BanditError.unknownName(
            kind: "distribution", name: "gauss", known: catalog.entries.map(\.name))) { _ = try catalog.make("gauss(0, 1)") }
        #expect(Self.rejectedParameter { _ = try catalog.make("gaussian(mu=0)") } == "gaussian.mu")
        #expect(Self.rejectedParameter { _ = try catalog.make("gaussian()") } == "gaussian.mean")
        #expect(Self.rejectedParameter { _ = try catalog.make("gaussian(0, 1, 2)") } == "gaussian")
        #expect(Self.rejectedParameter { _ = try catalog.make("gaussian(0, sd=-1)") } == "gaussian.sd")
        #expect(Self.rejectedParameter { _ = try catalog.make("gaussian(0, sd=nan)") } == "gaussian.sd")
        #expect(Self.rejectedParameter { _ = try catalog.make("normal(inf)") } == "normal.mean")
        #expect(Self.rejectedParameter { _ = try catalog.make("beta(1, x)") } == "beta.beta")
        #expect(Self.rejectedParameter { _ = try catalog.make("student-t(1)") } == "student-t.df")
        #expect(Self.rejectedParameter { _ = try catalog.make("pareto(shape=0.9)") } == "pareto.shape")
        #expect(throws: BanditError.self) { _ = try catalog.make("gaussian(0, 1") }
    }

    @Test func everyEntryIsDocumentedAndNamesAreUnique() {
        let entries = DistributionCatalog.standard.entries
        #expect(entries.count == 12)
        let names = entries.flatMap { [$0.name] + $0.aliases }
        #expect(Set(names).count == names.count)
        for entry in entries {
            #expect(!entry.summary.isEmpty)
            #expect(entry.parameters.allSatisfy { !$0.summary.isEmpty })
        }
    }

    static let examples: [any RewardDistribution] = [
        try! Bernoulli(probability: 0.125),
        try! Gaussian(mean: -0.1, standardDeviation: 1e-3),
        try! Beta(alpha: 0.3, beta: 1e6),
        try! Gamma(shape: 2.5, scale: 1.0 / 3),
        try! Exponential(rate: 0.7),
        try! Poisson(rate: 12.75),
        try! Uniform(lower: -2.5, upper: 1e10),
        try! StudentT(degreesOfFreedom: 1.1, location: 0.1, scale: 2),
        try! Lomax(shape: 1.05, scale: 0.2, location: -1.0 / 7),
        try! LogNormal(mu: -3, sigma: 0.1),
        try! Frechet(shape: 1.05, scale: 0.3, location: -0.25),
        try! Constant(value: .leastNonzeroMagnitude),
    ]

    @Test func specificationsRoundTripThroughTheCatalog() throws {
        func check<D: RewardDistribution & Equatable>(_ distribution: D) throws {
            let text = distribution.specification.description
            let rebuilt = try DistributionCatalog.standard.make(text)
            #expect(rebuilt as? D == distribution, "\(text)")
            #expect(rebuilt.description == text)
        }
        for example in Self.examples {
            let opened = example as! any (RewardDistribution & Equatable)
            try check(opened)
        }
        #expect(try Gaussian(mean: 0, standardDeviation: 2).description == "gaussian(mean=0, sd=2)")
        #expect(try Lomax(shape: 1.5).description == "pareto(shape=1.5, scale=1, location=0)")
    }

    @Test func codableRoundTripsAndRevalidates() throws {
        func check<D: RewardDistribution & Codable & Equatable>(_ distribution: D) throws {
            let data = try JSONEncoder().encode(distribution)
            #expect(try JSONDecoder().decode(D.self, from: data) == distribution)
        }
        for example in Self.examples {
            let opened = example as! any (RewardDistribution & Codable & Equatable)
            try check(opened)
        }
        // A corrupted file cannot smuggle in an invalid distribution.
        let corrupted = Data(#"{"mean": 0, "standardDeviation": -1}"#.utf8)
        #expect(throws: BanditError.invalidParameter(name: "gaussian.sd", value: "-1.0", reason: "must be positive and finite")) {
            _ = try JSONDecoder().decode(Gaussian.self, from: corrupted)
        }
        #expect(throws: (any Error).self) { _ = try JSONDecoder().decode(StudentT.self, from: Data(#"{"degreesOfFreedom": 0.5, "location": 0, "scale": 1}"#.utf8)) }
    }
}
