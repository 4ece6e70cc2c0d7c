import RESP

/// The commands a read-only session may send: reads of cluster, replication and
/// sentinel state, and nothing that can change a server. Checked in `Wire` before a
/// byte is written, so no layer above can bypass it (see `redis-facts.md`).
public enum ReadOnlyPolicy {
    /// Commands allowed whatever their arguments.
    static let plainCommands: Set<String> = [
        "PING", "HELLO", "AUTH", "INFO", "ROLE", "DBSIZE", "SCAN",
        "SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE",
    ]

    /// Container commands allowed only with these subcommands.
    static let subcommands: [String: Set<String>] = [
        // LIST: which sentinels are connected to a standalone node (names sentinel-<id>-cmd).
        "CLIENT": ["SETNAME", "SETINFO", "LIST"],
        "CONFIG": ["GET"],
        // NUMSUB of __sentinel__:hello tells whether sentinels watch a standalone node.
        "PUBSUB": ["NUMSUB"],
        "CLUSTER": ["INFO", "NODES", "SLOTS", "SHARDS", "MYID", "MYSHARDID", "LINKS",
                    "COUNTKEYSINSLOT", "COUNT-FAILURE-REPORTS", "SLOT-STATS"],
        "SENTINEL": ["MASTERS", "MASTER", "REPLICAS", "SLAVES", "SENTINELS",
                     "GET-MASTER-ADDR-BY-NAME", "CKQUORUM", "MYID", "INFO-CACHE"],
    ]

    /// True when `command` only reads. Works on the argument bytes: a key census sends
    /// 16,384 commands through here per master, so no String is built per command.
    public static func allows(_ command: RESPCommand) -> Bool {
        guard let name = command.arguments.first else { return false }
        var upper = UpperASCII()
        guard let nameText = upper.text(name) else { return false }
        if plainCommands.contains(nameText) {
            // HELLO may carry SETNAME/AUTH, which are allowed; it changes nothing on the server.
            return true
        }
        guard let allowed = subcommands[nameText], command.arguments.count > 1,
              let sub = upper.text(command.arguments[1]) else { return false }
        return allowed.contains(sub)
    }
}

/// Upper-cases short ASCII names into a reused buffer; nil for anything that cannot be a
/// command name (too long, or not ASCII), which the policy then refuses.
private struct UpperASCII {
    private var buffer = [UInt8](repeating: 0, count: 32)

    mutating func text(_ bytes: [UInt8]) -> String? {
        guard bytes.count <= buffer.count else { return nil }
        for (index, byte) in bytes.enumerated() {
            guard byte < 0x80 else { return nil }
            buffer[index] = (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte
        }
        return String(decoding: buffer[0..<bytes.count], as: UTF8.self)
    }
}
