import Foundation
import RESP
import Testing
@testable import ClusterModel

@Suite("A 200-node poll cycle")
struct LargeClusterTests {
    let t0 = Timestamp(milliseconds: 1_800_000_000_000)

    @Test("replies parsed across cores give the same snapshot as parsed one by one, in order")
    func parallelParseMatchesSequential() {
        let t1 = Timestamp(milliseconds: t0.milliseconds + 1000)
        let polls = SyntheticCluster(masters: 100, replicasPerMaster: 1, failedOver: [3]).polls(at: t1)
        let parallel = ParsedNodePoll.parseAll(polls)
        #expect(parallel.map(\.nodeID) == polls.map { ParsedNodePoll($0).nodeID })
        #expect(ClusterSnapshot.build(from: parallel, at: t1) == ClusterSnapshot.build(from: polls.map(ParsedNodePoll.init), at: t1))
    }

    @Test("parse + snapshot + diff + findings on 100 masters and 100 replicas")
    func pollCycle() throws {
        let healthy = SyntheticCluster(masters: 100, replicasPerMaster: 1)
        let first = ClusterSnapshot.build(from: healthy.polls(at: t0), at: t0)
        #expect(first.nodes.count == 200)
        #expect(first.nodes.allSatisfy { $0.reachability == .reachable && $0.problems.isEmpty })
        #expect(first.shards.count == 100 && first.shards.allSatisfy { $0.replicas.count == 1 })
        #expect(first.unassignedSlots.isEmpty)
        #expect(first.ownershipViews.count == 1 && first.ownershipViews[0].observers.count == 200)
        #expect(first.clusterState == .ok)
        #expect(first.replicas.allSatisfy { $0.replication?.lagBytes == 5 && $0.replication?.linkUp == true })
        #expect(findings(first).filter { $0.severity != .info }.isEmpty)

        let t1 = Timestamp(milliseconds: t0.milliseconds + 1000)
        let broken = SyntheticCluster(masters: 100, replicasPerMaster: 1, failedOver: [7])
        let second = ClusterSnapshot.build(from: broken.polls(at: t1), at: t1)
        let events = diff(first, second)
        let failover = try #require(events.first { $0.kind == .failover })
        #expect(failover.nodes == [healthy.id(100 + 7), healthy.id(7)])
        #expect(failover.slots == [healthy.slots(ofMaster: 7)])
        #expect(events.contains { $0.kind == .replicationIDChanged && $0.nodes == [healthy.id(107)] })
        #expect(events.contains { $0.kind == .nodeUnreachable && $0.nodes == [healthy.id(7)] })
        #expect(diff(second, second).isEmpty)

        let found = findings(second)
        #expect(found.contains { $0.kind == .nodeFailing && $0.nodes == [healthy.id(7)] && $0.severity == .warning })
        #expect(found.contains { $0.kind == .masterWithoutReplicas && $0.nodes == [healthy.id(107)] })
        #expect(!found.contains { $0.severity == .critical })
    }

