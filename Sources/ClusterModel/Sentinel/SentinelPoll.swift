import RESP

/// The replies one sentinel gave in one poll cycle. Per-group replies are keyed
/// by master name; any may be missing (not asked) or an error reply (`-NOPERM`).
public struct SentinelReplies: Sendable {
    /// `SENTINEL MASTERS`.
    public var masters: RESPValue?
    /// `SENTINEL MASTER <name>`, when asked per group (overrides the MASTERS entry).
    public var master: [String: RESPValue]
    /// `SENTINEL REPLICAS <name>` (or `SLAVES`).
    public var replicas: [String: RESPValue]
    /// `SENTINEL SENTINELS <name>`.
    public var sentinels: [String: RESPValue]
    /// `SENTINEL GET-MASTER-ADDR-BY-NAME <name>`.
    public var masterAddress: [String: RESPValue]
    /// `SENTINEL CKQUORUM <name>`.
    public var quorumCheck: [String: RESPValue]
    /// `INFO sentinel` (or a full INFO).
    public var info: RESPValue?
    /// `SENTINEL MYID`.
    public var myID: RESPValue?

    public init(masters: RESPValue? = nil, master: [String: RESPValue] = [:], replicas: [String: RESPValue] = [:],
                sentinels: [String: RESPValue] = [:], masterAddress: [String: RESPValue] = [:],
                quorumCheck: [String: RESPValue] = [:], info: RESPValue? = nil, myID: RESPValue? = nil) {
        self.masters = masters
        self.master = master
        self.replicas = replicas
        self.sentinels = sentinels
        self.masterAddress = masterAddress
        self.quorumCheck = quorumCheck
        self.info = info
        self.myID = myID
    }
}

/// The outcome of polling one sentinel once.
public struct SentinelPoll: Sendable {
    public enum Outcome: Sendable {
        case replied(SentinelReplies)
        case failed(PollFailure)
    }

    public var address: NodeAddress
    public var time: Timestamp
    public var outcome: Outcome

    public init(address: NodeAddress, time: Timestamp, outcome: Outcome) {
        self.address = address
        self.time = time
        self.outcome = outcome
    }
}

/// The replies one data node (master or replica of a Sentinel group) gave.
public struct DataNodeReplies: Sendable {
    /// `INFO` (at least `server` and `replication`), or `INFO replication`.
    public var info: RESPValue?
    /// `ROLE`, used when INFO is missing or refused.
    public var role: RESPValue?

    public init(info: RESPValue? = nil, role: RESPValue? = nil) {
        self.info = info
        self.role = role
    }
}

/// The outcome of polling one data node once.
public struct DataNodePoll: Sendable {
    public enum Outcome: Sendable {
        case replied(DataNodeReplies)
        case failed(PollFailure)
    }

    public var address: NodeAddress
    public var time: Timestamp
    public var outcome: Outcome

    public init(address: NodeAddress, time: Timestamp, outcome: Outcome) {
        self.address = address
        self.time = time
        self.outcome = outcome
    }
}

/// Thresholds for the Sentinel rules.
public struct SentinelPolicy: Hashable, Sendable, Codable {
    public var maxReplicaLagBytes: Int64
    public var maxReplicaLagSeconds: Int64
    /// How many sentinels the deployment is meant to have (e.g. from the user or the
    /// chart); nil: the largest number any sentinel knows.
    public var expectedSentinels: Int?

    public init(maxReplicaLagBytes: Int64 = 16 * 1024 * 1024, maxReplicaLagSeconds: Int64 = 10,
                expectedSentinels: Int? = nil) {
        self.maxReplicaLagBytes = maxReplicaLagBytes
        self.maxReplicaLagSeconds = maxReplicaLagSeconds
        self.expectedSentinels = expectedSentinels
    }

    public static let `default` = SentinelPolicy()
}
