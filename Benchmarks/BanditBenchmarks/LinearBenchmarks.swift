import Bandits
import Foundation

/// Linear contextual policies called directly in a loop (no simulator), ONE core (OpenBLAS is
/// pinned to one thread around each policy loop): decisions + updates per second and µs per step for
/// LinUCB and LinTS at d ∈ {10, 20, 50, 100, 200}, K = 50; plus OpenBLAS dgemm GFLOP/s on a
/// 1000 × 1000 product, and each policy's achieved GFLOP/s as a fraction of it.
func runLinearBenchmarks() throws {
    let armCount = 50
    var dgemmRate = Double.nan
    if selected("linear/dgemm") || selected("linear/linucb") || selected("linear/lints") {
        dgemmRate = try benchmarkDgemm(n: 1000)
        emit(["name": "linear/dgemm/n1000", "value": dgemmRate, "unit": "GFLOP/s", "threads": OpenBLAS.threadCount, "core": OpenBLAS.coreName])
        // OpenBLAS's worker threads busy-wait for a while after a multi-threaded call; on a
        // machine whose cores are hyperthread siblings that spinning slows the single-threaded
        // loops timed next. A policy run with one BLAS thread never wakes them, so let them
        // go idle first.
        Thread.sleep(forTimeInterval: 0.5)
    }
    for d in [10, 20, 50, 100, 200] {
        // Dominant flops per step: LinUCB's trmm K·d² + gemv 2Kd + update ≈ 9d² (rotations of
        // L and of the cached L⁻ᵀ, dsyr, two trsv); LinTS's trsv d² + gemv 2Kd + the same update.
        try benchmarkLinear(name: "linucb", dimension: d, armCount: armCount, flopsPerStep: Double(armCount * d * d + 2 * armCount * d + 9 * d * d), dgemm: dgemmRate) {
            try LinUCB(armCount: armCount, dimension: d)
        }
        try benchmarkLinear(name: "lints", dimension: d, armCount: armCount, flopsPerStep: Double(d * d + 2 * armCount * d + 9 * d * d), dgemm: dgemmRate) {
            try LinTS(armCount: armCount, dimension: d, noiseScale: 0.1, scale: 0.1, seed: 1)
        }
    }
    // LinUCB with disjoint per-arm models (Li et al. 2010, Algorithm 1), d = 20: each arm
    // scored alone against its own factor.
    try benchmarkLinear(name: "linucb-disjoint", dimension: 20, armCount: armCount, flopsPerStep: .nan, dgemm: dgemmRate) {
        try LinUCBDisjoint(armCount: armCount, dimension: 20)
    }
    // LinUCB-hybrid (Li et al. 2010, Algorithm 2): 5 shared and 15 per-arm features, d = 20.
    try benchmarkLinear(name: "linucb-hybrid", dimension: 20, armCount: armCount, flopsPerStep: .nan, dgemm: dgemmRate) {
        try LinUCBHybrid(armCount: armCount, dimension: 20, sharedRows: 0..<5, armRows: 5..<20)
    }
}

/// GFLOP/s of C ← AB for n × n matrices (2n³ flops), fastest of 3.
func benchmarkDgemm(n: Int) throws -> Double {
    var generator = SplitMix64(seed: 1)
    let a = try Matrix(rows: n, columns: n, columnMajor: (0..<(n * n)).map { _ in generator.nextUniform() })
    let b = try Matrix(rows: n, columns: n, columnMajor: (0..<(n * n)).map { _ in generator.nextUniform() })
    var c = Matrix(rows: n, columns: n, repeating: 0)
    let seconds = try fastest(trials: 3) { try Matrix.gemm(.noTranspose, a, .noTranspose, b, into: &c) }
    return 2 * Double(n * n * n) / seconds / 1e9
}

/// Steps/s of one policy fed pre-drawn Gaussian contexts and linear rewards.
func benchmarkLinear<P: ContextualPolicy>(
    name: String, dimension d: Int, armCount: Int, flopsPerStep: Double, dgemm: Double, make: () throws -> P
) throws {
    let fullName = "linear/\(name)/d\(d)-k\(armCount)"
    guard selected(fullName) else { return }
    var generator = SplitMix64(seed: UInt64(d))
    let poolSize = 32
    var pool: [ArmFeatures] = []
    for _ in 0..<poolSize {
        var features = ArmFeatures(dimension: d, armCount: armCount)
        features.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = generator.nextStandardNormal() }
        }
        pool.append(features)
    }
    let theta = (0..<d).map { _ in generator.nextStandardNormal() / Double(d).squareRoot() }
    let noise = (0..<poolSize).map { _ in 0.1 * generator.nextStandardNormal() }
    // About 0.1–0.2 s per trial at today's speeds (2·10⁹/(K·d²) steps): long enough that a
    // trial spans the VM's short stalls.
    let steps = max(1_000, Int(2e9 / Double(armCount * d * d)))
    var chosen = [Double](repeating: 0, count: d)
    var policy = try make()
    // One OpenBLAS thread for the policy's small calls, explicitly (whatever main set).
    let seconds = try OpenBLAS.withThreadCount(1) { () throws -> Double in try fastest(trials: 3) {
        policy = try make()
        for step in 0..<steps {
            let features = pool[step % poolSize]
            let arm = try policy.selectArm(features: features)
            features.copyColumn(arm, into: &chosen)
            var reward = noise[step % poolSize]
            for i in 0..<d { reward += chosen[i] * theta[i] }
            try policy.update(arm: arm, features: chosen, reward: reward)
        }
    } }
    let rate = Double(steps) / seconds
    let gflops = rate * flopsPerStep / 1e9
    emit([
        "name": fullName, "value": rate, "unit": "steps/s", "microseconds_per_step": 1e6 / rate,
        "dimension": d, "arms": armCount, "steps": steps, "threads": 1, "gflops": gflops,
        "fraction_of_dgemm": gflops / dgemm,
        // Flat across d when the cost per step is O(K·d²).
        "nanoseconds_per_arm_dimension_squared": 1e9 / rate / Double(armCount * d * d),
    ])
}
