import Foundation
import Sandbox
import Testing

/// Each test builds one broken slot state on its own 3-master cluster and checks it with plain
/// commands. The inspection engine's tests assert the findings on the same builders.
@Suite("Scenarios: slots")
struct SlotScenarioTests {
    @Test("loadKeys writes to each slot's owner, following the slot map")
    func loadKeys() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let slots = [0, 5461, 12182, 16383]
        let start = ContinuousClock.now
        let loaded = try await sandbox.loadKeys(into: cluster, slots: slots, keysPerSlot: 250)
        print("loadKeys: 1000 keys in \(elapsed(since: start))")
        #expect(loaded.count == 1000)
        for slot in slots {
            let owner = try #require(cluster.masters.first { $0.slots.contains { $0.contains(slot) } })
            #expect(loaded.ownerPortBySlot[slot] == owner.port)
            #expect(try await sandbox.keysInSlot(slot, port: owner.port) == 250)
            #expect(loaded.keysBySlot[slot]?.allSatisfy { KeySlot.slot(of: $0) == slot } == true)
        }
        await sandbox.stopAll()
    }

    @Test("unassigned slots: cluster_state fail on every node, keys left on the former owner")
    func unassigned() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
        let start = ContinuousClock.now
        let state = try await sandbox.unassignSlots(100...199, in: cluster, keysPerSlot: 2)
        print("unassigned slots built in \(elapsed(since: start))")
        #expect(state.formerOwner.id == cluster.masters[0].id)
        #expect(state.keysOnFormerOwner.count == 200)
        for node in cluster.nodes {
            let info = try await sandbox.info(node.port, "CLUSTER", "INFO")
            #expect(info["cluster_state"] == "fail")
            #expect(info["cluster_slots_assigned"] == "16284")
        }
        let ownerLine = try await sandbox.nodesLine(of: state.formerOwner.id, seenBy: cluster.masters[1].port)
        #expect(ownerLine.hasSuffix(" 0-99 200-5461"), "\(ownerLine)")
        #expect(try await sandbox.keysInSlot(150, port: state.formerOwner.port) == 2)
        let reply = await sandbox.replyOrError(port: state.formerOwner.port, "GET", KeySlot.key("x", inSlot: 150))
        #expect(reply.hasPrefix("CLUSTERDOWN"), "\(reply)")
        await sandbox.stopAll()
    }

    @Test("half-finished migration: migrating + importing, keys on both sides")
    func halfFinished() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let state = try await sandbox.leaveMigrationHalfFinished(in: cluster, slot: 42, keys: 20, moved: 8)
        #expect(state.source == NodeRef(cluster.masters[0]))
        #expect(state.target == NodeRef(cluster.masters[1]))
        #expect(state.keysOnSource.count == 12 && state.keysOnTarget.count == 8)
        #expect(try await sandbox.keysInSlot(42, port: state.source.port) == 12)
        #expect(try await sandbox.keysInSlot(42, port: state.target.port) == 8)
        #expect(try await sandbox.nodesLine(of: state.source.id, seenBy: state.source.port)
            .contains("[42->-\(state.target.id)]"))
        #expect(try await sandbox.nodesLine(of: state.target.id, seenBy: state.target.port)
            .contains("[42-<-\(state.source.id)]"))
        // Every view still gives the slot to the source.
        for node in cluster.nodes {
            #expect(try await sandbox.nodesLine(of: state.source.id, seenBy: node.port).contains(" 0-5461"))
        }
        await sandbox.stopAll()
    }

    @Test("importing-only: the importer holds keys via ASKING, the owner is stable")
    func importingOnly() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let state = try await sandbox.openImportingOnly(in: cluster, slot: 7000, ownerKeys: 5, importerKeys: 10)
        #expect(state.owner == NodeRef(cluster.masters[1]))
        #expect(state.importer == NodeRef(cluster.masters[2]))
        #expect(try await sandbox.keysInSlot(7000, port: state.owner.port) == 5)
        #expect(try await sandbox.keysInSlot(7000, port: state.importer.port) == 10)
        #expect(try await sandbox.nodesLine(of: state.importer.id, seenBy: state.importer.port)
            .contains("[7000-<-\(state.owner.id)]"))
        #expect(!(try await sandbox.nodesLine(of: state.owner.id, seenBy: state.owner.port).contains("[")))
        await sandbox.stopAll()
    }

    @Test("migrating-only: the owner migrates to a node that is not importing")
    func migratingOnly() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let state = try await sandbox.openMigratingOnly(in: cluster, slot: 16000, ownerKeys: 10)
        #expect(state.owner == NodeRef(cluster.masters[2]))
        #expect(state.target == NodeRef(cluster.masters[0]))
        #expect(try await sandbox.keysInSlot(16000, port: state.owner.port) == 10)
        #expect(try await sandbox.keysInSlot(16000, port: state.target.port) == 0)
        #expect(try await sandbox.nodesLine(of: state.owner.id, seenBy: state.owner.port)
            .contains("[16000->-\(state.target.id)]"))
        #expect(!(try await sandbox.nodesLine(of: state.target.id, seenBy: state.target.port).contains("[")))
        await sandbox.stopAll()
    }

    @Test("keys on a non-owner, both slots stable: invisible to the slot map")
    func foreignKeys() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let state = try await sandbox.placeKeysOnNonOwner(in: cluster, slot: 100, ownerKeys: 5, holderKeys: 10)
        #expect(state.owner == NodeRef(cluster.masters[0]))
        #expect(state.holder == NodeRef(cluster.masters[1]))
        // Let a few gossip rounds pass: the holder must keep the keys.
        try await Task.sleep(for: .seconds(1))
        #expect(try await sandbox.keysInSlot(100, port: state.owner.port) == 5)
        #expect(try await sandbox.keysInSlot(100, port: state.holder.port) == 10)
        #expect(try await sandbox.info(state.holder.port, "INFO", "keyspace")["db0"]?.hasPrefix("keys=10,") == true)
        for node in cluster.nodes {
            let line = try await sandbox.nodesLine(of: node.id, seenBy: node.port)
            #expect(!line.contains("["), "\(line)")
            #expect(try await sandbox.info(node.port, "CLUSTER", "INFO")["cluster_state"] == "ok")
        }
        let reply = await sandbox.replyOrError(port: state.holder.port, "GET", state.keysOnHolder[0])
        #expect(reply.hasPrefix("MOVED 100 "), "\(reply)")
        await sandbox.stopAll()
    }
}

@Suite("Scenarios: with a password")
struct PasswordScenarioTests {
    @Test("half-finished migration on password-protected nodes (Wire AUTH, MIGRATE … AUTH)")
    func halfFinishedWithPassword() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0,
                                                     options: ServerOptions(password: "scenario-secret"))
        let state = try await sandbox.leaveMigrationHalfFinished(in: cluster, slot: 9000, keys: 6, moved: 6)
        #expect(state.source == NodeRef(cluster.masters[1]) && state.target == NodeRef(cluster.masters[2]))
        #expect(state.keysOnSource.isEmpty && state.keysOnTarget.count == 6)
        #expect(try await sandbox.keysInSlot(9000, port: state.source.port) == 0)
        #expect(try await sandbox.keysInSlot(9000, port: state.target.port) == 6)
        await sandbox.stopAll()
    }
}
