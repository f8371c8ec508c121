// A minimal service embedding a bandit in-process (`swift run embedded-service-example`).
//
// Four request handlers decide concurrently on one DecisionService; each "user" clicks (or
// not) some time later, so rewards arrive late and out of order, keyed by the request id.
// Halfway through, the policy is snapshotted to disk and a fresh service is restored from it,
// as after a deploy.
import BanditCore
import BanditPolicies
import BanditRuntime
import Foundation

let clickRates = [0.02, 0.05, 0.11]  // the unknown truth: arm 2 is best
let service = try DecisionService(policy: try BernoulliThompsonSampling(armCount: 3, seed: 42))

/// One simulated request: decide, remember the pending click, reward whatever has "arrived".
func handleRequests(on service: DecisionService<BernoulliThompsonSampling>, worker: Int, count: Int) throws {
    var users = Xoshiro256PlusPlus(seed: UInt64(worker) &+ 1000)
    var waiting: [(id: String, clicked: Bool)] = []
    for request in 0..<count {
        let id = "w\(worker)-r\(request)"
        let decision = try service.decide(eventID: id)
        waiting.append((id, users.nextUniform() < clickRates[decision.arm]))
        // Feedback arrives after a random delay: settle a random earlier request now.
        if waiting.count > 20 {
            let (settled, clicked) = waiting.remove(at: users.nextIndex(below: waiting.count))
            try service.reward(eventID: settled, value: clicked ? 1 : 0)
        }
    }
    // The stragglers, in one all-or-nothing batch.
    try service.reward(waiting.map { RewardEvent(eventID: $0.id, value: $0.clicked ? 1 : 0) })
}

func runWorkers(_ service: DecisionService<BernoulliThompsonSampling>, requestsEach: Int) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<4 { group.addTask { try handleRequests(on: service, worker: worker, count: requestsEach) } }
        try await group.waitForAll()
    }
}

try await runWorkers(service, requestsEach: 2_000)
let file = FileManager.default.temporaryDirectory.appendingPathComponent("embedded-example.snapshot")
try service.snapshot(specification: "thompson").write(to: file)

// "Deploy": a new process restores the policy and carries on.
let restored = try DecisionService<BernoulliThompsonSampling>(snapshot: try Data(contentsOf: file))
try await runWorkers(restored, requestsEach: 2_000)
let state = restored.current
let pulls = zip(state.policy.alphas, state.policy.betas).map { $0 + $1 - 2 }
print("rewards learnt after restore: \(state.version); pulls per arm (whole run): \(pulls.map { Int($0) })")
guard pulls[2] > pulls[0] && pulls[2] > pulls[1] else {
    print("unexpected: the best arm was not pulled most"); exit(1)
}
print("ok: the best arm (2) was pulled most")
