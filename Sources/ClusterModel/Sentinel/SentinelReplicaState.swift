import RESP

/// One replica as a sentinel describes it (an entry of `SENTINEL REPLICAS <name>`,
/// `SENTINEL SLAVES` before 5.0). Unknown fields are kept in `otherFields`.
public struct SentinelReplicaState: Hashable, Sendable, Codable {
    /// `ip:port` as the sentinel names it.
    public var name: String
    public var address: NodeAddress?
    public var runID: String?
    public var flags: SentinelFlags
    /// Milliseconds since the pending PING was sent (0 when none is pending).
    public var lastPingSent: Int64?
    /// Milliseconds since the last valid PING reply.
    public var lastOkPingReply: Int64?
    public var lastPingReply: Int64?
    public var downAfterMilliseconds: Int64?
    public var infoRefresh: Int64?
    /// The role the node reported in its own INFO: `slave`, or `master` when it
    /// still believes it is one (e.g. an old master back before `+convert-to-slave`).
    public var roleReported: String?
    public var roleReportedTime: Int64?
    /// Milliseconds the replication link has been down (0 when up).
    public var masterLinkDownTime: Int64?
    /// `ok` or `err`.
    public var masterLinkStatus: String?
    /// The master the replica follows, as it reported it; nil for `?:0` (none).
    public var master: NodeAddress?
    public var priority: Int64?
    public var replicationOffset: Int64?
    /// `replica-announced` (6.2+): false when the replica asked not to be announced.
    public var announced: Bool?
    public var otherFields: [AuxField]

    static let knownKeys: Set<String> = [
        "name", "ip", "port", "runid", "flags", "last-ping-sent", "last-ok-ping-reply", "last-ping-reply",
        "down-after-milliseconds", "info-refresh", "role-reported",
        "role-reported-time", "master-link-down-time", "master-link-status", "master-host", "master-port",
        "slave-priority", "replica-priority", "slave-repl-offset", "replica-announced",
    ]

    init(record: SentinelRecord) {
        address = record.address()
        name = record["name"] ?? address?.description ?? ""
        runID = record["runid"]
        flags = SentinelFlags(parsing: record["flags"] ?? "")
        lastPingSent = record.int("last-ping-sent")
        lastOkPingReply = record.int("last-ok-ping-reply")
        lastPingReply = record.int("last-ping-reply")
        downAfterMilliseconds = record.int("down-after-milliseconds")
        infoRefresh = record.int("info-refresh")
        roleReported = record["role-reported"]
        roleReportedTime = record.int("role-reported-time")
        masterLinkDownTime = record.int("master-link-down-time")
        masterLinkStatus = record["master-link-status"]
        if let master = record.address(host: "master-host", port: "master-port"), master.host != "?", master.port != 0 {
            self.master = master
        }
        priority = record.int("slave-priority") ?? record.int("replica-priority")
        replicationOffset = record.int("slave-repl-offset")
        announced = record["replica-announced"].map { $0 == "1" }
        otherFields = record.unknown(Self.knownKeys)
    }

    /// True when the link to its master is reported up.
    public var linkUp: Bool { masterLinkStatus == "ok" }

    /// `SENTINEL REPLICAS <name>` or `SENTINEL SLAVES <name>`.
    public static func list(reply: RESPValue) throws(ModelParseError) -> [SentinelReplicaState] {
        try SentinelRecord.list(reply, command: "SENTINEL REPLICAS").map(SentinelReplicaState.init(record:))
    }
}
