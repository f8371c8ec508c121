import BanditCore
import BanditPolicies
import Foundation
import LinearAlgebra
import Testing
@testable import BanditSimulation

/// A small study on Bernoulli arms.
func bernoulliStudy(
    _ means: [Double], policies: [String], horizon: Int, repetitions: Int, seed: UInt64 = 7, jobs: Int = 2
) throws -> Study {
    let scenario = Scenario(
        name: "test", horizon: horizon, repetitions: repetitions, seed: seed,
        arms: means.map { Specification(name: "bernoulli", labelled: ["p": $0]) },
        policies: try policies.map { text throws(BanditError) in try Specification(parsing: text) })
    return try Study(scenario: scenario, seed: seed, jobs: jobs)
}

/// A result with the fields that legitimately vary between runs (wall time, thread count,
/// start time) blanked out.
func comparable(_ result: SimulationResult) -> SimulationResult {
    var copy = result
    copy.metadata.wallTimeSeconds = 0
    copy.metadata.jobs = 0
    copy.metadata.startedAt = ""
    return copy
}

@Suite("Simulator")
struct SimulatorTests {
    @Test("same seed ⇒ bit-identical results with 1, 2 and 7 threads")
    func deterministicAcrossThreads() throws {
        let policies = ["ucb1", "thompson", "epsilon-greedy(epsilon=0.1)", "gaussian-thompson"]
        let results = try [1, 2, 7].map { jobs in
            comparable(try bernoulliStudy([0.9, 0.8, 0.5], policies: policies, horizon: 2_000, repetitions: 24, jobs: jobs).run())
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
        #expect(CSVReport.regret(results[0]) == CSVReport.regret(results[1]))
        let other = comparable(try bernoulliStudy([0.9, 0.8, 0.5], policies: policies, horizon: 2_000, repetitions: 24, seed: 8).run())
        #expect(other != results[0], "a different seed must change the results")
    }

    @Test("a policy's results do not depend on which other policies run beside it")
    func independentOfCompanions() throws {
        let alone = try bernoulliStudy([0.7, 0.5], policies: ["thompson"], horizon: 1_000, repetitions: 10).run()
        let together = try bernoulliStudy([0.7, 0.5], policies: ["ucb1", "thompson"], horizon: 1_000, repetitions: 10).run()
        #expect(alone.policy("thompson")!.metrics == together.policy("thompson")!.metrics)
    }

    @Test("checkpoints are log-spaced, sorted, unique and end at the horizon")
    func checkpoints() {
        for horizon in [1, 2, 10, 999, 100_000] {
            let points = Checkpoints.logSpaced(horizon: horizon, including: [horizon / 2 + 1])
            #expect(points.last == horizon)
            #expect(points.first == 1)
            #expect(points == Array(Set(points)).sorted())
            #expect(points.contains(horizon / 2 + 1))
        }
        // ten per decade: about 50 points for 10⁵.
        #expect((45...56).contains(Checkpoints.logSpaced(horizon: 100_000).count))
    }

    @Test("invariants: regret non-decreasing, best-arm fraction in [0, 1], realised regret consistent")
    func invariants() throws {
        let result = try bernoulliStudy([0.6, 0.5, 0.4], policies: ["ucb1", "epsilon-greedy"], horizon: 3_000, repetitions: 8).run()
        for policy in result.policies {
            let regret = policy.series("pseudo_regret")!
            for values in regret.values {
                #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
                // Pseudo-regret per round is at most the largest gap (0.2).
                for (value, t) in zip(values, result.checkpoints) { #expect(value <= 0.2 * Double(t) + 1e-9) }
            }
            for values in policy.series("best_arm_fraction")!.values {
                #expect(values.allSatisfy { (0...1).contains($0) })
            }
        }
    }

    @Test("errors from a repetition surface as typed errors")
    func userPolicyErrors() throws {
        struct OutOfRange: BanditPolicy {
            let armCount = 2
            mutating func selectArm() -> Int { 7 }
            mutating func update(arm: Int, reward: Double) throws(BanditError) {}
        }
        let environment = try StochasticEnvironment(arms: [try Bernoulli(probability: 0.5), try Bernoulli(probability: 0.4)])
        let job = SimulationJob.make(label: "broken", specification: "broken", metrics: StochasticTrial<OutOfRange, Bernoulli>.metrics) {
            repetition throws(BanditError) in
            StochasticTrial(policy: OutOfRange(), environment: environment, stream: RandomStreams(masterSeed: 1).rewardStream(repetition: repetition))
        }
        let settings = try SimulationSettings(horizon: 10, repetitions: 3, seed: 1, jobs: 2)
        #expect(throws: BanditError.unknownArm(arm: 7, armCount: 2)) {
            try Simulator.run([job], settings: settings, metadata: .empty)
        }
    }
}

extension SimulatorTests {
    @Test("BLAS calls inside a study run on one OpenBLAS thread; the setting is restored afterwards")
    func openBLASPinnedDuringStudy() throws {
        let before = OpenBLAS.threadCount
        let job = SimulationJob(label: "probe", specification: "probe", metrics: [MetricDescriptor(name: "threads", label: "threads")]) {
            _, _, output in
            for index in output.indices { output[index] = Double(OpenBLAS.threadCount) }
        }
        let settings = try SimulationSettings(horizon: 1, repetitions: 2, seed: 1, jobs: 2)
        let result = try Simulator.run([job], settings: settings, metadata: .empty)
        #expect(result.policies[0].metrics[0].values.allSatisfy { $0 == [1] })
        #expect(OpenBLAS.threadCount == before)
    }
}

extension SimulatorTests {
    /// A trial that fails in chosen repetitions at chosen rounds, naming its repetition.
    struct FailingTrial: Trial {
        let repetition: Int
        let failureRound: Int?
        var rounds = 0
        mutating func step(round: Int) throws(BanditError) {
            if round == failureRound { throw .invalidParameter(name: "repetition", value: "\(repetition)", reason: "fails at \(round)") }
            rounds += 1
        }
        func recordMetrics(into values: UnsafeMutableBufferPointer<Double>) { values[0] = Double(rounds) }
    }

