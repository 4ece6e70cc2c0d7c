import RESP

/// One command that may have changed a server, with what came back.
public struct CommandLogEntry: Sendable {
    /// The endpoint dialed.
    public var endpoint: Endpoint
    public var command: RESPCommand
    /// The reply (error replies included), or why none came.
    public var outcome: Result<RESPValue, WireError>

    public init(endpoint: Endpoint, command: RESPCommand, outcome: Result<RESPValue, WireError>) {
        self.endpoint = endpoint
        self.command = command
        self.outcome = outcome
    }
}

/// Receives every command a connection sent that is not a plain read, with its outcome,
/// once the reply (or the failure) is in: the command log of the actions. Set on a
/// `ConnectionPool` (or a `Connection`); read-only sessions send no such command.
public protocol CommandLogging: Sendable {
    func record(_ entry: CommandLogEntry)
}

/// Which commands a command log keeps: everything outside `ReadOnlyPolicy`, except the
/// reads an action needs that monitoring does not (key names of a slot, values to compare)
/// and `ASKING`, which only flags the connection.
public enum CommandLogFilter {
    static let reads: Set<String> = ["ASKING", "READONLY", "READWRITE", "GET", "DUMP", "EXISTS", "TYPE", "TTL", "PTTL",
                                     "SCAN", "STRLEN", "MGET", "COMMAND"]
    static let clusterReads: Set<String> = ["GETKEYSINSLOT", "KEYSLOT"]

    /// True when `command` may change something and belongs in the log.
    public static func keeps(_ command: RESPCommand) -> Bool {
        if ReadOnlyPolicy.allows(command) { return false }
        let name = command.name
        if reads.contains(name) { return false }
        if name == "CLUSTER", let sub = command.subcommand, clusterReads.contains(sub) { return false }
        return true
    }
}

extension CommandLogging {
    /// Records the commands of one pipeline worth logging (none when the guard refused it:
    /// nothing was sent). Commands repeated with the same name and subcommand (a census
    /// pipeline) are classified once.
    public func record(_ commands: [RESPCommand], to endpoint: Endpoint, _ result: Result<[RESPValue], WireError>) {
        if case .failure(.refusedInReadOnlyMode) = result { return }
        var previous: (name: [UInt8], sub: [UInt8]?, kept: Bool)?
        for (index, command) in commands.enumerated() {
            let name = command.arguments.first ?? []
            let sub = command.arguments.count > 1 ? command.arguments[1] : nil
            let kept: Bool
            if let last = previous, last.name == name, last.sub == sub {
                kept = last.kept
            } else {
                kept = CommandLogFilter.keeps(command)
                previous = (name, sub, kept)
            }
            guard kept else { continue }
            let outcome: Result<RESPValue, WireError> = result.flatMap { replies in
                index < replies.count ? .success(replies[index]) : .failure(.unexpectedReply(endpoint))
            }
            record(CommandLogEntry(endpoint: endpoint, command: command, outcome: outcome))
        }
    }
}
