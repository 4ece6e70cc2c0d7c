import ClusterModel
import Operations
import Sandbox
import Testing
import Wire

/// Each broken state built with real commands on a cluster of its own; the poller and the
/// health rules must name exactly what is wrong.
@Suite struct PollerBrokenStateTests {
    @Test func unassignedSlots() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.unassignSlots(100...199, in: cluster)
        let found = findings(try await poller(for: cluster).poll().snapshot)
        let unassigned = try #require(found.of(.unassignedSlots).first)
        #expect(unassigned.slots == [SlotRange(100, 199)])
        #expect(unassigned.severity == .critical)
        #expect(!found.of(.clusterStateFail).isEmpty)
        _ = broken
        await sandbox.stopAll()
    }

    @Test func halfFinishedMigration() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster)
        let found = findings(try await poller(for: cluster).poll().snapshot)
        let open = try #require(found.of(.openSlotHalfMigrated).first, "\(found.map(\.kind))")
        #expect(open.slots == [SlotRange(slot: broken.slot)])
        #expect(Set(open.nodes) == [NodeID(broken.source.id), NodeID(broken.target.id)])
        await sandbox.stopAll()
    }

    @Test func importingOnlyWithKeys() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.openImportingOnly(in: cluster, slot: 7, importer: cluster.masters[1])
        let found = findings(try await poller(for: cluster).poll().snapshot)
        let open = try #require(found.of(.openSlotImportingOnly).first, "\(found.map(\.kind))")
        #expect(open.slots == [SlotRange(slot: broken.slot)])
        #expect(open.nodes.contains(NodeID(broken.importer.id)))
        await sandbox.stopAll()
    }

    @Test func migratingOnly() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.openMigratingOnly(in: cluster, slot: 9, target: cluster.masters[2])
        let found = findings(try await poller(for: cluster).poll().snapshot)
        let open = try #require(found.of(.openSlotMigratingOnly).first, "\(found.map(\.kind))")
        #expect(open.slots == [SlotRange(slot: broken.slot)])
        #expect(open.nodes.contains(NodeID(broken.owner.id)))
        await sandbox.stopAll()
    }

    /// With no other keys the holder's census lists its keys (`SCAN`); with more keys than it
    /// owns slots it counts slot by slot. Both methods must name the same slot and holder.
    @Test(arguments: [0, 6000])
    func keysOnAMasterThatDoesNotOwnTheirSlot(otherKeysOnHolder: Int) async throws {
        let (sandbox, cluster) = try await freshCluster()
        let holder = cluster.masters[1]
        if otherKeysOnHolder > 0 {
            let range = try #require(holder.slots.first)
            let slots = Array(range.lowerBound...range.upperBound)
            let perSlot = (otherKeysOnHolder + slots.count - 1) / slots.count
            _ = try await sandbox.loadKeys(into: cluster, slots: slots, keysPerSlot: perSlot, prefix: "bulk")
        }
        let broken = try await sandbox.placeKeysOnNonOwner(in: cluster, slot: 42, holder: holder)
        // Without the key census the state is invisible (as to redis-cli --cluster check)…
        let plain = findings(try await poller(for: cluster).poll().snapshot)
        #expect(plain.of(.keysOnNonOwner).isEmpty)
        // …with it, the slot, the holder and the key count are named.
        let counted = findings(try await poller(for: cluster, settings: PollSettings(countKeys: true)).poll().snapshot)
        let foreign = try #require(counted.of(.keysOnNonOwner).first, "\(counted.map(\.kind))")
        #expect(foreign.slots == [SlotRange(slot: 42)])
        #expect(foreign.nodes.contains(NodeID(broken.holder.id)))
        await sandbox.stopAll()
    }

    @Test func ghostNodeAfterAReplicaIsReplaced() async throws {
        let (sandbox, cluster) = try await freshCluster(replicas: 1, nodeTimeout: 1000)
        let broken = try await sandbox.replaceReplicaLeavingGhost(in: cluster)
        let found = findings(try await poller(for: cluster).poll().snapshot)
        let ghost = try #require(found.of(.ghostNode).first, "\(found.map(\.kind))")
        #expect(ghost.nodes.contains(NodeID(broken.ghostID)))
        await sandbox.stopAll()
    }

    @Test func loadingNode() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let loading = try await sandbox.startSlowReload(of: cluster.masters[1], in: cluster, keys: 2000, loadingSeconds: 8)
        let found = findings(try await poller(for: cluster).poll().snapshot)
        let finding = try #require(found.of(.nodeLoading).first, "\(found.map(\.kind))")
        #expect(finding.nodes.contains(NodeID(loading.node.id)))
        _ = try await loading.waitUntilLoaded()
        await sandbox.stopAll()
    }
}
