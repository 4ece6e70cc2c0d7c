/// A master, its replicas and the slots it serves (by consensus).
public struct ShardState: Hashable, Sendable, Codable {
    public var master: NodeID
    public var replicas: [NodeID]
    public var slots: [SlotRange]
}

/// One open slot: who migrates it, who imports it, who owns it.
public struct OpenSlot: Hashable, Sendable, Codable {
    /// A node that has the slot open, and the peer it names.
    public struct Side: Hashable, Sendable, Codable {
        public var node: NodeID
        public var peer: NodeID
        /// Keys of the slot on `node`, when the poller counted them.
        public var keys: Int?
    }
    public var slot: Int
    /// Masters reporting `[slot->-peer]` (normally one: the owner).
    public var migrating: [Side]
    /// Masters reporting `[slot-<-peer]`.
    public var importing: [Side]
    /// The consensus owner.
    public var owner: NodeID?
}

/// Keys of a slot held by a master that does not own the slot.
public struct ForeignKeys: Hashable, Sendable, Codable {
    public var node: NodeID
    public var slot: Int
    public var keys: Int
    /// The consensus owner (nil: unowned).
    public var owner: NodeID?
}

/// The whole cluster at one poll cycle, as one value: built by
/// `ClusterSnapshot.build(from:at:)` without I/O.
public struct ClusterSnapshot: Hashable, Sendable, Codable {
    /// When the cycle finished.
    public var time: Timestamp
    /// Every node any view mentions, sorted by id. `SlotMap` indices point here.
    public var nodes: [NodeState]
    /// Polled addresses no view could name.
    public var unidentified: [UnidentifiedNode]
    /// Masters with their replicas and consensus slots, by master id.
    public var shards: [ShardState]
    /// Per slot, the owner most views agree on.
    public var slotOwners: SlotMap
    /// Each distinct ownership opinion, and who holds it (the consensus view).
    public var ownershipViews: [OwnershipView]
    /// Slot runs the views disagree on (empty when all agree).
    public var slotDisagreements: [SlotDisagreement]
    /// Open slots, as reported by the masters themselves.
    public var openSlots: [OpenSlot]
    /// Keys on masters that do not own their slot; nil when no node's keys were counted.
    public var foreignKeys: [ForeignKeys]?
    /// `cluster_state` that most reachable nodes report; nil when no node's CLUSTER INFO was read.
    public var clusterState: ClusterStateValue?
    /// Highest `cluster_current_epoch` any node reports.
    public var currentEpoch: UInt64?

    private var index: [NodeID: Int]
    /// Indices of each master's replicas in `nodes`.
    private var replicaIndices: [NodeID: [Int]]
    /// Consensus slots per owner, from one pass over `slotOwners`.
    private var slotsByNode: [NodeID: [SlotRange]]

    enum CodingKeys: String, CodingKey {
        case time, nodes, unidentified, shards, slotOwners, ownershipViews, slotDisagreements, openSlots,
             foreignKeys, clusterState, currentEpoch
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(time: try c.decode(Timestamp.self, forKey: .time),
                  nodes: try c.decode([NodeState].self, forKey: .nodes),
                  unidentified: try c.decode([UnidentifiedNode].self, forKey: .unidentified),
                  shards: try c.decode([ShardState].self, forKey: .shards),
                  slotOwners: try c.decode(SlotMap.self, forKey: .slotOwners),
                  ownershipViews: try c.decode([OwnershipView].self, forKey: .ownershipViews),
                  slotDisagreements: try c.decode([SlotDisagreement].self, forKey: .slotDisagreements),
                  openSlots: try c.decode([OpenSlot].self, forKey: .openSlots),
                  foreignKeys: try c.decodeIfPresent([ForeignKeys].self, forKey: .foreignKeys),
                  clusterState: try c.decodeIfPresent(ClusterStateValue.self, forKey: .clusterState),
                  currentEpoch: try c.decodeIfPresent(UInt64.self, forKey: .currentEpoch))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(time, forKey: .time)
        try c.encode(nodes, forKey: .nodes)
        try c.encode(unidentified, forKey: .unidentified)
        try c.encode(shards, forKey: .shards)
        try c.encode(slotOwners, forKey: .slotOwners)
        try c.encode(ownershipViews, forKey: .ownershipViews)
        try c.encode(slotDisagreements, forKey: .slotDisagreements)
        try c.encode(openSlots, forKey: .openSlots)
        try c.encodeIfPresent(foreignKeys, forKey: .foreignKeys)
        try c.encodeIfPresent(clusterState, forKey: .clusterState)
        try c.encodeIfPresent(currentEpoch, forKey: .currentEpoch)
    }

    public init(time: Timestamp, nodes: [NodeState], unidentified: [UnidentifiedNode], shards: [ShardState],
                slotOwners: SlotMap, ownershipViews: [OwnershipView], slotDisagreements: [SlotDisagreement],
                openSlots: [OpenSlot], foreignKeys: [ForeignKeys]?, clusterState: ClusterStateValue?,
                currentEpoch: UInt64?) {
        self.time = time
        self.nodes = nodes
        self.unidentified = unidentified
        self.shards = shards
        self.slotOwners = slotOwners
        self.ownershipViews = ownershipViews
        self.slotDisagreements = slotDisagreements
        self.openSlots = openSlots
        self.foreignKeys = foreignKeys
        self.clusterState = clusterState
        self.currentEpoch = currentEpoch
        var index: [NodeID: Int] = [:]
        var replicaIndices: [NodeID: [Int]] = [:]
        for i in nodes.indices {
            index[nodes[i].id] = i
            if nodes[i].role == .replica, let master = nodes[i].masterID { replicaIndices[master, default: []].append(i) }
        }
        var slotsByNode: [NodeID: [SlotRange]] = [:]
        for run in slotOwners.runs where run.owner != SlotMap.unowned && Int(run.owner) < nodes.count {
            slotsByNode[nodes[Int(run.owner)].id, default: []].append(run.range)
        }
        self.index = index
        self.replicaIndices = replicaIndices
        self.slotsByNode = slotsByNode
    }

    /// The node with this id.
    public func node(_ id: NodeID) -> NodeState? { index[id].map { nodes[$0] } }

    /// Index of a node in `nodes` (and in `slotOwners`).
    public func nodeIndex(_ id: NodeID) -> Int? { index[id] }

    /// The consensus owner of a slot.
    public func owner(ofSlot slot: Int) -> NodeID? {
        let owner = slotOwners[slot]
        return owner == SlotMap.unowned ? nil : nodes[Int(owner)].id
    }

    /// Consensus slots of one node.
    public func slots(of id: NodeID) -> [SlotRange] { slotsByNode[id] ?? [] }

    /// Slots no node serves.
    public var unassignedSlots: [SlotRange] { slotOwners.unownedRanges }

    public var masters: [NodeState] { nodes.filter(\.isMaster) }
    public var replicas: [NodeState] { nodes.filter(\.isReplica) }

    /// Replicas of a master.
    public func replicas(of master: NodeID) -> [NodeState] { (replicaIndices[master] ?? []).map { nodes[$0] } }
}
