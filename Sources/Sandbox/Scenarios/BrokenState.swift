/// The broken states that can be applied to an existing healthy cluster, by name: the list
/// `slotscope demo` offers as "break something" drills. (An unreachable announced endpoint
/// needs a cluster started for it: `Sandbox.startClusterWithUnreachableAnnouncedEndpoint`.)
public enum BrokenState: String, CaseIterable, Sendable {
    case unassignedSlots = "unassigned-slots"
    case halfFinishedMigration = "half-finished-migration"
    case importingOnly = "importing-only"
    case migratingOnly = "migrating-only"
    case keysOnNonOwner = "keys-on-non-owner"
    case killedMaster = "killed-master"
    case stoppedNode = "stopped-node"
    case ghostNode = "ghost-node"
    case loadingNode = "loading-node"

    /// What the drill does, in a few words.
    public var summary: String {
        switch self {
        case .unassignedSlots: "delete 100 slots from every node's view (cluster_state:fail)"
        case .halfFinishedMigration: "interrupt a slot move half-way (migrating + importing, keys on both)"
        case .importingOnly: "open a slot as importing, with keys, while its owner is stable"
        case .migratingOnly: "open a slot as migrating towards a node that is not importing"
        case .keysOnNonOwner: "put keys of a slot on a master that does not own it, both stable"
        case .killedMaster: "SIGKILL a master and wait for its replica to take over"
        case .stoppedNode: "SIGSTOP a replica (or a master when there is none)"
        case .ghostNode: "replace a replica by a fresh node at the same port (old id lingers)"
        case .loadingNode: "make a master answer LOADING for a few seconds"
        }
    }

    /// Whether the cluster needs replicas (at least one per master) for this drill.
    public var needsReplicas: Bool { [.killedMaster, .ghostNode].contains(self) }

    /// Breaks `cluster` (at least 2 masters; replicas when `needsReplicas`) with the scenario's
    /// defaults and returns a one-line account of what was done. A stopped node stays stopped
    /// until `Sandbox.stopAll`; a loading node finishes by itself.
    public func apply(to cluster: SandboxCluster, in sandbox: Sandbox) async throws -> String {
        switch self {
        case .unassignedSlots: "\(try await sandbox.unassignSlots(in: cluster, keysPerSlot: 1))"
        case .halfFinishedMigration: "\(try await sandbox.leaveMigrationHalfFinished(in: cluster))"
        case .importingOnly: "\(try await sandbox.openImportingOnly(in: cluster))"
        case .migratingOnly: "\(try await sandbox.openMigratingOnly(in: cluster))"
        case .keysOnNonOwner: "\(try await sandbox.placeKeysOnNonOwner(in: cluster))"
        case .killedMaster: "\(try await sandbox.killMasterAndAwaitPromotion(in: cluster))"
        case .stoppedNode:
            "\(try await sandbox.stopNode(cluster.replicas.first ?? cluster.nodes[cluster.nodes.count - 1], in: cluster))"
        case .ghostNode: "\(try await sandbox.replaceReplicaLeavingGhost(in: cluster))"
        case .loadingNode: "\(try await sandbox.startSlowReload(in: cluster))"
        }
    }
}
