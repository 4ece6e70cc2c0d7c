import RESP

/// The INFO reply, every section: typed fields for what Slotscope uses, and
/// every line kept (unknown sections and keys included).
///
/// Parsed from bytes in one pass; the reply's bytes are kept with an index of
/// lines, so unknown fields cost no extra allocation until they are read.
public struct ServerInfo: Hashable, Sendable, Codable {
    /// One `# Section` with its `key:value` lines in server order.
    public struct Section: Hashable, Sendable, Codable {
        public var name: String
        public var fields: [AuxField]
    }

    /// The reply text, as received.
    let storage: [UInt8]
    /// Every `key:value` line: its section and byte ranges in `storage`.
    let lines: [InfoLine]
    /// Lowercased section names in server order.
    let sectionNames: [String]

    public var server: ServerSection
    public var replication: ReplicationInfo?
    public var keyspace: [KeyspaceDB]
    public var memory: MemoryInfo
    public var persistence: PersistenceInfo
    public var stats: StatsInfo
    public var clients: ClientsInfo

    /// Every section with its fields (built on demand).
    public var sections: [Section] {
        var result = sectionNames.map { Section(name: $0, fields: []) }
        storage.withUnsafeBufferPointer { b in
            for line in lines {
                result[Int(line.section)].fields.append(AuxField(key: line.key(b), value: line.value(b)))
            }
        }
        return result.filter { !$0.fields.isEmpty }
    }

    /// Any field by key (keys are unique across INFO sections).
    public subscript(key: String) -> String? {
        let wanted = Array(key.utf8)
        return storage.withUnsafeBufferPointer { b -> String? in
            for line in lines where line.keyEquals(wanted, b) { return line.value(b) }
            return nil
        }
    }

    /// Keys over all databases (`db0:keys=…`).
    public var totalKeys: Int64 { keyspace.reduce(0) { $0 + $1.keys } }

    static let command = "INFO"

    public init(reply: RESPValue) throws(ModelParseError) {
        try self.init(bytes: reply.documentBytes(command: Self.command))
    }

