/// A one-line error for the user: what failed, where, and how to fix it.
/// The CLI prints it as `slotscope: <message>` and exits with `exitCode`.
public struct CLIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// 2 for usage and connection problems, as in `check`'s documented exit codes.
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }

    public static func usage(_ message: String) -> CLIError { CLIError(message, exitCode: 2) }

    public var description: String { message }
}
