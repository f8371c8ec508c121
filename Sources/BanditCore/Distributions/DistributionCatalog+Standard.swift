extension DistributionCatalog {
    /// Every built-in distribution.
    public static let standard = DistributionCatalog(entries: [
        Bernoulli.catalogEntry,
        Gaussian.catalogEntry,
        Beta.catalogEntry,
        Gamma.catalogEntry,
        Exponential.catalogEntry,
        Poisson.catalogEntry,
        Uniform.catalogEntry,
        StudentT.catalogEntry,
        Lomax.catalogEntry,
        LogNormal.catalogEntry,
        Frechet.catalogEntry,
        Constant.catalogEntry,
    ])
}
