/// A slot left half-way through a move, as when `redis-cli --cluster reshard` is interrupted:
/// the target `IMPORTING` from the source, the source `MIGRATING` to the target, and the
/// slot's keys split between them. The source still owns the slot in every view.
public struct HalfFinishedMigration: Sendable {
    public let slot: Int
    /// The owner, in `MIGRATING` state (`[slot->-<target id>]` in its own CLUSTER NODES).
    public let source: NodeRef
    /// In `IMPORTING` state (`[slot-<-<source id>]` in its own CLUSTER NODES).
    public let target: NodeRef
    /// Keys still on the source, sorted.
    public let keysOnSource: [String]
    /// Keys already moved with `MIGRATE`, sorted.
    public let keysOnTarget: [String]
}

/// A slot a node imports while its owner is stable (no `MIGRATING`), with keys written into
/// the importer via `ASKING`: redis-cli fix's "several importing, owner not migrating" case.
public struct ImportingOnlySlot: Sendable {
    public let slot: Int
    /// The owner, stable.
    public let owner: NodeRef
    /// In `IMPORTING` state from `owner`.
    public let importer: NodeRef
    /// Keys on the owner, sorted.
    public let keysOnOwner: [String]
    /// Keys on the importer (written with `ASKING`), sorted.
    public let keysOnImporter: [String]
}

/// A slot whose owner is `MIGRATING` to a node that is not importing it (no keys elsewhere):
/// redis-cli fix's "just close the slot" case.
public struct MigratingOnlySlot: Sendable {
    public let slot: Int
    /// The owner, in `MIGRATING` state.
    public let owner: NodeRef
    /// The node the owner points at; it is stable and holds no keys of the slot.
    public let target: NodeRef
    /// Keys on the owner, sorted.
    public let keysOnOwner: [String]
}

extension Sandbox {
    /// Starts moving `slot` (default: the first slot of the first master) from its owner to
    /// `target` (default: the next master) and stops half-way: `CLUSTER SETSLOT IMPORTING` on
    /// the target, `MIGRATING` on the source, `keys` keys written into the slot, the first
    /// `moved` of them (in sorted order) moved with `MIGRATE`. The state is visible as soon as
    /// this returns: nothing is left to gossip.
    public func leaveMigrationHalfFinished(in cluster: SandboxCluster, slot: Int? = nil, to target: ClusterNode? = nil,
                                           keys: Int = 20, moved: Int = 10) async throws -> HalfFinishedMigration {
        guard keys >= 0, (0...keys).contains(moved) else {
            throw SandboxError.invalidConfiguration("need 0 <= moved <= keys")
        }
        let (slot, source, target) = try pickSlot(slot, in: cluster, other: target)
        let loaded = try await loadKeys(into: cluster, slots: [slot], keysPerSlot: keys, prefix: "migrating").keys
        try await expectOK(target.process, "CLUSTER", "SETSLOT", String(slot), "IMPORTING", source.id)
        try await expectOK(source.process, "CLUSTER", "SETSLOT", String(slot), "MIGRATING", target.id)
        let movedKeys = Array(loaded.prefix(moved))
        try await migrate(movedKeys, from: source.process, toPort: target.port, options: cluster.options)
        return HalfFinishedMigration(slot: slot, source: NodeRef(source), target: NodeRef(target),
                                     keysOnSource: Array(loaded.dropFirst(moved)), keysOnTarget: movedKeys)
    }

    /// Opens `slot` (default: the first slot of the first master) as `IMPORTING` on `importer`
    /// (default: the next master) from its owner, which stays stable; writes `ownerKeys` keys on
    /// the owner and `importerKeys` keys on the importer with `ASKING` before each `SET`.
    public func openImportingOnly(in cluster: SandboxCluster, slot: Int? = nil, importer: ClusterNode? = nil,
                                  ownerKeys: Int = 5, importerKeys: Int = 10) async throws -> ImportingOnlySlot {
        let (slot, owner, importer) = try pickSlot(slot, in: cluster, other: importer)
        let onOwner = try await loadKeys(into: cluster, slots: [slot], keysPerSlot: ownerKeys, prefix: "owner").keys
        try await expectOK(importer.process, "CLUSTER", "SETSLOT", String(slot), "IMPORTING", owner.id)
        let onImporter = Self.scenarioKeys(prefix: "importer", slot: slot, count: importerKeys)
        try await ScenarioWire.setKeys(onImporter, port: importer.port, options: cluster.options, asking: true)
        return ImportingOnlySlot(slot: slot, owner: NodeRef(owner), importer: NodeRef(importer),
                                 keysOnOwner: onOwner, keysOnImporter: onImporter)
    }

    /// Opens `slot` (default: the first slot of the first master) as `MIGRATING` on its owner
    /// towards `target` (default: the next master), which is not told to import it. `ownerKeys`
    /// keys are written on the owner first.
    public func openMigratingOnly(in cluster: SandboxCluster, slot: Int? = nil, target: ClusterNode? = nil,
                                  ownerKeys: Int = 10) async throws -> MigratingOnlySlot {
        let (slot, owner, target) = try pickSlot(slot, in: cluster, other: target)
        let onOwner = try await loadKeys(into: cluster, slots: [slot], keysPerSlot: ownerKeys, prefix: "owner").keys
        try await expectOK(owner.process, "CLUSTER", "SETSLOT", String(slot), "MIGRATING", target.id)
        return MigratingOnlySlot(slot: slot, owner: NodeRef(owner), target: NodeRef(target), keysOnOwner: onOwner)
    }

    /// The slot (default: the first master's first slot), its owner, and another master (default:
    /// the master after the owner, wrapping). Needs at least two masters.
    func pickSlot(_ slot: Int?, in cluster: SandboxCluster,
                  other: ClusterNode?) throws -> (slot: Int, owner: ClusterNode, other: ClusterNode) {
        let masters = cluster.masters
        guard masters.count >= 2, let firstSlot = masters[0].slots.first?.lowerBound else {
            throw SandboxError.invalidConfiguration("this scenario needs a cluster with at least 2 masters")
        }
        let slot = slot ?? firstSlot
        let owner = try creationOwner(of: slot, in: cluster)
        let index = masters.firstIndex { $0.id == owner.id } ?? 0
        let other = other ?? masters[(index + 1) % masters.count]
        guard other.id != owner.id, other.role == .master else {
            throw SandboxError.invalidConfiguration("the other node must be a master other than the owner of slot \(slot)")
        }
        return (slot, owner, other)
    }
}