    @Test("views that disagree: consensus by majority, disagreement reported as a range")
    func disagreement() throws {
        let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1)
        var polls = cluster.polls(at: t0)
        // Node 5 still believes slots 0-99 belong to master 1.
        let text = cluster.clusterNodes(observer: 5, now: t0.milliseconds)
            .replacingOccurrences(of: " 0-5460\n", with: " 100-5460\n")
            .replacingOccurrences(of: " 5461-10921\n", with: " 0-99 5461-10921\n")
        polls[5].outcome = .replied(NodeReplies(clusterNodes: .bulkString(Array(text.utf8))))
        let snap = ClusterSnapshot.build(from: polls, at: t0)
        #expect(snap.ownershipViews.count == 2)
        #expect(snap.owner(ofSlot: 0) == cluster.id(0))
        #expect(snap.slotDisagreements.count == 1)
        let d = try #require(snap.slotDisagreements.first)
        #expect(d.range == SlotRange(0, 99))
        #expect(d.opinions.map(\.observers.count) == [5, 1])
        #expect(d.opinions[1].owner == cluster.id(1))
        #expect(findings(snap).contains { $0.kind == .slotOwnershipDisagreement && $0.slots == [SlotRange(0, 99)] })
    }

    @Test("keys on a master that does not own the slot")
    func foreignKeys() throws {
        let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1)
        var polls = cluster.polls(at: t0)
        guard case .replied(var replies) = polls[1].outcome else { Issue.record("no replies"); return }
        replies.slotKeyCounts = [SlotKeyCount(slot: 6000, keys: 3), SlotKeyCount(slot: 42, keys: 7)]
        polls[1].outcome = .replied(replies)
        let snap = ClusterSnapshot.build(from: polls, at: t0)
        #expect(snap.foreignKeys == [ForeignKeys(node: cluster.id(1), slot: 42, keys: 7, owner: cluster.id(0))])
        let f = try #require(findings(snap).first { $0.kind == .keysOnNonOwner })
        #expect(f.severity == .critical)
        #expect(f.fix?.action == .moveKeysToOwner(slot: 42, owner: cluster.id(0), holders: [cluster.id(1)]))
    }

    @Test("unreachable, stalled, loading, lagging and a replica with its link down")
    func nodeRules() throws {
        let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1)
        var polls = cluster.polls(at: t0)
        polls[3].outcome = .failed(.refused)                                   // replica of 0: cluster sees it up
        polls[4].time = Timestamp(milliseconds: t0.milliseconds - 60_000)       // stale data
        polls[2].outcome = .replied(NodeReplies(clusterNodes: .error("LOADING Redis is loading the dataset in memory")))
        let lagging = cluster.info(5).replacingOccurrences(of: "master_link_status:up", with: "master_link_status:down")
        if case .replied(var r) = polls[5].outcome { r.info = .bulkString(Array(lagging.utf8)); polls[5].outcome = .replied(r) }
        polls.append(NodePoll(address: NodeAddress(host: "10.9.9.9", port: 6379), time: t0, outcome: .failed(.timeout)))
        let snap = ClusterSnapshot.build(from: polls, at: t0)
        let found = findings(snap)
        #expect(found.contains { $0.kind == .announcedAddressUnreachable && $0.nodes == [cluster.id(3)] })
        #expect(found.contains { $0.kind == .nodeStalled && $0.nodes == [cluster.id(4)] })
        #expect(found.contains { $0.kind == .nodeLoading && $0.nodes == [cluster.id(2)] })
        #expect(found.contains { $0.kind == .replicaLinkDown && $0.nodes.first == cluster.id(5) })
        #expect(found.contains { $0.kind == .nodeUnreachable && $0.addresses == [NodeAddress(host: "10.9.9.9", port: 6379)] })
        #expect(snap.unidentified.count == 1)
    }

    @Test("open-slot cases: migrating-only, importing-only with keys, several importers")
    func openSlotCases() throws {
        let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 0)
        func snapshot(_ markers: [Int: String], keys: [Int: Int] = [:]) -> ClusterSnapshot {
            var polls = cluster.polls(at: t0)
            for (node, marker) in markers {
                let lines = cluster.clusterNodes(observer: node, now: t0.milliseconds).split(separator: "\n").map { line in
                    line.contains("myself") ? line + " " + marker : String(line)
                }
                polls[node].outcome = .replied(NodeReplies(
                    clusterNodes: .bulkString(Array(lines.joined(separator: "\n").utf8)),
                    slotKeyCounts: keys[node].map { [SlotKeyCount(slot: 10, keys: $0)] } ?? []))
            }
            return ClusterSnapshot.build(from: polls, at: t0)
        }
        let a = cluster.id(0), b = cluster.id(1), c = cluster.id(2)
        let migratingOnly = findings(snapshot([0: "[10->-\(b)]"]))
        #expect(migratingOnly.first { $0.kind == .openSlotMigratingOnly }?.fix?.action == .closeSlot(slot: 10, nodes: [a]))

        let importingOnly = findings(snapshot([1: "[10-<-\(a)]"], keys: [1: 4]))
        #expect(importingOnly.first { $0.kind == .openSlotImportingOnly }?.fix?.action == .moveKeysToOwner(slot: 10, owner: a, holders: [b]))

        let emptyImporter = findings(snapshot([1: "[10-<-\(a)]"], keys: [1: 0]))
        #expect(emptyImporter.first { $0.kind == .openSlotImportingOnly }?.fix?.action == .closeSlot(slot: 10, nodes: [b]))

        let several = findings(snapshot([1: "[10-<-\(a)]", 2: "[10-<-\(a)]"], keys: [1: 3, 2: 5]))
        #expect(several.first { $0.kind == .openSlotSeveralImporters }?.fix?.action == .moveKeysToOwner(slot: 10, owner: a, holders: [b, c]))

        let realTarget = findings(snapshot([0: "[10->-\(b)]", 1: "[10-<-\(a)]", 2: "[10-<-\(a)]"], keys: [0: 5, 1: 2, 2: 0]))
        #expect(realTarget.first { $0.kind == .openSlotSeveralImporters }?.fix?.action == .finishMigration(slot: 10, source: a, target: b))

        let twoSources = findings(snapshot([0: "[10->-\(b)]", 2: "[10->-\(b)]", 1: "[10-<-\(a)]"]))
        #expect(twoSources.contains { $0.kind == .openSlotUnfixable })
    }

    @Test("snapshot round-trips through JSON")
    func codable() throws {
        let snap = ClusterSnapshot.build(from: SyntheticCluster(masters: 3).polls(at: t0), at: t0)
        let data = try JSONEncoder().encode(snap)
        #expect(try JSONDecoder().decode(ClusterSnapshot.self, from: data) == snap)
    }
}