    public init(text: String) throws(ModelParseError) {
        try self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) throws(ModelParseError) {
        var lines: [InfoLine] = []
        var sectionNames: [String] = [""]
        var known = [InfoLine?](repeating: nil, count: InfoKey.table.count)
        var replicaLines: [(Int, InfoLine)] = []
        var dbLines: [(Int, InfoLine)] = []
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let count = b.count
            lines.reserveCapacity(count / 24)
            var start = 0
            while start < count {
                let end = indexOfByte(UInt8(ascii: "\n"), base, from: start, end: count)
                var lineEnd = end
                if lineEnd > start && base[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                defer { start = end + 1 }
                guard lineEnd > start else { continue }
                if base[start] == UInt8(ascii: "#") {
                    var s = start + 1
                    while s < lineEnd && base[s] == UInt8(ascii: " ") { s += 1 }
                    sectionNames.append(lowercasedName(UnsafeBufferPointer(start: base + s, count: lineEnd - s)))
                    continue
                }
                let colon = indexOfByte(UInt8(ascii: ":"), base, from: start, end: lineEnd)
                guard colon < lineEnd else { continue }
                let line = InfoLine(section: UInt16(sectionNames.count - 1), keyStart: Int32(start),
                                    keyEnd: Int32(colon), valueEnd: Int32(lineEnd))
                lines.append(line)
                if let k = InfoKey.lookup(base, start, colon, limit: count) { known[k] = line; continue }
                let keyCount = colon - start
                if keyCount > 5 && base[start] == UInt8(ascii: "s") && base[start + 1] == UInt8(ascii: "l")
                    && base[start + 2] == UInt8(ascii: "a") && base[start + 3] == UInt8(ascii: "v")
                    && base[start + 4] == UInt8(ascii: "e"),
                   let n = parseInt(UnsafeBufferPointer(start: base + start + 5, count: keyCount - 5)) {
                    replicaLines.append((Int(n), line))
                } else if keyCount > 2 && base[start] == UInt8(ascii: "d") && base[start + 1] == UInt8(ascii: "b"),
                          let n = parseInt(UnsafeBufferPointer(start: base + start + 2, count: keyCount - 2)) {
                    dbLines.append((Int(n), line))
                }
            }
        }
        guard !lines.isEmpty else {
            throw ModelParseError(command: Self.command, text: String(decoding: bytes.prefix(80), as: UTF8.self),
                                  reason: "no key:value lines")
        }
        storage = bytes
        self.lines = lines
        self.sectionNames = sectionNames
        let values = InfoValues(known: known, storage: bytes)
        keyspace = bytes.withUnsafeBufferPointer { b in dbLines.map { KeyspaceDB(db: $0.0, bytes: $0.1.valueBytes(b)) } }
        server = ServerSection(version: values.string(.redisVersion), valkeyVersion: values.string(.valkeyVersion),
                               serverName: values.string(.serverName), mode: values.string(.redisMode),
                               runID: values.string(.runID), tcpPort: values.int(.tcpPort).map(Int.init),
                               uptimeSeconds: values.int(.uptimeInSeconds))
        if let role = values.string(.role) {
            let replicas = bytes.withUnsafeBufferPointer { b in
                replicaLines.sorted { $0.0 < $1.0 }.map { ReplicaLine(index: $0.0, bytes: $0.1.valueBytes(b)) }
            }
            replication = ReplicationInfo(
                role: role, connectedReplicas: values.int(.connectedSlaves).map(Int.init), replicas: replicas,
                masterHost: values.string(.masterHost), masterPort: values.int(.masterPort).map(Int.init),
                masterLinkUp: values.string(.masterLinkStatus).map { $0 == "up" },
                masterLastIOSecondsAgo: values.int(.masterLastIOSecondsAgo),
                masterLinkDownSinceSeconds: values.int(.masterLinkDownSinceSeconds),
                syncInProgress: values.flag(.masterSyncInProgress),
                replicaOffset: values.int(.slaveReplOffset), replicaReadOffset: values.int(.slaveReadReplOffset),
                replicaPriority: values.int(.slavePriority) ?? values.int(.replicaPriority),
                masterReplID: values.string(.masterReplID), masterReplID2: values.string(.masterReplID2),
                masterReplOffset: values.int(.masterReplOffset), secondReplOffset: values.int(.secondReplOffset),
                failoverState: values.string(.masterFailoverState))
        }
        memory = MemoryInfo(usedMemory: values.int(.usedMemory), usedMemoryRSS: values.int(.usedMemoryRSS),
                            usedMemoryPeak: values.int(.usedMemoryPeak), maxMemory: values.int(.maxMemory),
                            maxMemoryPolicy: values.string(.maxMemoryPolicy))
        persistence = PersistenceInfo(loading: values.flag(.loading), asyncLoading: values.flag(.asyncLoading),
                                      loadingEtaSeconds: values.int(.loadingEtaSeconds),
                                      rdbBgsaveInProgress: values.flag(.rdbBgsaveInProgress),
                                      rdbLastBgsaveStatus: values.string(.rdbLastBgsaveStatus),
                                      aofEnabled: values.flag(.aofEnabled))
        stats = StatsInfo(totalConnectionsReceived: values.int(.totalConnectionsReceived),
                          totalCommandsProcessed: values.int(.totalCommandsProcessed),
                          instantaneousOpsPerSec: values.int(.instantaneousOpsPerSec),
                          rejectedConnections: values.int(.rejectedConnections), expiredKeys: values.int(.expiredKeys),
                          evictedKeys: values.int(.evictedKeys), keyspaceHits: values.int(.keyspaceHits),
                          keyspaceMisses: values.int(.keyspaceMisses))
        clients = ClientsInfo(connectedClients: values.int(.connectedClients).map(Int.init),
                              blockedClients: values.int(.blockedClients).map(Int.init),
                              maxClients: values.int(.maxClients).map(Int.init))
    }

    enum CodingKeys: String, CodingKey { case sections }

