import Bandits
import Foundation
import Synchronization

/// A progress bar on standard error, drawn only when stderr is a terminal and only once the run
/// has lasted a second, so short runs and logs stay clean.
final class ProgressBar: ProgressObserver {
    private struct State {
        var lastDraw = Date.distantPast
        var drawn = false
    }

    private let start = Date()
    private let state = Mutex(State())

    /// A bar if standard error is a terminal, else `nil`.
    static func forStandardError() -> ProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
    }

    func progress(completed: Int, total: Int) {
        let now = Date()
        guard now.timeIntervalSince(start) >= 1 else { return }
        state.withLock { state in
            guard now.timeIntervalSince(state.lastDraw) >= 0.1 || completed == total else { return }
            state.lastDraw = now
            state.drawn = true
            let fraction = total > 0 ? Double(completed) / Double(total) : 1
            let width = 40
            let filled = Int((fraction * Double(width)).rounded(.down))
            let elapsed = now.timeIntervalSince(start)
            let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = String(format: "\r%@ %5.1f%%  elapsed %.0fs  eta %.0fs ", bar, fraction * 100, elapsed, remaining)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func finish() {
        state.withLock { state in
            if state.drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
