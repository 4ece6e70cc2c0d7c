/// ACL rules for a monitoring user that can run everything Slotscope reads and nothing
/// else: the server-side twin of `ReadOnlyPolicy` (see `redis-facts.md`). `slotscope acl`
/// prints them; the sandbox configures them; the tests check a real server accepts them.
public enum MonitoringACL {
    /// Which server generation the rules must load on: a server refuses an ACL that names a
    /// subcommand it does not have (7.0 refuses `+client|setinfo`).
    public enum ServerGeneration: Sendable, Comparable {
        /// Redis 6.2: no `CLUSTER SHARDS`/`LINKS`.
        case redis62
        /// Redis 7.0 and 7.1.
        case redis70
        /// Redis 7.2 and later, Valkey 7.2+: `CLIENT SETINFO`, `CLUSTER MYSHARDID`.
        case redis72
    }

    /// The rules (without the user name and password) for data nodes or sentinels.
    public static func rules(sentinel: Bool, generation: ServerGeneration = .redis70) -> [String] {
        var rules = ["-@all", "+ping", "+hello", "+auth", "+info", "+role", "+client|setname"]
        if generation >= .redis72 { rules.append("+client|setinfo") }
        if sentinel {
            rules += ["resetchannels", "&*",
                      "+sentinel|masters", "+sentinel|master", "+sentinel|replicas", "+sentinel|slaves",
                      "+sentinel|sentinels", "+sentinel|get-master-addr-by-name", "+sentinel|ckquorum",
                      "+sentinel|myid", "+sentinel|info-cache",
                      "+psubscribe", "+punsubscribe", "+subscribe", "+unsubscribe"]
        } else {
            // +scan: the key census lists a small master's keys instead of counting 16384
            // slots (names are hashed to slots, never shown); without it, it counts.
            rules += ["+dbsize", "+scan", "+cluster|info", "+cluster|nodes", "+cluster|slots", "+cluster|myid",
                      "+cluster|countkeysinslot", "+cluster|count-failure-reports"]
            if generation >= .redis70 { rules += ["+cluster|shards", "+cluster|links"] }
            if generation >= .redis72 { rules.append("+cluster|myshardid") }
            // Sentinel discovery from a standalone node: which sentinels are connected (CLIENT
            // LIST), who listens on the hello channel and what is said there.
            rules += ["+client|list", "+pubsub|numsub", "+psubscribe", "+punsubscribe", "resetchannels", "&__sentinel__:hello"]
        }
        return rules
    }

    /// `ACL SETUSER` arguments for `user`, with a placeholder for the operator to replace.
    public static func setUser(_ user: String, passwordPlaceholder: String = "<password>",
                               sentinel: Bool, generation: ServerGeneration = .redis70) -> [String] {
        ["ACL", "SETUSER", user, "reset", "on", ">" + passwordPlaceholder] + rules(sentinel: sentinel, generation: generation)
    }
}
