import RESP

/// The commands a read-only session may send: reads of cluster, replication and
/// sentinel state, and nothing that can change a server. Checked in `Wire` before a
/// byte is written, so no layer above can bypass it (see `redis-facts.md`).
public enum ReadOnlyPolicy {
    /// Commands allowed whatever their arguments.
    static let plainCommands: Set<String> = [
        "PING", "HELLO", "AUTH", "INFO", "ROLE", "DBSIZE",
        "SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE",
    ]

    /// Container commands allowed only with these subcommands.
    static let subcommands: [String: Set<String>] = [
        "CLIENT": ["SETNAME", "SETINFO"],
        "CONFIG": ["GET"],
        "CLUSTER": ["INFO", "NODES", "SLOTS", "SHARDS", "MYID", "MYSHARDID", "LINKS",
                    "COUNTKEYSINSLOT", "COUNT-FAILURE-REPORTS", "SLOT-STATS"],
        "SENTINEL": ["MASTERS", "MASTER", "REPLICAS", "SLAVES", "SENTINELS",
                     "GET-MASTER-ADDR-BY-NAME", "CKQUORUM", "MYID", "INFO-CACHE"],
    ]

    /// True when `command` only reads.
    public static func allows(_ command: RESPCommand) -> Bool {
        let name = command.name
        if plainCommands.contains(name) {
            // HELLO may carry SETNAME/AUTH, which are allowed; it changes nothing on the server.
            return true
        }
        guard let allowed = subcommands[name], let sub = command.subcommand else { return false }
        return allowed.contains(sub)
    }
}
