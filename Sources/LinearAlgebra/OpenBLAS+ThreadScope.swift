extension OpenBLAS {
    /// Runs `body` with OpenBLAS set to `count` threads per call, then restores the previous
    /// setting (process-wide, so other threads' BLAS calls see it too while `body` runs).
    ///
    /// For code that is already parallel at a coarser grain — the simulator's repetitions,
    /// a service's requests — and makes many small calls: a bandit decision's `dtrmm`/`dgemv`
    /// on a d × K block is far below the size where OpenBLAS's threads pay for their hand-off
    /// (measured on the 2-core benchmark machine: a d = 100, K = 50 `dtrmm` several times slower
    /// with two threads than with one), and nested threads only oversubscribe the cores. Results
    /// do not depend on the thread count (each output entry is computed by one thread in the
    /// same order), so this changes speed only.
    public static func withThreadCount<Result, Failure: Error>(
        _ count: Int, _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let previous = threadCount
        setThreadCount(count)
        defer { setThreadCount(previous) }
        return try body()
    }
}
