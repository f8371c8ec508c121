import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: linear and generalised-linear contextual policies.
    static let linearEntries: [Entry] = []
}
