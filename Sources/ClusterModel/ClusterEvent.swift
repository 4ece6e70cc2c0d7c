/// Something that changed between two consecutive snapshots. A cluster
/// publishes no events of its own: these are derived by `diff(_:_:)`.
public struct ClusterEvent: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A replica became master in place of its failing master (role flip + epoch bump).
        case failover
        /// A node changed role for another reason (e.g. the old master rejoined as a replica).
        case roleChanged
        /// Some node now flags it `fail?`.
        case nodePossiblyFailing
        /// Some node now flags it `fail`.
        case nodeFailed
        /// No node flags it failing any more.
        case nodeRecovered
        /// Slotscope could read it before and cannot now.
        case nodeUnreachable
        /// Slotscope can read it again.
        case nodeReachable
        case nodeJoined
        case nodeForgotten
        /// Slots changed owner (or gained or lost one).
        case slotsMoved
        case slotOpened
        case slotClosed
        case clusterStateChanged
        /// `cluster_current_epoch` rose.
        case currentEpochBumped
        /// A node's config epoch changed.
        case configEpochChanged
        /// `master_replid2` changed: the node was promoted (or its history was replaced).
        case replicationIDChanged
        /// The announced address changed (a pod restart).
        case addressChanged
    }

    public var time: Timestamp
    public var kind: Kind
    public var nodes: [NodeID]
    public var slots: [SlotRange]
    /// One line for a timeline.
    public var message: String

    public init(time: Timestamp, kind: Kind, nodes: [NodeID], slots: [SlotRange] = [], message: String) {
        self.time = time
        self.kind = kind
        self.nodes = nodes
        self.slots = slots
        self.message = message
    }
}
