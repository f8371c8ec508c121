internal import COpenBLAS

/// Run-time facts about, and settings of, the OpenBLAS library this module is linked against.
///
/// Simulations parallelise across repetitions, so they pin OpenBLAS to one thread (nested
/// threading only oversubscribes the cores) and record ``coreName`` in their metadata because
/// OpenBLAS picks its kernels per CPU at load time, which can change the last bits of results.
public enum OpenBLAS {
    /// The CPU kernel family OpenBLAS selected at load time (for example `"Haswell"` or `"Zen"`).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The build configuration string of the OpenBLAS library (version, threading, options).
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config)
    }

    /// The number of threads OpenBLAS currently uses for a single call.
    public static var threadCount: Int {
        Int(openblas_get_num_threads())
    }

    /// Sets the number of threads OpenBLAS uses for a single call, process-wide.
    ///
    /// Values below 1 are raised to 1 (OpenBLAS would otherwise silently fall back to its
    /// default), and values beyond `Int32.max` are clamped.
    public static func setThreadCount(_ count: Int) {
        let clamped = Swift.min(Swift.max(count, 1), Int(Int32.max))
        openblas_set_num_threads(Int32(clamped))
    }
}
