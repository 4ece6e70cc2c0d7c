/// ACL rules for a monitoring user that can run everything Slotscope reads and
/// nothing else: the server-side twin of `--read-only` (see `redis-facts.md`).
public enum MonitoringACL {
    /// Rules for data nodes (cluster or replication), valid on Redis 6.2 and later.
    public static let dataNodeRules = [
        "-@all",
        "+ping", "+hello", "+auth", "+info", "+role", "+dbsize",
        "+client|setname",
        "+cluster|info", "+cluster|nodes", "+cluster|slots", "+cluster|myid",
        "+cluster|countkeysinslot", "+cluster|count-failure-reports",
    ]

    /// Rules that exist only from Redis 7.0 on (`CLUSTER SHARDS`, `LINKS`, `CLIENT SETINFO` in 7.2).
    public static let dataNodeRules70 = ["+cluster|shards", "+cluster|links"]

    /// Rules for sentinels: their read commands and the event channels.
    public static let sentinelRules = [
        "-@all", "resetchannels", "&*",
        "+ping", "+hello", "+auth", "+info", "+role", "+client|setname",
        "+sentinel|masters", "+sentinel|master", "+sentinel|replicas", "+sentinel|slaves",
        "+sentinel|sentinels", "+sentinel|get-master-addr-by-name", "+sentinel|ckquorum",
        "+sentinel|myid", "+sentinel|info-cache",
        "+psubscribe", "+punsubscribe", "+subscribe", "+unsubscribe",
    ]

    /// `ACL SETUSER` arguments for `user`, with the password given as its SHA-256
    /// (`#hex`) or as a placeholder for the operator to replace.
    public static func setUser(_ user: String, passwordPlaceholder: String = "<password>",
                               sentinel: Bool, redis70: Bool = true) -> [String] {
        var rules = ["ACL", "SETUSER", user, "reset", "on", ">" + passwordPlaceholder]
        if sentinel {
            rules += sentinelRules
        } else {
            rules += dataNodeRules + (redis70 ? dataNodeRules70 : [])
        }
        return rules
    }
}
