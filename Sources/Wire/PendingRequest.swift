import RESP

/// Commands written (or waiting to be written) together, and the replies gathered so far.
///
/// `@unchecked Sendable`: its mutable fields are touched only on the loop thread; other
/// threads only carry the reference into loop jobs (enqueue, cancel).
final class PendingRequest: @unchecked Sendable {
    typealias Completion = @Sendable (Result<[RESPValue], WireError>) -> Void

    let commands: [RESPCommand]
    /// Internal handshake commands: their replies go to the `Handshake`, not to a caller.
    let isHandshake: Bool
    var replies: [RESPValue] = []
    /// Monotonic ns by which the last reply must have arrived; set when written.
    var deadline: UInt64 = .max
    var enqueued = false
    var cancelled = false
    private(set) var finished = false
    private let completion: Completion?

    init(commands: [RESPCommand], isHandshake: Bool = false, completion: Completion?) {
        self.commands = commands
        self.isHandshake = isHandshake
        self.completion = completion
    }

    /// Completes the request once; later calls are ignored (a cancelled request stays
    /// queued to swallow its replies and keep the stream in step).
    func finish(_ result: Result<[RESPValue], WireError>) {
        guard !finished else { return }
        finished = true
        completion?(result)
    }

    /// The command whose reply is awaited, redacted and shortened for error messages.
    var awaitedCommandText: String {
        let index = min(replies.count, commands.count - 1)
        guard index >= 0 else { return "(no command)" }
        let text = commands[index].description
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }
}
