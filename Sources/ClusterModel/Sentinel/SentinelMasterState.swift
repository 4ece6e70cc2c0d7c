import RESP

/// One monitored master as a sentinel describes it (`SENTINEL MASTER <name>`,
/// one entry of `SENTINEL MASTERS`). Times are milliseconds as the sentinel
/// reports them (ages, not instants); unknown fields are kept in `otherFields`.
public struct SentinelMasterState: Hashable, Sendable, Codable {
    /// The group's name (`labmaster`).
    public var name: String
    /// Where this sentinel says the master is.
    public var address: NodeAddress?
    public var runID: String?
    public var flags: SentinelFlags
    /// Milliseconds since the last PING was sent (0 when none is pending).
    public var lastPingSent: Int64?
    /// Milliseconds since the last valid PING reply.
    public var lastOkPingReply: Int64?
    public var lastPingReply: Int64?
    public var downAfterMilliseconds: Int64?
    /// Milliseconds since the sentinel last read INFO from the master.
    public var infoRefresh: Int64?
    /// The role the node itself reported in INFO (`master`, or `slave` during a change).
    public var roleReported: String?
    public var roleReportedTime: Int64?
    public var configEpoch: Int64?
    public var numSlaves: Int?
    public var numOtherSentinels: Int?
    public var quorum: Int?
    public var failoverTimeout: Int64?
    public var parallelSyncs: Int?
    /// During a failover: `failover-state` (e.g. `wait_promotion`).
    public var failoverState: String?
    /// Run id of the leader this sentinel voted for, and the epoch of that vote (during a failover).
    public var leader: String?
    public var leaderEpoch: Int64?
    /// Fields not listed above, in server order.
    public var otherFields: [AuxField]

    static let knownKeys: Set<String> = [
        "name", "ip", "port", "runid", "flags", "last-ping-sent", "last-ok-ping-reply", "last-ping-reply",
        "down-after-milliseconds", "info-refresh", "role-reported", "role-reported-time", "config-epoch",
        "num-slaves", "num-other-sentinels", "quorum", "failover-timeout", "parallel-syncs",
        "failover-state", "leader", "leader-epoch",
    ]

    init(record: SentinelRecord, command: String) throws(ModelParseError) {
        guard let name = record["name"] else {
            throw ModelParseError(command: command, reason: "master record without a name")
        }
        self.name = name
        address = record.address()
        runID = record["runid"]
        flags = SentinelFlags(parsing: record["flags"] ?? "")
        lastPingSent = record.int("last-ping-sent")
        lastOkPingReply = record.int("last-ok-ping-reply")
        lastPingReply = record.int("last-ping-reply")
        downAfterMilliseconds = record.int("down-after-milliseconds")
        infoRefresh = record.int("info-refresh")
        roleReported = record["role-reported"]
        roleReportedTime = record.int("role-reported-time")
        configEpoch = record.int("config-epoch")
        numSlaves = record.int("num-slaves").map(Int.init)
        numOtherSentinels = record.int("num-other-sentinels").map(Int.init)
        quorum = record.int("quorum").map(Int.init)
        failoverTimeout = record.int("failover-timeout")
        parallelSyncs = record.int("parallel-syncs").map(Int.init)
        failoverState = record["failover-state"]
        leader = record["leader"]
        leaderEpoch = record.int("leader-epoch")
        otherFields = record.unknown(Self.knownKeys)
    }

    /// `SENTINEL MASTER <name>`. An unknown name is an error reply and throws.
    public init(reply: RESPValue) throws(ModelParseError) {
        try self.init(record: SentinelRecord(reply, command: "SENTINEL MASTER"), command: "SENTINEL MASTER")
    }

    /// `SENTINEL MASTERS`: every master the sentinel monitors.
    public static func list(reply: RESPValue) throws(ModelParseError) -> [SentinelMasterState] {
        var result: [SentinelMasterState] = []
        for record in try SentinelRecord.list(reply, command: "SENTINEL MASTERS") {
            result.append(try SentinelMasterState(record: record, command: "SENTINEL MASTERS"))
        }
        return result
    }
}
