import RESP

/// The gate every command passes on its way to the wire (see `ConnectionCore.transmit`).
enum ReadOnlyGuard {
    /// Why `commands` may not be sent, or nil when all of them may.
    /// A pipeline with one refused command is refused whole: nothing of it is written.
    static func refusal(for commands: [RESPCommand], readOnly: Bool) -> WireError? {
        var previous: RESPCommand?
        for command in commands {
            if command.arguments.isEmpty { return .emptyCommand }
            guard readOnly else { continue }
            // Pipelines repeat one command with other arguments (COUNTKEYSINSLOT × 16384):
            // the same name and subcommand as the last allowed one need no second look.
            if let last = previous, last.arguments[0] == command.arguments[0],
               last.arguments.count > 1, command.arguments.count > 1, last.arguments[1] == command.arguments[1] {
                continue
            }
            if ReadOnlyPolicy.allows(command) {
                previous = command
            } else {
                let shown = ["CLUSTER", "SENTINEL", "CONFIG", "CLIENT", "ACL", "OBJECT", "SCRIPT", "FUNCTION"].contains(command.name)
                    ? [command.name, command.subcommand].compactMap { $0 }.joined(separator: " ")
                    : command.name
                return .refusedInReadOnlyMode(command: shown)
            }
        }
        return nil
    }
}