    @Test("repetitions run in lockstep groups of 2, 3 or 4 report the same results and the same first error as one at a time")
    func lockstepGroupsMatchSingles() throws {
        // 20 repetitions over 3 policies: groups of 3 and 4 leave partial groups at the end.
        let scenario = try Scenario(yaml: """
            name: groups
            horizon: 400
            repetitions: 20
            seed: 3
            arms: [bernoulli(0.5), bernoulli(0.45), "gaussian(0.4, 1)"]
            policies: [ucb1, gaussian-thompson, "epsilon-greedy(epsilon=0.2)"]
            """)
        let study = try Study(scenario: scenario, seed: 3, jobs: 1)
        let jobs = try study.makeJobs()
        let single = try Simulator.run(jobs, settings: study.settings, metadata: .empty, progress: nil, lockstepWidth: 1)
        for width in 2...4 {
            let grouped = try Simulator.run(jobs, settings: study.settings, metadata: .empty, progress: nil, lockstepWidth: width)
            #expect(grouped.policies == single.policies, "width \(width)")
        }
        // The public entry point (default width, 1 thread) and 3 threads (fewer than 8
        // repetitions per thread: one at a time) agree as well.
        #expect(try study.run().policies == single.policies)
        #expect(try Study(scenario: scenario, seed: 3, jobs: 3).run().policies == single.policies)

        func firstError(_ failures: [Int: Int], unbuildable: Set<Int> = [], jobs: Int, width: Int) throws -> BanditError? {
            let job = SimulationJob.make(label: "f", specification: "f", metrics: [MetricDescriptor(name: "rounds", label: "rounds")]) {
                repetition throws(BanditError) in
                if unbuildable.contains(repetition) { throw failed(repetition, at: 0) }
                return FailingTrial(repetition: repetition, failureRound: failures[repetition])
            }
            let settings = try SimulationSettings(horizon: 100, repetitions: 16, seed: 1, jobs: jobs)
            do {
                _ = try Simulator.run([job], settings: settings, metadata: .empty, progress: nil, lockstepWidth: width)
                return nil
            } catch { return error }
        }
        @Sendable func failed(_ repetition: Int, at round: Int) -> BanditError {
            .invalidParameter(name: "repetition", value: "\(repetition)", reason: "fails at \(round)")
        }
        // A later repetition of a group fails first in time; an earlier one fails later and must
        // still win, also when it sits two lanes before (widths 3 and 4: lanes 0 and 2 of the
        // group starting at 4 or 3 resp. 4).
        for jobs in [1, 3] {
            for width in 1...4 {
                #expect(try firstError([4: 60, 5: 10], jobs: jobs, width: width) == failed(4, at: 60))
                #expect(try firstError([4: 60, 6: 10], jobs: jobs, width: width) == failed(4, at: 60))
                #expect(try firstError([4: 60, 5: 30, 6: 10], jobs: jobs, width: width) == failed(4, at: 60))
                #expect(try firstError([5: 10], jobs: jobs, width: width) == failed(5, at: 10))
                #expect(try firstError([4: 10, 5: 5, 9: 1], jobs: jobs, width: width) == failed(4, at: 10))
                #expect(try firstError([15: 99], jobs: jobs, width: width) == failed(15, at: 99))
                #expect(try firstError([:], jobs: jobs, width: width) == nil)
                // A repetition that cannot even be built ranks by its position too.
                #expect(try firstError([4: 60], unbuildable: [5], jobs: jobs, width: width) == failed(4, at: 60))
                #expect(try firstError([5: 10], unbuildable: [4], jobs: jobs, width: width) == failed(4, at: 0))
                #expect(try firstError([:], unbuildable: [6, 13], jobs: jobs, width: width) == failed(6, at: 0))
            }
        }
    }
}

extension RunMetadata {
    static let empty = RunMetadata(
        toolVersion: "", seed: 0, horizon: 0, repetitions: 0, jobs: 0, scenarioName: "", scenarioHash: "",
        environment: [], openBLASCore: "", wallTimeSeconds: 0, startedAt: "", lowerBoundConstant: nil)
}
