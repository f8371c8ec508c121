extension FamilyCatalog {
    /// Every built-in family.
    public static let standard = FamilyCatalog(families: [
        StochasticFamily(),
        ContextualFamily(),
        DuelingFamily(),
        PureExplorationFamily(),
        KnapsackFamily(),
    ])
}