    /// Encodes as its sections (the typed fields are derived from them); in a recording
    /// (`compactRecording`), as the reply text, one string: several times smaller and read
    /// back by the same one-pass parser as a live reply.
    public func encode(to encoder: any Encoder) throws {
        if encoder.userInfo[.compactRecording] as? Bool == true {
            var c = encoder.singleValueContainer()
            // Lines end in \n alone: each \r would cost two bytes of JSON escape.
            try c.encode(String(decoding: storage.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self))
            return
        }
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sections, forKey: .sections)
    }

    public init(from decoder: any Decoder) throws {
        if decoder.userInfo[.compactRecording] as? Bool == true {
            let text = try decoder.singleValueContainer().decode(String.self)
            do {
                try self.init(text: text)
            } catch {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "INFO text: \(error)"))
            }
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let sections = try c.decode([Section].self, forKey: .sections)
        var text = ""
        for section in sections {
            text += "# \(section.name)\r\n"
            for field in section.fields { text += "\(field.key):\(field.value)\r\n" }
        }
        try self.init(text: text)
    }

    /// Equal when every line (section, key, value) is equal; blank lines and header spelling do not count.
    public static func == (a: ServerInfo, b: ServerInfo) -> Bool {
        guard a.lines.count == b.lines.count else { return false }
        return a.storage.withUnsafeBufferPointer { x in
            b.storage.withUnsafeBufferPointer { y in
                zip(a.lines, b.lines).allSatisfy { l, r in
                    a.sectionNames[Int(l.section)] == b.sectionNames[Int(r.section)]
                        && UnsafeBufferPointer(rebasing: x[Int(l.keyStart)..<Int(l.valueEnd)])
                            .elementsEqual(UnsafeBufferPointer(rebasing: y[Int(r.keyStart)..<Int(r.valueEnd)]))
                }
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lines.count)
        storage.withUnsafeBufferPointer { b in
            for line in lines { hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[Int(line.keyStart)..<Int(line.valueEnd)]))) }
        }
    }
}

/// Byte ranges of one INFO line.
struct InfoLine: Hashable, Sendable {
    var section: UInt16
    var keyStart: Int32
    var keyEnd: Int32
    var valueEnd: Int32

    func key(_ b: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[Int(keyStart)..<Int(keyEnd)]), as: UTF8.self)
    }
    func valueBytes(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: b[Int(keyEnd) + 1..<Int(valueEnd)])
    }
    func value(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: valueBytes(b), as: UTF8.self) }
    func keyEquals(_ key: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        Int(keyEnd - keyStart) == key.count && UnsafeBufferPointer(rebasing: b[Int(keyStart)..<Int(keyEnd)]).elementsEqual(key)
    }
}

/// The INFO keys with typed fields.
enum InfoKey: String, CaseIterable {
    case redisVersion = "redis_version", valkeyVersion = "valkey_version", serverName = "server_name"
    case redisMode = "redis_mode", runID = "run_id", tcpPort = "tcp_port", uptimeInSeconds = "uptime_in_seconds"
    case role, connectedSlaves = "connected_slaves", masterHost = "master_host", masterPort = "master_port"
    case masterLinkStatus = "master_link_status", masterLastIOSecondsAgo = "master_last_io_seconds_ago"
    case masterLinkDownSinceSeconds = "master_link_down_since_seconds", masterSyncInProgress = "master_sync_in_progress"
    case slaveReplOffset = "slave_repl_offset", slaveReadReplOffset = "slave_read_repl_offset"
    case slavePriority = "slave_priority", replicaPriority = "replica_priority"
    case masterReplID = "master_replid", masterReplID2 = "master_replid2", masterReplOffset = "master_repl_offset"
    case secondReplOffset = "second_repl_offset", masterFailoverState = "master_failover_state"
    case usedMemory = "used_memory", usedMemoryRSS = "used_memory_rss", usedMemoryPeak = "used_memory_peak"
    case maxMemory = "maxmemory", maxMemoryPolicy = "maxmemory_policy"
    case loading, asyncLoading = "async_loading", loadingEtaSeconds = "loading_eta_seconds"
    case rdbBgsaveInProgress = "rdb_bgsave_in_progress", rdbLastBgsaveStatus = "rdb_last_bgsave_status"
    case aofEnabled = "aof_enabled"
    case totalConnectionsReceived = "total_connections_received", totalCommandsProcessed = "total_commands_processed"
    case instantaneousOpsPerSec = "instantaneous_ops_per_sec", rejectedConnections = "rejected_connections"
    case expiredKeys = "expired_keys", evictedKeys = "evicted_keys", keyspaceHits = "keyspace_hits"
    case keyspaceMisses = "keyspace_misses"
    case connectedClients = "connected_clients", blockedClients = "blocked_clients", maxClients = "maxclients"

    /// Position in `allCases`: a case-less enum is stored as its declaration index
    /// (checked against `allCases` by a test), so no hashing of the raw value.
    @inline(__always)
    var index: Int { Int(withUnsafeBytes(of: self) { $0[0] }) }

    /// Names, hashes and the lookup table, in one object (one lazy-initialization check
    /// and one reference per lookup). Names are stored back to back in `bytes`.
    final class Table: Sendable {
        let bytes: [UInt8]
        let starts: [Int]
        let hashes: [UInt64]
        /// Open addressing on the hash: entry = key index + 1, 0 = empty.
        let slots: [UInt8]

