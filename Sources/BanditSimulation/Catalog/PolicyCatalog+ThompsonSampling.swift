import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: Thompson sampling beyond the foundation: Normal–Gamma, variance-adaptive (VarTS), optimistic and reshaped posteriors.
    static let thompsonSamplingEntries: [Entry] = []
}
