import BanditCore

extension KLDivergence: DecodedStateValidating {
    public func validateDecodedState(_ check: StateCheck) throws(StateViolation) {
        if case .gaussian(let variance) = self { try check.nonNegative("variance", variance, strictly: true) }
    }
}
