import Foundation
@testable import Sandbox
import Testing

/// `unassignSlots` right after a slot of the range changed owner (the demo's "open a slot,
/// fix it, unassign slots" sequence): a ping the new owner sent before its own DELSLOTSRANGE
/// can give a node the slot back, and the builder must delete it again.
@Suite("Scenarios: unassign after an owner change")
struct UnassignRaceTests {
    @Test("the slots a view still assigns within a range, migration markers ignored")
    func assignedSlotsOfAView() {
        let view = ClusterNodesLine.parse("""
            a 127.0.0.1:1@11 myself,master - 0 0 1 connected 0-99 150 [100->-b] 300-400
            b 127.0.0.1:2@12 master - 0 0 2 connected 101-149 [100-<-a]
            c 127.0.0.1:3@13 slave a 0 0 1 connected
            """)
        #expect(Sandbox.assignedSlots(in: view, within: 95...160) == Array(95...99) + Array(101...150))
        #expect(Sandbox.assignedSlots(in: view, within: 200...299).isEmpty)
        #expect(Sandbox.assignedSlots(in: view, within: 400...400) == [400])
    }

    @Test("a slot moved to another master just before: every node still ends without the range")
    func unassignRightAfterAMove() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
        let (from, to) = (cluster.masters[0], cluster.masters[1])
        // Slot 100 to the second master, the way a fix closes a migration: a new epoch on the
        // new owner, both sides told, everyone else learns it by gossip.
        _ = try await sandbox.command(to.process, "CLUSTER", "SETSLOT", "100", "NODE", to.id)
        _ = try await sandbox.command(to.process, "CLUSTER", "BUMPEPOCH")
        _ = try await sandbox.command(from.process, "CLUSTER", "SETSLOT", "100", "NODE", to.id)
        _ = try await sandbox.unassignSlots(100...199, in: cluster, keysPerSlot: 1)
        try await expectHundredSlotsUnassigned(everywhereIn: cluster, sandbox)
        await sandbox.stopAll()
    }

    @Test("a node given a slot back after its DELSLOTSRANGE loses it again")
    func slotGivenBackIsDeletedAgain() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let owner = cluster.masters[0], late = cluster.masters[2]
        for node in cluster.nodes {
            _ = try await sandbox.command(node.process, "CLUSTER", "DELSLOTSRANGE", "100", "199")
        }
        // What a late ping from the owner does to a node that already deleted the slot.
        _ = try await sandbox.command(late.process, "CLUSTER", "SETSLOT", "150", "NODE", owner.id)
        #expect(try await sandbox.info(late.port, "CLUSTER", "INFO")["cluster_slots_assigned"] == "16285")
        try await sandbox.awaitUnassigned(100...199, on: cluster.nodes, timeout: 30)
        try await expectHundredSlotsUnassigned(everywhereIn: cluster, sandbox)
        await sandbox.stopAll()
    }

    /// Every node says `cluster_state:fail` with 100 slots fewer assigned.
    private func expectHundredSlotsUnassigned(everywhereIn cluster: SandboxCluster, _ sandbox: Sandbox) async throws {
        for node in cluster.nodes {
            let info = try await sandbox.info(node.port, "CLUSTER", "INFO")
            #expect(info["cluster_state"] == "fail", "port \(node.port)")
            #expect(info["cluster_slots_assigned"] == "16284", "port \(node.port)")
        }
    }
}
