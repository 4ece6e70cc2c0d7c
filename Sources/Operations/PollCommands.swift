import RESP

/// What one poll asks every node, pipelined in one round trip. All of it passes the
/// read-only guard. `CLUSTER SLOTS` (what MOVED will say) goes to the seeds only: every
/// node answers the same table and it is the priciest reply to build on a big cluster.
/// `CLUSTER SHARDS` answers `-ERR unknown subcommand` before 7.0, which the snapshot
/// builder reads as "not supported", not as a failure.
enum PollCommands {
    static let clusterNodes = RESPCommand("CLUSTER", "NODES")
    static let clusterInfo = RESPCommand("CLUSTER", "INFO")
    static let clusterSlots = RESPCommand("CLUSTER", "SLOTS")
    static let info = RESPCommand("INFO")
    static let clusterShards = RESPCommand("CLUSTER", "SHARDS")

    /// The commands for one node: NODES, INFO (cluster), SLOTS or a PING in its place (so
    /// reply positions stay fixed), INFO, and SHARDS when asked.
    static func all(includeShards: Bool, includeSlots: Bool = true) -> [RESPCommand] {
        var commands = [clusterNodes, clusterInfo, includeSlots ? clusterSlots : RESPCommand("PING"), info]
        if includeShards { commands.append(clusterShards) }
        return commands
    }
}
