/// A node's announced address in CLUSTER NODES: `ip:port@cport[,hostname][,key=value…]`.
public struct AnnouncedAddress: Hashable, Sendable, Codable {
    /// IP and client port. Empty host with port 0 for a node without an address (`:0@0`).
    public var address: NodeAddress
    /// Cluster bus port; nil when the server (3.x) did not write `@cport`.
    public var busPort: Int?
    /// 7.0+ hostname; nil when absent, `""` when announced empty (`…@17000,`).
    public var hostname: String?
    /// 7.2+ auxiliary fields (`shard-id=…`, `tls-port=…`), in server order.
    public var auxFields: [AuxField]

    public init(address: NodeAddress, busPort: Int? = nil, hostname: String? = nil, auxFields: [AuxField] = []) {
        self.address = address
        self.busPort = busPort
        self.hostname = hostname
        self.auxFields = auxFields
    }

    /// The value of an aux field such as `shard-id`.
    public func aux(_ key: String) -> String? { auxFields.first { $0.key == key }?.value }
}

/// One `key=value` aux field of a CLUSTER NODES address.
public struct AuxField: Hashable, Sendable, Codable {
    public var key: String
    public var value: String
    public init(key: String, value: String) { self.key = key; self.value = value }
}

/// Whether the answering node's bus link to this node is up.
public enum LinkState: Hashable, Sendable, Codable {
    case connected
    case disconnected
    case other(String)
}

/// A slot the answering node has open: `[N->-id]` or `[N-<-id]`.
public struct SlotMigration: Hashable, Sendable, Codable {
    public enum Direction: String, Hashable, Sendable, Codable {
        /// `[N->-id]`: this node is moving slot N to `peer`.
        case migrating
        /// `[N-<-id]`: this node is receiving slot N from `peer`.
        case importing
    }
    public var slot: Int
    public var direction: Direction
    public var peer: NodeID

    public init(slot: Int, direction: Direction, peer: NodeID) {
        self.slot = slot
        self.direction = direction
        self.peer = peer
    }
}

/// One line of CLUSTER NODES: what the answering node believes about one node.
public struct ClusterNodeEntry: Hashable, Sendable, Codable {
    public var id: NodeID
    public var announced: AnnouncedAddress
    public var flags: NodeFlags
    /// The master's id for a replica; nil for `-`.
    public var masterID: NodeID?
    /// Milliseconds (Unix time) of the last ping sent still unanswered; 0 when none is pending.
    public var pingSent: Int64
    /// Milliseconds (Unix time) of the last pong received.
    public var pongReceived: Int64
    public var configEpoch: UInt64
    public var linkState: LinkState
    /// Slots this node serves according to the answering node, in line order.
    public var slots: [SlotRange]
    /// Open slots; only the `myself` line carries them.
    public var migrations: [SlotMigration]
    /// Slot tokens this version does not understand, verbatim.
    public var unknownSlotTokens: [String]

    public var isMyself: Bool { flags.contains(.myself) }
    public var address: NodeAddress { announced.address }

    public init(id: NodeID, announced: AnnouncedAddress, flags: NodeFlags, masterID: NodeID?, pingSent: Int64,
                pongReceived: Int64, configEpoch: UInt64, linkState: LinkState, slots: [SlotRange],
                migrations: [SlotMigration] = [], unknownSlotTokens: [String] = []) {
        self.id = id; self.announced = announced; self.flags = flags; self.masterID = masterID
        self.pingSent = pingSent; self.pongReceived = pongReceived; self.configEpoch = configEpoch
        self.linkState = linkState; self.slots = slots; self.migrations = migrations
        self.unknownSlotTokens = unknownSlotTokens
    }
}

/// The whole CLUSTER NODES reply: one node's view of the cluster.
public struct ClusterNodesView: Hashable, Sendable, Codable {
    public var entries: [ClusterNodeEntry]

    public init(entries: [ClusterNodeEntry]) { self.entries = entries }

    /// The answering node's own line.
    public var myself: ClusterNodeEntry? { entries.first { $0.isMyself } }

    public func entry(_ id: NodeID) -> ClusterNodeEntry? { entries.first { $0.id == id } }
}
