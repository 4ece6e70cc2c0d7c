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
///
/// A value type with copy-on-write storage: snapshots, diffs and health rules pass nodes
/// around a lot, and a node holds its whole INFO; a copy is one reference count, and the
/// fields are copied only when a shared node is changed.
public struct NodeState: Hashable, Sendable, Codable {
    /// The stored fields (encoded as the node's JSON object, unchanged by the boxing).
    struct Fields: Hashable, Sendable, Codable {
        var id: NodeID
        var address: NodeAddress
        var busPort: Int?
        var hostname: String?
        var auxFields: [AuxField]
        var role: NodeRole
        var flags: NodeFlags
        var masterID: NodeID?
        var configEpoch: UInt64
        var failure: FailureReports
        var reachability: Reachability
        var dataTime: Timestamp?
        var clusterInfo: ClusterInfo?
        var info: ServerInfo?
        var ownSlots: [SlotRange]?
        var migrations: [SlotMigration]
        var replication: ReplicaStatus?
        var slotKeyCounts: [SlotKeyCount]?
        var problems: [String]
        var isLoading: Bool
    }

    /// Shared storage; mutated only when uniquely referenced (see `fields`), hence Sendable.
    final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    public init(id: NodeID, address: NodeAddress, busPort: Int?, hostname: String?, auxFields: [AuxField], role: NodeRole, flags: NodeFlags, masterID: NodeID?, configEpoch: UInt64, failure: FailureReports, reachability: Reachability, dataTime: Timestamp?, clusterInfo: ClusterInfo?, info: ServerInfo?, ownSlots: [SlotRange]?, migrations: [SlotMigration], replication: ReplicaStatus?, slotKeyCounts: [SlotKeyCount]?, problems: [String], isLoading: Bool) {
        box = Box(Fields(id: id, address: address, busPort: busPort, hostname: hostname, auxFields: auxFields, role: role, flags: flags, masterID: masterID, configEpoch: configEpoch, failure: failure, reachability: reachability, dataTime: dataTime, clusterInfo: clusterInfo, info: info, ownSlots: ownSlots, migrations: migrations, replication: replication, slotKeyCounts: slotKeyCounts, problems: problems, isLoading: isLoading))
    }

    public var id: NodeID {
        get { box.fields.id }
        _modify { yield &fields.id }
    }
    /// The announced address (the node's own view when read, else what most observers say).
    public var address: NodeAddress {
        get { box.fields.address }
        _modify { yield &fields.address }
    }
    public var busPort: Int? {
        get { box.fields.busPort }
        _modify { yield &fields.busPort }
    }
    public var hostname: String? {
        get { box.fields.hostname }
        _modify { yield &fields.hostname }
    }
    public var auxFields: [AuxField] {
        get { box.fields.auxFields }
        _modify { yield &fields.auxFields }
    }
    public var role: NodeRole {
        get { box.fields.role }
        _modify { yield &fields.role }
    }
    /// Flags from the node's own line when read, else from the first observer; `myself` removed.
    public var flags: NodeFlags {
        get { box.fields.flags }
        _modify { yield &fields.flags }
    }
    public var masterID: NodeID? {
        get { box.fields.masterID }
        _modify { yield &fields.masterID }
    }
    public var configEpoch: UInt64 {
        get { box.fields.configEpoch }
        _modify { yield &fields.configEpoch }
    }
    public var failure: FailureReports {
        get { box.fields.failure }
        _modify { yield &fields.failure }
    }
    public var reachability: Reachability {
        get { box.fields.reachability }
        _modify { yield &fields.reachability }
    }
    /// When this node's data was read; nil when never polled.
    public var dataTime: Timestamp? {
        get { box.fields.dataTime }
        _modify { yield &fields.dataTime }
    }
    /// The node's own CLUSTER INFO.
    public var clusterInfo: ClusterInfo? {
        get { box.fields.clusterInfo }
        _modify { yield &fields.clusterInfo }
    }
    /// The node's own INFO.
    public var info: ServerInfo? {
        get { box.fields.info }
        _modify { yield &fields.info }
    }
    /// Slots the node itself claims (its own `myself` line); nil when not read.
    public var ownSlots: [SlotRange]? {
        get { box.fields.ownSlots }
        _modify { yield &fields.ownSlots }
    }
    /// Open slots on this node, from its own `myself` line.
    public var migrations: [SlotMigration] {
        get { box.fields.migrations }
        _modify { yield &fields.migrations }
    }
    /// Set for replicas whose replication could be read.
    public var replication: ReplicaStatus? {
        get { box.fields.replication }
        _modify { yield &fields.replication }
    }
    /// Keys per slot as counted on this node (optional poller data).
    public var slotKeyCounts: [SlotKeyCount]? {
        get { box.fields.slotKeyCounts }
        _modify { yield &fields.slotKeyCounts }
    }
    /// Replies that could not be parsed or were errors, one line each.
    public var problems: [String] {
        get { box.fields.problems }
        _modify { yield &fields.problems }
    }
    /// `loading:1` in INFO, or a `-LOADING` reply.
    public var isLoading: Bool {
        get { box.fields.isLoading }
        _modify { yield &fields.isLoading }
    }

    public var version: String? { info?.server.version }
    public var displayVersion: String? { info?.server.displayVersion }
    public var keys: Int64? { info.map(\.totalKeys) }
    public var usedMemory: Int64? { info?.memory.usedMemory }
    public var maxMemory: Int64? { info?.memory.maxMemory }
    public var masterReplID2: String? { info?.replication?.masterReplID2 }
    public var secondReplOffset: Int64? { info?.replication?.secondReplOffset }
    public var masterReplOffset: Int64? { info?.replication?.masterReplOffset }
    public var isMaster: Bool { role == .master }
    public var isReplica: Bool { role == .replica }

    /// Milliseconds between this node's data and `now`; nil when never read.
    public func dataAge(at now: Timestamp) -> Int64? { dataTime.map { now.milliseconds(since: $0) } }

    public static func == (lhs: NodeState, rhs: NodeState) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    public init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws { try box.fields.encode(to: encoder) }
}

/// A polled address that no view could tie to a node id (e.g. a seed that timed out).
public struct UnidentifiedNode: Hashable, Sendable, Codable {
    public var address: NodeAddress
    public var reachability: Reachability
    public var time: Timestamp
    public var problems: [String]
}
