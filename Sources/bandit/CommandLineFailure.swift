/// A user error the command reports in one line (ArgumentParser prints `Error: <description>`
/// and exits non-zero without the usage text that `ValidationError` would add).
struct CommandLineFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
