import BanditCore
import BanditPolicies

extension PolicyCatalog {
    /// Catalog entries: UCB-type index policies (UCB1-Tuned, UCB-V, MOSS, KL-UCB, Bayes-UCB, IMED).
    static let indexPolicyEntries: [Entry] = []
}
