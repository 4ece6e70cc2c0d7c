import RESP

/// The INFO reply, every section: typed fields for what Slotscope uses, and
/// every line kept by section (unknown sections and keys included).
public struct ServerInfo: Hashable, Sendable, Codable {
    /// One `# Section` with its `key:value` lines in server order.
    public struct Section: Hashable, Sendable, Codable {
        public var name: String
        public var fields: [AuxField]
    }

    public var sections: [Section]
    public var server: ServerSection
    public var replication: ReplicationInfo?
    public var keyspace: [KeyspaceDB]
    public var memory: MemoryInfo
    public var persistence: PersistenceInfo
    public var stats: StatsInfo
    public var clients: ClientsInfo

    /// Any field by key (keys are unique across INFO sections).
    public subscript(key: String) -> String? {
        for section in sections { if let field = section.fields.first(where: { $0.key == key }) { return field.value } }
        return nil
    }

    /// Keys over all databases (`db0:keys=…`).
    public var totalKeys: Int64 { keyspace.reduce(0) { $0 + $1.keys } }

    static let command = "INFO"

    public init(reply: RESPValue) throws(ModelParseError) {
        try self.init(text: reply.documentText(command: Self.command))
    }

    public init(text: String) throws(ModelParseError) {
        var sections: [Section] = []
        var flat: [String: String] = [:]
        var replicaLines: [(Int, String)] = []
        var keyspace: [KeyspaceDB] = []
        keyValueLines(text) { section, key, value in
            let name = section ?? ""
            if sections.last?.name != name { sections.append(Section(name: name, fields: [])) }
            let k = String(key), v = String(value)
            sections[sections.count - 1].fields.append(AuxField(key: k, value: v))
            flat[k] = v
            if key.hasPrefix("slave"), let n = Int(key.dropFirst(5)) { replicaLines.append((n, v)) }
            if key.hasPrefix("db"), let n = Int(key.dropFirst(2)) { keyspace.append(KeyspaceDB(db: n, text: v)) }
        }
        guard !sections.isEmpty else {
            throw ModelParseError(command: Self.command, text: String(text.prefix(80)), reason: "no key:value lines")
        }
        self.sections = sections
        self.keyspace = keyspace
        func int(_ key: String) -> Int64? { flat[key].flatMap { Int64($0) } }
        server = ServerSection(version: flat["redis_version"], valkeyVersion: flat["valkey_version"],
                               serverName: flat["server_name"], mode: flat["redis_mode"], runID: flat["run_id"],
                               tcpPort: int("tcp_port").map(Int.init), uptimeSeconds: int("uptime_in_seconds"))
        if let role = flat["role"] {
            replication = ReplicationInfo(
                role: role, connectedReplicas: int("connected_slaves").map(Int.init),
                replicas: replicaLines.sorted { $0.0 < $1.0 }.map { ReplicaLine(index: $0.0, text: $0.1) },
                masterHost: flat["master_host"], masterPort: int("master_port").map(Int.init),
                masterLinkUp: flat["master_link_status"].map { $0 == "up" },
                masterLastIOSecondsAgo: int("master_last_io_seconds_ago"),
                masterLinkDownSinceSeconds: int("master_link_down_since_seconds"),
                syncInProgress: flat["master_sync_in_progress"].map { $0 == "1" },
                replicaOffset: int("slave_repl_offset"), replicaReadOffset: int("slave_read_repl_offset"),
                replicaPriority: int("slave_priority") ?? int("replica_priority"),
                masterReplID: flat["master_replid"], masterReplID2: flat["master_replid2"],
                masterReplOffset: int("master_repl_offset"), secondReplOffset: int("second_repl_offset"),
                failoverState: flat["master_failover_state"])
        }
        memory = MemoryInfo(usedMemory: int("used_memory"), usedMemoryRSS: int("used_memory_rss"),
                            usedMemoryPeak: int("used_memory_peak"), maxMemory: int("maxmemory"),
                            maxMemoryPolicy: flat["maxmemory_policy"])
        persistence = PersistenceInfo(loading: flat["loading"].map { $0 == "1" },
                                      asyncLoading: flat["async_loading"].map { $0 == "1" },
                                      loadingEtaSeconds: int("loading_eta_seconds"),
                                      rdbBgsaveInProgress: flat["rdb_bgsave_in_progress"].map { $0 == "1" },
                                      rdbLastBgsaveStatus: flat["rdb_last_bgsave_status"],
                                      aofEnabled: flat["aof_enabled"].map { $0 == "1" })
        stats = StatsInfo(totalConnectionsReceived: int("total_connections_received"),
                          totalCommandsProcessed: int("total_commands_processed"),
                          instantaneousOpsPerSec: int("instantaneous_ops_per_sec"),
                          rejectedConnections: int("rejected_connections"), expiredKeys: int("expired_keys"),
                          evictedKeys: int("evicted_keys"), keyspaceHits: int("keyspace_hits"),
                          keyspaceMisses: int("keyspace_misses"))
        clients = ClientsInfo(connectedClients: int("connected_clients").map(Int.init),
                              blockedClients: int("blocked_clients").map(Int.init),
                              maxClients: int("maxclients").map(Int.init))
    }
}

