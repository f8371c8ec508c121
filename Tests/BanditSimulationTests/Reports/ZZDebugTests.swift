import Foundation
import Testing
@testable import BanditSimulation
@Test func zzDebug() throws {
    let urls = try ResultWriter.write(ReportFixtures.result(labels: ["UCB1", "Thompson <sampling>", "KL-UCB", "ε-greedy (ε = 0.1), a very long label indeed"], checkpoints: Checkpoints.logSpaced(horizon: 10000)), to: URL(fileURLWithPath: "/tmp/reports-scratch/out"), lowerBound: { 2.5 * log(Double($0)) }, title: "Bernoulli(0.5, 0.4) & friends")
    print(urls)
}
