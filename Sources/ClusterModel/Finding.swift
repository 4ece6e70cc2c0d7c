/// How bad a finding is. `critical`: data is unavailable or at risk now;
/// `warning`: one more failure away from it; `info`: worth knowing.
public enum Severity: String, Hashable, Sendable, Codable, Comparable, CaseIterable {
    case info
    case warning
    case critical

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What a health rule found. The raw values are stable names for JSON and scripts.
public enum FindingKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Slots no master serves: clients get `CLUSTERDOWN Hash slot not served`.
    case unassignedSlots = "unassigned-slots"
    /// Nodes report `cluster_state:fail`.
    case clusterStateFail = "cluster-state-fail"
    /// redis-cli case 1: one node migrating, one importing.
    case openSlotHalfMigrated = "open-slot-half-migrated"
    /// Importing with no migrating side.
    case openSlotImportingOnly = "open-slot-importing-only"
    /// redis-cli cases 2 and 3: several nodes importing.
    case openSlotSeveralImporters = "open-slot-several-importers"
    /// redis-cli case 4: migrating with no importing side.
    case openSlotMigratingOnly = "open-slot-migrating-only"
    /// A combination redis-cli cannot fix (e.g. several migrating).
    case openSlotUnfixable = "open-slot-unfixable"
    /// Keys of a slot on a master that does not own it (invisible to clients).
    case keysOnNonOwner = "keys-on-non-owner"
    /// Nodes disagree about who owns some slots.
    case slotOwnershipDisagreement = "slot-ownership-disagreement"
    /// Two masters share a config epoch.
    case configEpochCollision = "config-epoch-collision"
    /// Nodes report different `cluster_current_epoch` values.
    case currentEpochDisagreement = "current-epoch-disagreement"
    /// A `noaddr` entry or a failed id whose address another node now uses.
    case ghostNode = "ghost-node"
    /// The cluster flags a node `fail?` or `fail`.
    case nodeFailing = "node-failing"
    /// A master serving slots has no replica.
    case masterWithoutReplicas = "master-without-replicas"
    /// Every replica of a master serving slots is down.
    case allReplicasDown = "all-replicas-down"
    case replicaLagging = "replica-lagging"
    case replicaLinkDown = "replica-link-down"
    case nodeLoading = "node-loading"
    /// Slotscope could not read the node and the cluster also sees it down (or nobody says otherwise).
    case nodeUnreachable = "node-unreachable"
    /// The node's data is older than the policy allows.
    case nodeStalled = "node-stalled"
    /// The cluster sees the node up but Slotscope cannot reach its announced address (NAT, Kubernetes).
    case announcedAddressUnreachable = "announced-address-unreachable"
    /// A replica on the same host as its master (info).
    case replicaOnMasterHost = "replica-on-master-host"
    /// Nodes run different server versions (info).
    case mixedVersions = "mixed-versions"
    /// A reply could not be parsed or was refused (e.g. NOPERM).
    case unreadableReply = "unreadable-reply"
}

extension FindingKind {
    /// The kinds `slotscope fix` (and the inspector's `f`) repairs. The fix planner works
    /// from this set; screens use it to say whether `f` applies to a finding.
    public static let repairedByFix: Set<FindingKind> = [
        .unassignedSlots, .openSlotHalfMigrated, .openSlotImportingOnly, .openSlotSeveralImporters,
        .openSlotMigratingOnly, .keysOnNonOwner, .ghostNode,
    ]
}

/// The repair that applies, as a typed action the planners can act on.
public enum FixAction: Hashable, Sendable, Codable {
    /// Assign `slots` to `node` (`CLUSTER ADDSLOTSRANGE`).
    case assignSlots(slots: [SlotRange], node: NodeID)
    /// Finish moving `slot` from `source` to `target` (move keys, then `SETSLOT NODE`).
    case finishMigration(slot: Int, source: NodeID, target: NodeID)
    /// Move the slot's keys from `holders` to `owner`, then close the slot everywhere.
    case moveKeysToOwner(slot: Int, owner: NodeID, holders: [NodeID])
    /// `CLUSTER SETSLOT slot STABLE` on `nodes`.
    case closeSlot(slot: Int, nodes: [NodeID])
    /// `CLUSTER FORGET id` on every other node within 60 s.
    case forgetNode(id: NodeID, on: [NodeID])
    /// Attach a replica to `master`.
    case addReplica(master: NodeID)
    /// Connect through an address map (`--map ANNOUNCED=REACHABLE`).
    case useAddressMap(announced: [NodeAddress])
    /// Wait: the cluster is repairing itself (failover, loading).
    case wait(reason: String)
    /// Nothing automatic applies; look at the node(s).
    case investigate(reason: String)
}

/// A suggested fix: the typed action, a sentence, and the exact commands.
public struct SuggestedFix: Hashable, Sendable, Codable {
    public var action: FixAction
    public var summary: String
    /// Exact command lines (slotscope first, then the raw redis-cli steps when they are short).
    public var commands: [String]
}

/// One problem (or fact) a health rule found in a snapshot.
public struct Finding: Hashable, Sendable, Codable {
    public var severity: Severity
    public var kind: FindingKind
    /// One plain line.
    public var title: String
    /// What it means and why it matters, in plain words.
    public var explanation: String
    public var slots: [SlotRange]
    public var nodes: [NodeID]
    /// Addresses involved that have no node id (unidentified polls).
    public var addresses: [NodeAddress]
    public var fix: SuggestedFix?

    public init(severity: Severity, kind: FindingKind, title: String, explanation: String,
                slots: [SlotRange] = [], nodes: [NodeID] = [], addresses: [NodeAddress] = [], fix: SuggestedFix? = nil) {
        self.severity = severity
        self.kind = kind
        self.title = title
        self.explanation = explanation
        self.slots = slots
        self.nodes = nodes
        self.addresses = addresses
        self.fix = fix
    }
}

/// Thresholds for the health rules.
public struct HealthPolicy: Hashable, Sendable, Codable {
    /// A replica further behind than this many bytes is lagging.
    public var maxReplicaLagBytes: Int64
    /// A replica whose last ack (or last I/O) is older than this many seconds is lagging.
    public var maxReplicaLagSeconds: Int64
    /// A node whose data is older than this (milliseconds, relative to the snapshot time) is stalled.
    public var stalledAfterMilliseconds: Int64
    /// Masters serving slots need at least this many replicas.
    public var minimumReplicas: Int
    /// Report replicas on their master's host (info).
    public var reportReplicaOnMasterHost: Bool
    /// Report a mix of server versions (info).
    public var reportMixedVersions: Bool
    /// The address Slotscope was pointed at, used in suggested commands.
    public var seed: NodeAddress?

    public init(maxReplicaLagBytes: Int64 = 16 * 1024 * 1024, maxReplicaLagSeconds: Int64 = 10,
                stalledAfterMilliseconds: Int64 = 10_000, minimumReplicas: Int = 1,
                reportReplicaOnMasterHost: Bool = true, reportMixedVersions: Bool = true, seed: NodeAddress? = nil) {
        self.maxReplicaLagBytes = maxReplicaLagBytes
        self.maxReplicaLagSeconds = maxReplicaLagSeconds
        self.stalledAfterMilliseconds = stalledAfterMilliseconds
        self.minimumReplicas = minimumReplicas
        self.reportReplicaOnMasterHost = reportReplicaOnMasterHost
        self.reportMixedVersions = reportMixedVersions
        self.seed = seed
    }

    public static let `default` = HealthPolicy()
}
