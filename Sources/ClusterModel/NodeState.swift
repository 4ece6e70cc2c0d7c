/// A node's role in the snapshot.
public enum NodeRole: String, Hashable, Sendable, Codable {
    case master
    case replica
    /// Neither flag (handshake, or a newer server's word).
    case unknown
}

/// Whether Slotscope itself could read the node this cycle.
public enum Reachability: Hashable, Sendable, Codable {
    case reachable
    /// Polled and failed, with the reason.
    case unreachable(PollFailure)
    /// Known only from other nodes' views: never polled this cycle.
    case notPolled

    public var isReachable: Bool { self == .reachable }
}

/// What the other nodes say about a node's health (each node has its own opinion).
public struct FailureReports: Hashable, Sendable, Codable {
    /// Views that flag the node `fail?` (PFAIL).
    public var possiblyFailing: [NodeID] = []
    /// Views that flag the node `fail`.
    public var failed: [NodeID] = []
    /// Views whose bus link to the node is down.
    public var linkDown: [NodeID] = []
    /// Views that list the node at all.
    public var observers: Int = 0

    public init() {}

    /// The worst opinion any view holds.
    public var state: FailureState {
        !failed.isEmpty ? .failed : !possiblyFailing.isEmpty ? .possiblyFailing : .ok
    }
}

/// Worst failure flag any observer reports.
public enum FailureState: String, Hashable, Sendable, Codable, Comparable {
    case ok
    case possiblyFailing = "pfail"
    case failed = "fail"

    public static func < (a: FailureState, b: FailureState) -> Bool {
        let order: [FailureState] = [.ok, .possiblyFailing, .failed]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// Replication as a replica and its master report it.
public struct ReplicaStatus: Hashable, Sendable, Codable {
    /// `master_link_status:up` on the replica; nil when the replica was not read.
    public var linkUp: Bool?
    /// The replica's offset (its own `slave_repl_offset`, else the master's `slaveN offset=`).
    public var offset: Int64?
    /// Master's `master_repl_offset` − replica's offset; nil when either is unknown.
    public var lagBytes: Int64?
    /// Master's `lag=` for this replica, else the replica's `master_last_io_seconds_ago`.
    public var lagSeconds: Int64?
    /// `master_link_down_since_seconds` when the link is down.
    public var linkDownSeconds: Int64?
    /// `master_sync_in_progress:1`.
    public var syncing: Bool?
}

/// One node as the snapshot sees it, merged from its own replies and the other nodes' views.
public struct NodeState: Hashable, Sendable, Codable {
    public var id: NodeID
    /// The announced address (the node's own view when read, else what most observers say).
    public var address: NodeAddress
    public var busPort: Int?
    public var hostname: String?
    public var auxFields: [AuxField]
    public var role: NodeRole
    /// Flags from the node's own line when read, else from the first observer; `myself` removed.
    public var flags: NodeFlags
    public var masterID: NodeID?
    public var configEpoch: UInt64
    public var failure: FailureReports
    public var reachability: Reachability
    /// When this node's data was read; nil when never polled.
    public var dataTime: Timestamp?
    /// The node's own CLUSTER INFO.
    public var clusterInfo: ClusterInfo?
    /// The node's own INFO.
    public var info: ServerInfo?
    /// Slots the node itself claims (its own `myself` line); nil when not read.
    public var ownSlots: [SlotRange]?
    /// Open slots on this node, from its own `myself` line.
    public var migrations: [SlotMigration]
    /// Set for replicas whose replication could be read.
    public var replication: ReplicaStatus?
    /// Keys per slot as counted on this node (optional poller data).
    public var slotKeyCounts: [SlotKeyCount]?
    /// Replies that could not be parsed or were errors, one line each.
    public var problems: [String]

    public var version: String? { info?.server.version }
    public var displayVersion: String? { info?.server.displayVersion }
    public var keys: Int64? { info.map(\.totalKeys) }
    public var usedMemory: Int64? { info?.memory.usedMemory }
    public var maxMemory: Int64? { info?.memory.maxMemory }
    /// `loading:1` in INFO, or a `-LOADING` reply.
    public var isLoading: Bool
    public var masterReplID2: String? { info?.replication?.masterReplID2 }
    public var secondReplOffset: Int64? { info?.replication?.secondReplOffset }
    public var masterReplOffset: Int64? { info?.replication?.masterReplOffset }
    public var isMaster: Bool { role == .master }
    public var isReplica: Bool { role == .replica }

    /// Milliseconds between this node's data and `now`; nil when never read.
    public func dataAge(at now: Timestamp) -> Int64? { dataTime.map { now.milliseconds(since: $0) } }
}

/// A polled address that no view could tie to a node id (e.g. a seed that timed out).
public struct UnidentifiedNode: Hashable, Sendable, Codable {
    public var address: NodeAddress
    public var reachability: Reachability
    public var time: Timestamp
    public var problems: [String]
}