        init() {
            let names = InfoKey.allCases.map { Array($0.rawValue.utf8) }
            var bytes: [UInt8] = [], starts: [Int] = []
            for name in names { starts.append(bytes.count); bytes += name }
            starts.append(bytes.count)
            let hashes = names.map { name in name.withUnsafeBufferPointer { hashToken($0.baseAddress!, 0, $0.count, limit: $0.count).0 } }
            var slots = [UInt8](repeating: 0, count: 256)
            for (i, hash) in hashes.enumerated() {
                var slot = Int(hash & 255)
                while slots[slot] != 0 { slot = (slot + 1) & 255 }
                slots[slot] = UInt8(i + 1)
            }
            self.bytes = bytes
            self.starts = starts
            self.hashes = hashes
            self.slots = slots
        }

        var count: Int { hashes.count }
    }

    static let table = Table()

    /// The index (in `allCases`) of the key `base[start..<end]`, or nil. Reads whole words up to `limit`.
    static func lookup(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, limit: Int) -> Int? {
        let table = InfoKey.table
        let hash = hashToken(base, start, end, limit: limit).0
        let count = end &- start
        var slot = Int(hash & 255)
        while true {
            let entry = table.slots[slot]
            if entry == 0 { return nil }
            let i = Int(entry) &- 1
            if table.hashes[i] == hash {
                let nameStart = table.starts[i]
                if table.starts[i &+ 1] &- nameStart == count {
                    let equal = table.bytes.withUnsafeBufferPointer { names in
                        var k = 0
                        while k < count && names[nameStart &+ k] == base[start &+ k] { k &+= 1 }
                        return k == count
                    }
                    if equal { return i }
                }
            }
            slot = (slot &+ 1) & 255
        }
    }
}

/// An INFO section name, lowercased (ASCII without a temporary `String`; anything else via `lowercased()`).
func lowercasedName(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(decoding: bytes, as: UTF8.self).lowercased() }
    return String(unsafeUninitializedCapacity: bytes.count) { out in
        for (i, byte) in bytes.enumerated() {
            out[i] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        }
        return bytes.count
    }
}

/// Typed access to the known INFO values found in one reply.
struct InfoValues {
    let known: [InfoLine?]
    let storage: [UInt8]

    func string(_ key: InfoKey) -> String? {
        guard let line = known[key.index] else { return nil }
        return storage.withUnsafeBufferPointer { line.value($0) }
    }
    func int(_ key: InfoKey) -> Int64? {
        guard let line = known[key.index] else { return nil }
        return storage.withUnsafeBufferPointer { parseInt(line.valueBytes($0)) }
    }
    func flag(_ key: InfoKey) -> Bool? { int(key).map { $0 != 0 } }
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

    init(index: Int, bytes: UnsafeBufferPointer<UInt8>) {
        self.index = index
        ip = ""
        otherFields = []
        splitOn(UInt8(ascii: ","), bytes) { part in
            guard let eq = part.firstIndex(of: UInt8(ascii: "=")) else { return }
            let key = UnsafeBufferPointer(rebasing: part[..<eq])
            let value = UnsafeBufferPointer(rebasing: part[(eq + 1)...])
            if equalsASCII(key, "ip") { ip = String(decoding: value, as: UTF8.self) }
            else if equalsASCII(key, "port") { port = parseInt(value).map(Int.init) }
            else if equalsASCII(key, "state") { state = String(decoding: value, as: UTF8.self) }
            else if equalsASCII(key, "offset") { offset = parseInt(value) }
            else if equalsASCII(key, "lag") { lag = parseInt(value) }
            else { otherFields.append(AuxField(key: String(decoding: key, as: UTF8.self), value: String(decoding: value, as: UTF8.self))) }
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

    init(db: Int, bytes: UnsafeBufferPointer<UInt8>) {
        self.db = db
        keys = 0
        expires = 0
        splitOn(UInt8(ascii: ","), bytes) { part in
            guard let eq = part.firstIndex(of: UInt8(ascii: "=")) else { return }
            let key = UnsafeBufferPointer(rebasing: part[..<eq])
            let value = parseInt(UnsafeBufferPointer(rebasing: part[(eq + 1)...]))
            if equalsASCII(key, "keys") { keys = value ?? 0 }
            else if equalsASCII(key, "expires") { expires = value ?? 0 }
            else if equalsASCII(key, "avg_ttl") { averageTTL = value }
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
