import ClusterModel

/// What an error users paste means, its likely causes, and for each cause how to tell
/// from a snapshot whether it holds right now. Pure: the `explain` command polls.
public struct ErrorExplanation: Sendable {
    /// A possible cause, with the findings that confirm it.
    public struct Cause: Sendable {
        public var text: String
        /// Finding kinds that show this cause holds in the inspected cluster.
        public var confirmedBy: Set<FindingKind>
    }

    public var title: String
    public var meaning: String
    public var causes: [Cause]
    /// A slot named by the error (`MOVED 1545 …`, `ASK …`).
    public var slot: Int?
    /// An address named by the error (`MOVED 1545 10.244.3.239:6379`).
    public var address: NodeAddress?
    /// A host name the error says could not be resolved, or the error is about DNS at all.
    public var isNameResolution: Bool

    /// The explanation of `text`, or nil when it is not an error Slotscope knows.
    public static func match(_ text: String) -> ErrorExplanation? {
        let trimmed = text.trimmingCharacters(in: " \"'\n\r\t").withoutErrorPrefix().trimmingCharacters(in: " -")
        let words = trimmed.split(separator: " ").map(String.init)
        let upper = trimmed.uppercased()
        func first(_ prefix: String) -> Bool { words.first?.uppercased() == prefix }

        if first("MOVED") || first("ASK") {
            let slot = words.count > 1 ? Int(words[1]) : nil
            let address = words.count > 2 ? NodeAddress(parsing: words[2]) : nil
            if first("ASK") {
                return ErrorExplanation(
                    title: "ASK: slot \(slot.map(String.init) ?? "?") is being moved between masters",
                    meaning: "The key's slot is in the middle of a migration; the client must retry once at the importing node with ASKING. Cluster-aware clients do this by themselves.",
                    causes: [
                        Cause(text: "A reshard is running right now (normal, transient).", confirmedBy: []),
                        Cause(text: "A reshard was interrupted and left the slot open (migrating/importing) — it stays like this until fixed.",
                              confirmedBy: [.openSlotHalfMigrated, .openSlotMigratingOnly, .openSlotImportingOnly, .openSlotSeveralImporters]),
                    ],
                    slot: slot, address: address, isNameResolution: false)
            }
            return ErrorExplanation(
                title: "MOVED: slot \(slot.map(String.init) ?? "?") is served by \(address?.description ?? "another node")",
                meaning: "The node that answered does not serve the key's slot and names the one that does. A cluster-aware client follows it (redis-cli needs -c); if the named address cannot be reached from where the client runs, every request to that slot fails.",
                causes: [
                    Cause(text: "The client is not cluster-aware (e.g. redis-cli without -c) or reached the cluster through a single Service IP.", confirmedBy: []),
                    Cause(text: "The address the cluster announces is not reachable from here (Kubernetes pod IPs, NAT, an announced hostname that does not resolve).",
                          confirmedBy: [.announcedAddressUnreachable]),
                    Cause(text: "The client's slot map is stale after a failover or a reshard.", confirmedBy: []),
                    Cause(text: "Nodes disagree on who owns the slot.", confirmedBy: [.slotOwnershipDisagreement]),
                ],
                slot: slot, address: address, isNameResolution: false)
        }
        if upper.hasPrefix("CLUSTERDOWN HASH SLOT NOT SERVED") || (first("CLUSTERDOWN") && upper.contains("NOT SERVED")) {
            return ErrorExplanation(
                title: "CLUSTERDOWN Hash slot not served: some slots have no master",
                meaning: "The key's slot has no owner (or its owner has failed with no replica to take over). With cluster-require-full-coverage yes (the default) the whole cluster refuses queries.",
                causes: [
                    Cause(text: "Slots were never assigned, or were removed (an interrupted reshard or del-node, CLUSTER DELSLOTS).", confirmedBy: [.unassignedSlots]),
                    Cause(text: "A master failed and no replica could take over its slots.", confirmedBy: [.nodeFailing, .allReplicasDown, .masterWithoutReplicas]),
                    Cause(text: "The cluster lost its majority of masters.", confirmedBy: [.clusterStateFail]),
                ],
                slot: nil, address: nil, isNameResolution: false)
        }
        if first("CLUSTERDOWN") {
            return ErrorExplanation(
                title: "CLUSTERDOWN: the cluster is down",
                meaning: "The node answering considers the cluster failed (cluster_state:fail): slots are uncovered or it cannot reach a majority of masters.",
                causes: [
                    Cause(text: "Slots without an owner.", confirmedBy: [.unassignedSlots]),
                    Cause(text: "Masters failing or unreachable.", confirmedBy: [.nodeFailing, .nodeUnreachable]),
                    Cause(text: "The node sits on the minority side of a network partition.", confirmedBy: [.clusterStateFail]),
                ],
                slot: nil, address: nil, isNameResolution: false)
        }
        if upper.contains("FAILED TO REFRESH SLOTS CACHE") {
            return ErrorExplanation(
                title: "Failed to refresh slots cache: the client could not learn the cluster's layout",
                meaning: "A client (Jedis, Lettuce, go-redis…) asked CLUSTER SLOTS and could not use the answer: no seed answered, or the addresses in the answer cannot be reached from where the client runs.",
                causes: [
                    Cause(text: "Announced addresses (pod IPs, announced hostnames) are unreachable from the client.", confirmedBy: [.announcedAddressUnreachable]),
                    Cause(text: "Nodes are down or unreachable.", confirmedBy: [.nodeUnreachable, .nodeFailing]),
                    Cause(text: "Wrong password, ACL user without +cluster|slots, or TLS mismatch on the client.", confirmedBy: [.unreadableReply]),
                ],
                slot: nil, address: nil, isNameResolution: false)
        }
        if upper.contains("TEMPORARY FAILURE IN NAME RESOLUTION") || upper.contains("NAME OR SERVICE NOT KNOWN")
            || upper.contains("NODENAME NOR SERVNAME") {
            return ErrorExplanation(
                title: "Name resolution failed: a host name could not be turned into an address",
                meaning: "Something (a client, or Redis/Sentinel itself) was given a host name that DNS could not resolve at that moment. In Kubernetes this is common right after pods restart, for headless-Service names used outside their namespace, and for announced hostnames.",
                causes: [
                    Cause(text: "Nodes announce hostnames (cluster-announce-hostname) that do not resolve from here.", confirmedBy: [.announcedAddressUnreachable]),
                    Cause(text: "Sentinels configured with resolve-hostnames/announce-hostnames could not resolve each other and may have split the group.", confirmedBy: []),
                ],
                slot: nil, address: nil, isNameResolution: true)
        }
        let simple: [(String, String, String, [Cause])] = [
            ("LOADING", "LOADING: the node is loading its dataset", "The node just started (or ran DEBUG RELOAD) and is reading its RDB/AOF into memory; it answers LOADING until done. It is a state, not a failure: wait.",
             [Cause(text: "A node restarted and is loading.", confirmedBy: [.nodeLoading])]),
            ("READONLY", "READONLY: a write reached a replica", "Replicas refuse writes. The client wrote to a node that is (now) a replica.",
             [Cause(text: "A failover happened and the client still writes to the old master, now a replica.", confirmedBy: []),
              Cause(text: "The client connects to a replica on purpose (READONLY mode) but sends writes.", confirmedBy: [])]),
            ("MASTERDOWN", "MASTERDOWN: the replica lost its master", "The replica's link to its master is down and replica-serve-stale-data is no: it refuses to serve.",
             [Cause(text: "The replica's replication link is down.", confirmedBy: [.replicaLinkDown]),
              Cause(text: "Its master failed.", confirmedBy: [.nodeFailing])]),
            ("NOAUTH", "NOAUTH: a password is required", "The server requires AUTH before any command.",
             [Cause(text: "No password given: set REDISCLI_AUTH, or use --askpass / --pass-file (and --user for an ACL user).", confirmedBy: [])]),
            ("WRONGPASS", "WRONGPASS: wrong user name or password", "AUTH was refused: the user does not exist, is disabled, or the password is wrong.",
             [Cause(text: "The password (or --user) is wrong, or differs between nodes.", confirmedBy: [])]),
            ("NOPERM", "NOPERM: the ACL user may not run this command", "The user is authenticated but its ACL rules do not allow the command (or the key/channel).",
             [Cause(text: "The user lacks a rule; `slotscope acl` prints the rules a read-only monitoring user needs.", confirmedBy: [.unreadableReply])]),
            ("CROSSSLOT", "CROSSSLOT: the keys of one command hash to different slots", "Multi-key commands in a cluster need all keys in one slot. Use hash tags: {user42}:a and {user42}:b share a slot.",
             [Cause(text: "The application sends multi-key commands (MGET, MSET, transactions, Lua) over keys without a common hash tag.", confirmedBy: [])]),
            ("TRYAGAIN", "TRYAGAIN: a multi-key command during a slot migration", "Some of the keys have already moved and some have not; retry later.",
             [Cause(text: "A reshard is in progress or was left half done.", confirmedBy: [.openSlotHalfMigrated, .openSlotImportingOnly, .openSlotMigratingOnly])]),
        ]
        for (code, title, meaning, causes) in simple where first(code) {
            return ErrorExplanation(title: title, meaning: meaning, causes: causes, slot: nil, address: nil, isNameResolution: false)
        }
        return nil
    }

    /// The errors `explain` knows, for its help and its "unknown error" message.
    public static let known = ["MOVED <slot> <host:port>", "ASK <slot> <host:port>", "CLUSTERDOWN Hash slot not served",
                               "CLUSTERDOWN The cluster is down", "Failed to refresh slots cache",
                               "Temporary failure in name resolution", "LOADING", "READONLY", "MASTERDOWN", "NOAUTH",
                               "WRONGPASS", "NOPERM", "CROSSSLOT", "TRYAGAIN"]
}

extension String {
    func trimmingCharacters(in characters: String) -> String {
        var view = Substring(self)
        while let first = view.first, characters.contains(first) { view = view.dropFirst() }
        while let last = view.last, characters.contains(last) { view = view.dropLast() }
        return String(view)
    }

    /// redis-cli prints `(error) MOVED …`; clients print `ERR …`, `-MOVED …` or `Error: …`; drop those.
    func withoutErrorPrefix() -> String {
        var text = Substring(self)
        for prefix in ["(error) ", "-", "ERR ", "Error: ", "error: "] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        return String(text)
    }
}
