import RESP

/// What one poll asks every node, pipelined in one round trip. All of it passes the
/// read-only guard. `CLUSTER SHARDS` answers `-ERR unknown subcommand` before 7.0,
/// which the snapshot builder reads as "not supported", not as a failure.
enum PollCommands {
    static let clusterNodes = RESPCommand("CLUSTER", "NODES")
    static let clusterInfo = RESPCommand("CLUSTER", "INFO")
    static let clusterSlots = RESPCommand("CLUSTER", "SLOTS")
    static let info = RESPCommand("INFO")
    static let clusterShards = RESPCommand("CLUSTER", "SHARDS")

    static func all(includeShards: Bool) -> [RESPCommand] {
        var commands = [clusterNodes, clusterInfo, clusterSlots, info]
        if includeShards { commands.append(clusterShards) }
        return commands
    }
}
