import BanditPolicies

// One line per policy type: every requirement has a per-family default (see ServablePolicy).
// A new policy type adds its line here and its line in SnapshotRegistry+Standard.swift.

// MARK: Stochastic
extension UCB1: ServablePolicy {}
extension UCB1Tuned: ServablePolicy {}
extension UCBV: ServablePolicy {}
extension MOSS: ServablePolicy {}
extension MOSSAnytime: ServablePolicy {}
extension KLUCB: ServablePolicy {}
extension KLUCBPlus: ServablePolicy {}
extension IMED: ServablePolicy {}
extension BayesUCB: ServablePolicy {}
extension ChapelleLiUCB: ServablePolicy {}
extension EpsilonGreedy: ServablePolicy {}
extension EpsilonNGreedy: ServablePolicy {}
extension ExploreThenCommit: ServablePolicy {}
extension Softmax: ServablePolicy {}
// MARK: Bayesian
extension BernoulliThompsonSampling: ServablePolicy {}
extension GaussianThompsonSampling: ServablePolicy {}
extension NormalGammaThompsonSampling: ServablePolicy {}
extension OptimisticThompsonSampling: ServablePolicy {}
extension VarianceAdaptiveThompsonSampling: ServablePolicy {}
// MARK: Adversarial
extension EXP3: ServablePolicy {}
extension EXP3IX: ServablePolicy {}
extension TsallisINF: ServablePolicy {}
// MARK: Heavy-tailed
extension RobustUCB: ServablePolicy {}
extension CRTM: ServablePolicy {}
extension CRMM: ServablePolicy {}
extension MENU: ServablePolicy {}
extension TOFU: ServablePolicy {}
// MARK: Linear / contextual
extension LinUCB: ServablePolicy {}
extension LinUCBDisjoint: ServablePolicy {}
extension LinUCBHybrid: ServablePolicy {}
extension LinTS: ServablePolicy {}
extension OFUL: ServablePolicy {}
extension UCBGLM: ServablePolicy {}
extension LinearEpsilonGreedy: ServablePolicy {}
// MARK: Dueling
extension RUCB: ServablePolicy {}
extension RMED1: ServablePolicy {}
extension DoubleThompsonSampling: ServablePolicy {}
extension RMED2: ServablePolicy {}
extension BeatTheMean: ServablePolicy {}
extension InterleavedFilter: ServablePolicy {}
extension SAVAGE: ServablePolicy {}
extension RCS: ServablePolicy {}
extension CCB: ServablePolicy {}
