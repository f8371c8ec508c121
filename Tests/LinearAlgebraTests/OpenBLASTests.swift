import LinearAlgebra
import Testing

@Suite("OpenBLAS runtime")
struct OpenBLASTests {
    @Test func reportsCoreAndConfiguration() {
        #expect(!OpenBLAS.coreName.isEmpty && OpenBLAS.coreName != "unknown")
        #expect(OpenBLAS.configuration.contains("OpenBLAS"))
    }

    /// Only lowers the thread count and restores it, so concurrently running tests are safe.
    @Test func threadCountCanBePinned() {
        let original = OpenBLAS.threadCount
        #expect(original >= 1)
        OpenBLAS.setThreadCount(1)
        #expect(OpenBLAS.threadCount == 1)
        OpenBLAS.setThreadCount(0) // clamped to 1, not OpenBLAS's "use the default"
        #expect(OpenBLAS.threadCount == 1)
        OpenBLAS.setThreadCount(original)
        #expect(OpenBLAS.threadCount == original)
    }
}
