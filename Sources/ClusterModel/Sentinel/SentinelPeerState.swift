import RESP

/// Another sentinel watching the same master, as one sentinel knows it
/// (an entry of `SENTINEL SENTINELS <name>`).
public struct SentinelPeerState: Hashable, Sendable, Codable {
    public var address: NodeAddress?
    public var runID: String?
    public var flags: SentinelFlags
    /// Milliseconds since the pending PING was sent (0 when none is pending).
    public var lastPingSent: Int64?
    /// Milliseconds since the last valid PING reply.
    public var lastOkPingReply: Int64?
    public var lastPingReply: Int64?
    public var downAfterMilliseconds: Int64?
    /// Milliseconds since its last hello on the `__sentinel__:hello` channel.
    public var lastHelloMessage: Int64?
    /// Run id it voted for in the last election (`?` when none).
    public var votedLeader: String?
    public var votedLeaderEpoch: Int64?
    public var otherFields: [AuxField]

    static let knownKeys: Set<String> = [
        "name", "ip", "port", "runid", "flags", "last-ping-sent", "last-ok-ping-reply", "last-ping-reply",
        "down-after-milliseconds", "last-hello-message",
        "voted-leader", "voted-leader-epoch",
    ]

    init(record: SentinelRecord) {
        address = record.address()
        runID = record["runid"] ?? record["name"]
        flags = SentinelFlags(parsing: record["flags"] ?? "")
        lastPingSent = record.int("last-ping-sent")
        lastOkPingReply = record.int("last-ok-ping-reply")
        lastPingReply = record.int("last-ping-reply")
        downAfterMilliseconds = record.int("down-after-milliseconds")
        lastHelloMessage = record.int("last-hello-message")
        votedLeader = record["voted-leader"].flatMap { $0 == "?" ? nil : $0 }
        votedLeaderEpoch = record.int("voted-leader-epoch")
        otherFields = record.unknown(Self.knownKeys)
    }

    /// `SENTINEL SENTINELS <name>`.
    public static func list(reply: RESPValue) throws(ModelParseError) -> [SentinelPeerState] {
        try SentinelRecord.list(reply, command: "SENTINEL SENTINELS").map(SentinelPeerState.init(record:))
    }
}
