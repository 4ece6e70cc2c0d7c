import RESP

/// The gate every command passes on its way to the wire (see `ConnectionCore.transmit`).
enum ReadOnlyGuard {
    /// Why `commands` may not be sent, or nil when all of them may.
    /// A pipeline with one refused command is refused whole: nothing of it is written.
    static func refusal(for commands: [RESPCommand], readOnly: Bool) -> WireError? {
        for command in commands {
            if command.arguments.isEmpty { return .emptyCommand }
            if readOnly, !ReadOnlyPolicy.allows(command) {
                let shown = ["CLUSTER", "SENTINEL", "CONFIG", "CLIENT", "ACL", "OBJECT", "SCRIPT", "FUNCTION"].contains(command.name)
                    ? [command.name, command.subcommand].compactMap { $0 }.joined(separator: " ")
                    : command.name
                return .refusedInReadOnlyMode(command: shown)
            }
        }
        return nil
    }
}
