/// Everything Slotscope knows about Sentinel-monitored groups at one moment:
/// per group, the data nodes and every sentinel's opinion side by side.
public struct SentinelSnapshot: Hashable, Sendable, Codable {
    /// The latest poll time.
    public var time: Timestamp
    public var groups: [SentinelGroup]
    /// Every sentinel polled, reachable or not.
    public var sentinels: [SentinelStatus]
    /// Data nodes polled that belong to no known group.
    public var unattachedNodes: [DataNodeState]
    /// Most severe first.
    public var findings: [SentinelFinding]

    public func group(_ name: String) -> SentinelGroup? { groups.first { $0.name == name } }
}

/// One sentinel as polled.
public struct SentinelStatus: Hashable, Sendable, Codable {
    public var address: NodeAddress
    public var time: Timestamp
    /// Why it could not be polled; nil when it answered.
    public var failure: PollFailure?
    public var runID: String?
    public var info: SentinelInfo?
    /// `sentinel_tilt:1`; nil when INFO was not read.
    public var tilt: Bool? { info?.tilt }
    /// Replies that did not parse (or were refused), as `ModelParseError` descriptions.
    public var errors: [String]
}

/// One monitored master name and what is known about its group.
public struct SentinelGroup: Hashable, Sendable, Codable {
    public var name: String
    /// One per sentinel that knows the group (failed sentinels are in `SentinelSnapshot.sentinels`).
    public var opinions: [SentinelOpinion]
    /// The master most sentinels name (ties: the lowest address); of an unmonitored group, the
    /// node reporting `role:master` that most replicas follow; nil when there is none.
    public var namedMaster: NodeAddress?
    /// Master first, then replicas, by address.
    public var dataNodes: [DataNodeState]
    /// True for a master and replicas that no sentinel monitors, found from a data node by
    /// following `INFO replication`; `name` is then the master's address. Nil (and absent
    /// from JSON) for a monitored group.
    public var unmonitored: Bool? = nil

    /// How findings and reports name the group.
    public var label: String { unmonitored == true ? "the replication group of \(name)" : name }

    public func node(_ address: NodeAddress) -> DataNodeState? { dataNodes.first { $0.address == address } }
}

/// What one sentinel says about one group.
public struct SentinelOpinion: Hashable, Sendable, Codable {
    public var sentinel: NodeAddress
    /// `GET-MASTER-ADDR-BY-NAME`, else the address in `SENTINEL MASTER(S)`.
    public var master: NodeAddress?
    public var state: SentinelMasterState?
    public var replicas: [SentinelReplicaState]
    /// The other sentinels it knows.
    public var peers: [SentinelPeerState]
    public var quorumCheck: QuorumCheck?
    /// This sentinel's TILT state (from its INFO), when read.
    public var tilt: Bool?

    public var flags: SentinelFlags? { state?.flags }
    public var configEpoch: Int64? { state?.configEpoch }
    public var quorum: Int? { state?.quorum }
    /// Sentinels it knows, itself included.
    public var knownSentinels: Int? {
        if let others = state?.numOtherSentinels, others >= 0, others < Int.max { return others + 1 }
        return peers.isEmpty ? nil : peers.count + 1
    }
}

/// A master or replica of a group: from its own INFO when polled, else from what sentinels say.
public struct DataNodeState: Hashable, Sendable, Codable {
    public var address: NodeAddress
    /// `notPolled`: known from the sentinels only.
    public var reachability: Reachability
    /// `master` or `slave` as the node reports it (INFO/ROLE), else as a sentinel last saw it.
    public var role: String?
    /// True when `role` comes from the node itself.
    public var roleFromNode: Bool
    /// The master it replicates from.
    public var following: NodeAddress?
    public var linkUp: Bool?
    /// Replication offset (a replica's `slave_repl_offset`, a master's `master_repl_offset`).
    public var offset: Int64?
    /// The polled master's offset minus this replica's own (both read by Slotscope); nil otherwise.
    public var lagBytes: Int64?
    /// Seconds since the master last heard from it (master's `lag=`), else the replica's `master_last_io_seconds_ago`.
    public var lagSeconds: Int64?
    public var priority: Int64?
    public var version: String?
    /// `master_replid2` is set: this node was promoted at some point.
    public var wasPromoted: Bool?
    /// `master_replid`: the replication history it is on (a replica shares its master's).
    public var replicationID: String?
    /// `master_replid2`, when set: the history it was on before its last promotion.
    public var previousReplicationID: String?
    /// Sentinels that list it (as master or replica).
    public var listedBy: [NodeAddress]

    public var isMaster: Bool { role == "master" }
}
