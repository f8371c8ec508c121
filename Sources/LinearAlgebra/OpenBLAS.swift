import COpenBLAS

/// Temporary: replaced by the LinearAlgebra module's real file.
public enum OpenBLAS {
    public static var coreName: String { String(cString: openblas_get_corename()) }
}
extension OpenBLAS {
    public static func setThreadCount(_ count: Int) { openblas_set_num_threads(Int32(count)) }
}
