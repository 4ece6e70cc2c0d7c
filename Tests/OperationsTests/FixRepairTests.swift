import ClusterModel
import Operations
import Sandbox
import Testing
import TestSupport
import Wire

/// Every broken state `fix` repairs, each on a real cluster of its own with keys loaded:
/// repaired, verified by a fresh poll, and not one key lost (every key readable through
/// MOVED, the total unchanged).
@Suite struct FixRepairTests {
    @Test func unassignedSlotsWithoutKeysGoToTheMasterWithFewestSlots() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let background = try await loadBackgroundKeys(sandbox, cluster)
        let broken = try await sandbox.unassignSlots(100...199, in: cluster)
        let before = try await totalKeys(cluster)
        let (plan, _, remaining) = try await repair(cluster)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(plan.slots == Array(100...199))
        // The former owner now has the fewest slots: all 100 go back to it, in one range.
        #expect(plan.steps.count == 1)
        #expect(plan.steps[0].nodes.map(\.id) == [NodeID(broken.formerOwner.id)])
        #expect(plan.steps[0].commandLines(move: plan.move)[0].hasSuffix("CLUSTER ADDSLOTSRANGE 100 199"))
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(background, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    @Test func unassignedSlotsWithKeysGoToTheNodeHoldingThem() async throws {
        let (sandbox, cluster) = try await freshCluster()
        try await loadBackgroundKeys(sandbox, cluster)
        let broken = try await sandbox.unassignSlots(100...109, in: cluster, keysPerSlot: 3)
        let before = try await totalKeys(cluster)
        let (plan, _, remaining) = try await repair(cluster)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(plan.steps.allSatisfy { $0.nodes.map(\.id) == [NodeID(broken.formerOwner.id)] })
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnFormerOwner.keys, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    @Test func unassignedSlotWithKeysOnTwoMastersGoesToTheOneWithMoreAndTheRestMoves() async throws {
        let (sandbox, cluster) = try await freshCluster()
        // Three keys of slot 100 on another master first (a node refuses writes to an unserved
        // slot, even after ASKING), then the slot unassigned with 5 + 8 keys on its owner.
        let foreign = try await sandbox.placeKeysOnNonOwner(in: cluster, slot: 100, holder: cluster.masters[1],
                                                            ownerKeys: 5, holderKeys: 3)
        let broken = try await sandbox.unassignSlots(100...100, in: cluster, keysPerSlot: 8)
        let extra = foreign.keysOnOwner + foreign.keysOnHolder
        let before = try await totalKeys(cluster)
        let (plan, report, remaining) = try await repair(cluster)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(plan.keysToMove == 3)
        #expect(report.keysMoved == 3)
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnFormerOwner.keys + extra, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    @Test func halfFinishedMigrationIsFinished() async throws {
        let (sandbox, cluster) = try await freshCluster()
        try await loadBackgroundKeys(sandbox, cluster)
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster, keys: 300, moved: 120)
        let before = try await totalKeys(cluster)
        let (plan, report, remaining) = try await repair(cluster, options: FixOptions(move: MoveSettings(keysPerBatch: 50)))
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(plan.keysToMove == 180)
        #expect(report.keysMoved == 180)
        let snapshot = await countedSnapshot(cluster, pool: writablePool(readOnly: true))
        #expect(snapshot.owner(ofSlot: broken.slot) == NodeID(broken.target.id))
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnSource + broken.keysOnTarget, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    @Test func importerWithMoreKeysKeepsTheConfiguredOwnerByDefault() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.openImportingOnly(in: cluster, slot: 7, importer: cluster.masters[1],
                                                         ownerKeys: 5, importerKeys: 10)
        let before = try await totalKeys(cluster)
        let (plan, report, remaining) = try await repair(cluster)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(plan.notes.contains { $0.contains("Keeping") && $0.contains("--owner importer") }, "\(plan.notes)")
        #expect(report.keysMoved == 10)
        let snapshot = await countedSnapshot(cluster, pool: writablePool(readOnly: true))
        #expect(snapshot.owner(ofSlot: 7) == NodeID(broken.owner.id))
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnOwner + broken.keysOnImporter, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    @Test func importerWithMoreKeysGetsTheSlotWhenChosen() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.openImportingOnly(in: cluster, slot: 7, importer: cluster.masters[1],
                                                         ownerKeys: 5, importerKeys: 10)
        let before = try await totalKeys(cluster)
        let (plan, report, remaining) = try await repair(cluster, options: FixOptions(ownerChoice: .importerWithMostKeys))
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(plan.notes.contains { $0.contains("as asked") }, "\(plan.notes)")
        #expect(report.keysMoved == 5)
        let snapshot = await countedSnapshot(cluster, pool: writablePool(readOnly: true))
        #expect(snapshot.owner(ofSlot: 7) == NodeID(broken.importer.id))
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnOwner + broken.keysOnImporter, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    @Test func severalImportersWithKeysAllGoToTheOwner() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.openImportingOnly(in: cluster, slot: 7, importer: cluster.masters[1],
                                                         ownerKeys: 5, importerKeys: 10)
        let second = cluster.masters[2]
        _ = try await second.process.sandboxCommand("CLUSTER", "SETSLOT", "7", "IMPORTING", broken.owner.id)
        let secondKeys = (0..<6).map { KeySlot.key("second:\($0)", inSlot: 7) }
        try await setAsking(secondKeys.map { ($0, $0) }, on: second)
        let before = try await totalKeys(cluster)
        let (_, report, remaining) = try await repair(cluster)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(report.keysMoved == 16)
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnOwner + broken.keysOnImporter + secondKeys, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    @Test func migratingOnlySlotIsClosed() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.openMigratingOnly(in: cluster, slot: 9, target: cluster.masters[2])
        let before = try await totalKeys(cluster)
        let (plan, _, remaining) = try await repair(cluster)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(plan.steps.count == 1)
        #expect(plan.steps[0].commandLines(move: plan.move)[0].hasSuffix("CLUSTER SETSLOT 9 STABLE"))
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnOwner, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    /// redis-cli --cluster fix fails here (MOVED): the slot is stable everywhere.
    @Test func keysOnANonOwnerWithTheSlotStableMoveToTheOwner() async throws {
        let (sandbox, cluster) = try await freshCluster()
        try await loadBackgroundKeys(sandbox, cluster)
        let broken = try await sandbox.placeKeysOnNonOwner(in: cluster, slot: 42, holder: cluster.masters[1])
        let before = try await totalKeys(cluster)
        let (plan, report, remaining) = try await repair(cluster)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(plan.keysToMove == broken.keysOnHolder.count)
        #expect(report.keysMoved == broken.keysOnHolder.count)
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnOwner + broken.keysOnHolder, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    /// redis-cli --cluster check does not see it and del-node refuses it.
    @Test func ghostNodeIsForgottenEverywhere() async throws {
        let (sandbox, cluster) = try await freshCluster(replicas: 1, nodeTimeout: 1000)
        let background = try await loadBackgroundKeys(sandbox, cluster)
        let broken = try await sandbox.replaceReplicaLeavingGhost(in: cluster)
        let (plan, _, remaining) = try await repair(cluster)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(plan.steps.count == 1)
        for observer in broken.observers {
            let nodes = try await cluster.node(port: observer.port)!.process.sandboxCommand("CLUSTER", "NODES")
            #expect(!nodes.contains(broken.ghostID), "port \(observer.port) still lists the ghost")
        }
        #expect(try await unreadableKeys(background, in: cluster).isEmpty)
        await sandbox.stopAll()
    }
}
