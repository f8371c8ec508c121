import BanditCore
import BanditPolicies

/// Builds a ``ServablePolicy`` from a textual configuration such as `ucb1(alpha=0.5)` — how a
/// service (or `bandit serve`) creates a named bandit without compiling a type in.
///
/// Names and parameters follow the simulation catalog (`bandit list`), so a policy tuned in a
/// simulation is deployed with the same string.
public struct PolicyFactory: Sendable {
    /// What a policy needs to know beyond its parameters.
    public struct Shape: Sendable, Hashable {
        public var armCount: Int
        /// d, for contextual policies.
        public var dimension: Int?
        /// Seed of the policy's own random stream.
        public var seed: UInt64

        public init(armCount: Int, dimension: Int? = nil, seed: UInt64 = 0) {
            self.armCount = armCount
            self.dimension = dimension
            self.seed = seed
        }
    }

    public struct Entry: Sendable {
        public let name: String
        public let family: PolicyFamily
        public let parameters: [ParameterDescriptor]
        let make: @Sendable (BoundArguments, Shape) throws(BanditError) -> any ServablePolicy
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Adds a policy under `name`.
    public mutating func register<P: ServablePolicy>(
        _ name: String, _ type: P.Type, parameters: [ParameterDescriptor] = [],
        make: @escaping @Sendable (BoundArguments, Shape) throws(BanditError) -> P
    ) {
        entries[name] = Entry(name: name, family: P.family, parameters: parameters) { arguments, shape throws(BanditError) in
            try make(arguments, shape)
        }
    }

    /// The policy described by `specification` for `shape`.
    /// - Throws: ``BanditError/unknownName(kind:name:known:)``,
    ///   ``BanditError/malformedSpecification(input:reason:)``, a parameter error naming the
    ///   parameter, or ``BanditError/invalidParameter(name:value:reason:)`` for a missing or
    ///   superfluous `dimension`.
    public func make(_ specification: String, shape: Shape) throws(BanditError) -> any ServablePolicy {
        let parsed = try Specification(parsing: specification)
        guard let entry = entries[parsed.name.lowercased()] else {
            throw .unknownName(kind: "policy", name: parsed.name, known: entries.keys.sorted())
        }
        if entry.family == .contextual {
            guard let dimension = shape.dimension, dimension >= 1 else {
                throw .invalidParameter(name: "dimension", value: "\(shape.dimension.map(String.init) ?? "none")", reason: "\(entry.name) is contextual: give the feature dimension d ≥ 1")
            }
        } else if let dimension = shape.dimension {
            throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "\(entry.name) takes no context")
        }
        guard shape.armCount >= (entry.family == .dueling ? 2 : 1), shape.armCount <= 1 << 16 else {
            throw .invalidParameter(name: "arms", value: "\(shape.armCount)", reason: "must lie in \(entry.family == .dueling ? 2 : 1)...65536")
        }
        return try entry.make(try parsed.bind(to: entry.parameters), shape)
    }
}

extension PolicyFactory {
    /// The policies a service most often runs, one of each kind of feedback.
    public static let standard: PolicyFactory = {
        var factory = PolicyFactory()
        let alpha = ParameterDescriptor("alpha", default: "1", "exploration scale α")
        factory.register("ucb1", UCB1.self, parameters: [alpha]) { a, s throws(BanditError) in
            try UCB1(armCount: s.armCount, explorationScale: a.double("alpha"))
        }
        factory.register("epsilon-greedy", EpsilonGreedy.self, parameters: [ParameterDescriptor("epsilon", default: "0.1", "ε ∈ [0, 1]")]) { a, s throws(BanditError) in
            try EpsilonGreedy(armCount: s.armCount, epsilon: a.double("epsilon"), seed: s.seed)
        }
        factory.register("thompson", BernoulliThompsonSampling.self, parameters: [
            ParameterDescriptor("a", default: "1", "prior successes"), ParameterDescriptor("b", default: "1", "prior failures"),
        ]) { a, s throws(BanditError) in
            try BernoulliThompsonSampling(armCount: s.armCount, priorSuccesses: a.double("a"), priorFailures: a.double("b"), seed: s.seed)
        }
        factory.register("gaussian-thompson", GaussianThompsonSampling.self, parameters: [
            ParameterDescriptor("mu0", default: "0", "prior mean"), ParameterDescriptor("sigma0", default: "1", "prior sd"),
            ParameterDescriptor("sigma", default: "1", "noise sd"),
        ]) { a, s throws(BanditError) in
            try GaussianThompsonSampling(
                armCount: s.armCount, priorMean: a.double("mu0"), priorStandardDeviation: a.double("sigma0"),
                noiseStandardDeviation: a.double("sigma"), seed: s.seed)
        }
        factory.register("softmax", Softmax.self, parameters: [ParameterDescriptor("temperature", default: "0.1", "τ > 0")]) { a, s throws(BanditError) in
            try Softmax(armCount: s.armCount, temperature: a.double("temperature"), seed: s.seed)
        }
        factory.register("exp3", EXP3.self, parameters: [ParameterDescriptor("gamma", default: "0.1", "exploration rate γ ∈ (0, 1]")]) { a, s throws(BanditError) in
            try EXP3(armCount: s.armCount, explorationRate: a.double("gamma"), seed: s.seed)
        }
        factory.register("klucb", KLUCB.self) { _, s throws(BanditError) in try KLUCB(armCount: s.armCount) }
        factory.register("robust-ucb", RobustUCB.self) { _, s throws(BanditError) in try RobustUCB(armCount: s.armCount) }
        let lambda = ParameterDescriptor("lambda", default: "1", "ridge regularisation λ > 0")
        factory.register("linucb", LinUCB.self, parameters: [alpha, lambda]) { a, s throws(BanditError) in
            try LinUCB(armCount: s.armCount, dimension: s.dimension ?? 0, explorationScale: a.double("alpha"), regularization: a.double("lambda"))
        }
        factory.register("lints", LinTS.self, parameters: [ParameterDescriptor("v", default: "0.5", "posterior scale v > 0"), lambda]) { a, s throws(BanditError) in
            try LinTS(armCount: s.armCount, dimension: s.dimension ?? 0, posteriorScale: a.double("v"), regularization: a.double("lambda"), seed: s.seed)
        }
        factory.register("rucb", RUCB.self, parameters: [ParameterDescriptor("alpha", default: "0.51", "α > 0.5")]) { a, s throws(BanditError) in
            try RUCB(armCount: s.armCount, alpha: a.double("alpha"), seed: s.seed)
        }
        factory.register("double-thompson", DoubleThompsonSampling.self, parameters: [ParameterDescriptor("alpha", default: "0.51", "α > 0.5")]) { a, s throws(BanditError) in
            try DoubleThompsonSampling(armCount: s.armCount, alpha: a.double("alpha"), seed: s.seed)
        }
        return factory
    }()
}