/// INFO `server`.
public struct ServerSection: Hashable, Sendable, Codable {
    public var version: String?
    /// Valkey's own version (`valkey_version`); `version` stays the Redis-compatible one.
    public var valkeyVersion: String?
    /// `valkey` on Valkey; nil on Redis.
    public var serverName: String?
    /// `cluster`, `sentinel` or `standalone`.
    public var mode: String?
    public var runID: String?
    public var tcpPort: Int?
    public var uptimeSeconds: Int64?

    /// `valkey 8.0.1` or `redis 7.0.15`.
    public var displayVersion: String? {
        if let valkeyVersion { return "valkey \(valkeyVersion)" }
        return version.map { "\(serverName ?? "redis") \($0)" }
    }
}

/// INFO `replication`.
public struct ReplicationInfo: Hashable, Sendable, Codable {
    /// `master` or `slave`.
    public var role: String
    public var connectedReplicas: Int?
    /// The master's `slaveN:` lines.
    public var replicas: [ReplicaLine]
    public var masterHost: String?
    public var masterPort: Int?
    /// `master_link_status:up` → true; nil on a master.
    public var masterLinkUp: Bool?
    public var masterLastIOSecondsAgo: Int64?
    public var masterLinkDownSinceSeconds: Int64?
    public var syncInProgress: Bool?
    /// `slave_repl_offset`.
    public var replicaOffset: Int64?
    /// `slave_read_repl_offset` (7.0+).
    public var replicaReadOffset: Int64?
    public var replicaPriority: Int64?
    public var masterReplID: String?
    /// The previous replication id; not all zeros after a promotion (failover fingerprint).
    public var masterReplID2: String?
    public var masterReplOffset: Int64?
    /// -1 unless this node was promoted.
    public var secondReplOffset: Int64?
    public var failoverState: String?

    public var isMaster: Bool { role == "master" }
    /// True when `master_replid2` is set (not the all-zero placeholder).
    public var hasPreviousReplID: Bool { masterReplID2.map { $0.contains { $0 != "0" } } ?? false }
}

/// One `slaveN:ip=…,port=…,state=…,offset=…,lag=…` line on a master.
public struct ReplicaLine: Hashable, Sendable, Codable {
    public var index: Int
    public var ip: String
    public var port: Int?
    public var state: String?
    public var offset: Int64?
    /// Seconds since the replica's last ack.
    public var lag: Int64?
    /// Fields not listed above.
    public var otherFields: [AuxField]

    init(index: Int, text: String) {
        self.index = index
        ip = ""
        otherFields = []
        for part in text.split(separator: ",") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let key = part[..<eq], value = String(part[part.index(after: eq)...])
            switch key {
            case "ip": ip = value
            case "port": port = Int(value)
            case "state": state = value
            case "offset": offset = Int64(value)
            case "lag": lag = Int64(value)
            default: otherFields.append(AuxField(key: String(key), value: value))
            }
        }
    }

    public var address: NodeAddress? { port.map { NodeAddress(host: ip, port: $0) } }
}

/// One `dbN:keys=…,expires=…,avg_ttl=…` line.
public struct KeyspaceDB: Hashable, Sendable, Codable {
    public var db: Int
    public var keys: Int64
    public var expires: Int64
    public var averageTTL: Int64?

    init(db: Int, text: String) {
        self.db = db
        keys = 0
        expires = 0
        for part in text.split(separator: ",") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let value = Int64(part[part.index(after: eq)...])
            switch part[..<eq] {
            case "keys": keys = value ?? 0
            case "expires": expires = value ?? 0
            case "avg_ttl": averageTTL = value
            default: break
            }
        }
    }
}

/// INFO `memory`.
public struct MemoryInfo: Hashable, Sendable, Codable {
    public var usedMemory: Int64?
    public var usedMemoryRSS: Int64?
    public var usedMemoryPeak: Int64?
    /// 0 means no limit.
    public var maxMemory: Int64?
    public var maxMemoryPolicy: String?
}

/// INFO `persistence`.
public struct PersistenceInfo: Hashable, Sendable, Codable {
    /// `loading:1` while the dataset is being loaded.
    public var loading: Bool?
    public var asyncLoading: Bool?
    public var loadingEtaSeconds: Int64?
    public var rdbBgsaveInProgress: Bool?
    public var rdbLastBgsaveStatus: String?
    public var aofEnabled: Bool?
}

/// INFO `stats`.
public struct StatsInfo: Hashable, Sendable, Codable {
    public var totalConnectionsReceived: Int64?
    public var totalCommandsProcessed: Int64?
    public var instantaneousOpsPerSec: Int64?
    public var rejectedConnections: Int64?
    public var expiredKeys: Int64?
    public var evictedKeys: Int64?
    public var keyspaceHits: Int64?
    public var keyspaceMisses: Int64?
}

/// INFO `clients`.
public struct ClientsInfo: Hashable, Sendable, Codable {
    public var connectedClients: Int?
    public var blockedClients: Int?
    public var maxClients: Int?
}
