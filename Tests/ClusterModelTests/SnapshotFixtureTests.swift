import RESP
import Testing
@testable import ClusterModel

/// Builds polls from the captured replies of one observer node.
enum Polls {
    static let t0 = Timestamp(milliseconds: 1_795_564_000_000)

    /// One node's replies from a fixture state; files that are missing are simply not sent.
    static func node(_ version: String, _ state: String, proto: String, nodes: String = "cluster-nodes",
                     info: String? = nil, clusterInfo: String? = "cluster-info", slots: String? = "cluster-slots",
                     shards: String? = "cluster-shards", time: Timestamp = t0,
                     slotKeyCounts: [SlotKeyCount]? = nil) throws -> NodePoll {
        func load(_ stem: String?, from folder: String = state) throws -> RESPValue? {
            guard let stem, Fixture.exists(version, "\(folder)/\(stem).\(proto)") else { return nil }
            return try Fixture.value(version, "\(folder)/\(stem).\(proto)")
        }
        let nodesReply = try #require(try load(nodes))
        let me = try #require(try ClusterNodesView(reply: nodesReply).myself)
        let replies = NodeReplies(clusterNodes: nodesReply, clusterInfo: try load(clusterInfo), clusterSlots: try load(slots),
                                  info: try load(info, from: info == nil ? state : "cluster-healthy"),
                                  clusterShards: try load(shards), slotKeyCounts: slotKeyCounts)
        return NodePoll(address: me.address, time: time, outcome: .replied(replies))
    }

    static func snapshot(_ polls: [NodePoll], at time: Timestamp = t0) -> ClusterSnapshot {
        ClusterSnapshot.build(from: polls, at: time)
    }
}

@Suite("Snapshots, events and findings on real replies")
struct SnapshotFixtureTests {
    static let cases: [(String, String)] = Fixture.versions.flatMap { v in Fixture.protocols.map { (v, $0) } }

    @Test("healthy: 3 shards, every slot served, nothing wrong", arguments: cases)
    func healthy(version: String, proto: String) throws {
        let master = try Polls.node(version, "cluster-healthy", proto: proto, info: "info")
        let replica = try Polls.node(version, "cluster-healthy", proto: proto, nodes: "cluster-nodes-from-replica",
                                     info: "info-replication-replica", clusterInfo: nil, slots: nil, shards: nil)
        let snap = Polls.snapshot([master, replica])
        #expect(snap.nodes.count == 6)
        #expect(snap.shards.count == 3)
        #expect(snap.shards.allSatisfy { $0.replicas.count == 1 })
        #expect(snap.shards.map(\.slots.slotCount).sorted() == [5461, 5461, 5462])
        #expect(snap.unassignedSlots.isEmpty)
        #expect(snap.slotDisagreements.isEmpty)
        #expect(snap.ownershipViews.count == 1 && snap.ownershipViews[0].observers.count == 2)
        #expect(snap.clusterState == .ok)
        #expect(snap.openSlots.isEmpty)
        #expect(snap.owner(ofSlot: 0) != nil)
        let a = try #require(snap.nodes.first { $0.reachability == .reachable && $0.isMaster })
        #expect(a.version == String(version.dropFirst("redis-".count)))
        #expect(a.keys == 1000)
        #expect(snap.slots(of: a.id) == [SlotRange(0, 5460)])
        let r = try #require(snap.nodes.first { $0.reachability == .reachable && $0.isReplica })
        #expect(r.masterID == a.id)
        let status = try #require(r.replication)
        #expect(status.linkUp == true)
        #expect(status.lagBytes != nil && status.lagBytes! >= 0)
        let found = findings(snap)
        #expect(found.filter { $0.severity != .info }.isEmpty, "\(found.map(\.title))")
        #expect(found.contains { $0.kind == .replicaOnMasterHost })
        if let roles = Fixture.roles(version)["A"] { #expect(a.id == roles.id) }
    }

    @Test("unassigned: slots 100-199 unowned and cluster_state fail", arguments: cases)
    func unassigned(version: String, proto: String) throws {
        let snap = Polls.snapshot([try Polls.node(version, "cluster-unassigned", proto: proto)])
        #expect(snap.unassignedSlots == [SlotRange(100, 199)])
        #expect(snap.clusterState == .fail)
        let found = findings(snap)
        let f = try #require(found.first { $0.kind == .unassignedSlots })
        #expect(f.severity == .critical && f.slots == [SlotRange(100, 199)])
        guard case .assignSlots(let slots, _)? = f.fix?.action else { Issue.record("no assign fix"); return }
        #expect(slots == [SlotRange(100, 199)])
        #expect(found.contains { $0.kind == .clusterStateFail && $0.severity == .critical })
        #expect(found.first?.severity == .critical)
    }

    @Test("open slot: 10 migrating on A, importing on B → half-migrated finding", arguments: cases)
    func openSlot(version: String, proto: String) throws {
        let polls = try ["cluster-nodes-migrating", "cluster-nodes-importing", "cluster-nodes-other"].map {
            try Polls.node(version, "cluster-open-slot", proto: proto, nodes: $0, slotKeyCounts: nil)
        }
        let snap = Polls.snapshot(polls)
        #expect(snap.openSlots.count == 1)
        let open = try #require(snap.openSlots.first)
        #expect(open.slot == 10)
        #expect(open.migrating.count == 1 && open.importing.count == 1)
        #expect(open.migrating[0].peer == open.importing[0].node)
        #expect(open.importing[0].peer == open.migrating[0].node)
        #expect(open.owner == open.migrating[0].node)
        if let roles = Fixture.roles(version)["A"], let b = Fixture.roles(version)["B"] {
            #expect(open.migrating[0].node == roles.id && open.importing[0].node == b.id)
        }
        #expect(snap.slotDisagreements.isEmpty)
        let f = try #require(findings(snap).first { $0.kind == .openSlotHalfMigrated })
        #expect(f.slots == [SlotRange(slot: 10)])
        #expect(f.fix?.action == .finishMigration(slot: 10, source: open.migrating[0].node, target: open.importing[0].node))
    }

    @Test("pfail and fail: the killed master is flagged and its slots are at risk", arguments: cases)
    func failing(version: String, proto: String) throws {
        let killed = Fixture.state(version, "cluster-master-fail")["killed"] as? Int
        for (state, expected) in [("cluster-master-pfail", FailureState.possiblyFailing), ("cluster-master-fail", .failed)] {
            let snap = Polls.snapshot([try Polls.node(version, state, proto: proto)])
            let failing = snap.nodes.filter { $0.failure.state != .ok }
            #expect(failing.count == 1, "\(state)")
            let node = try #require(failing.first)
            #expect(node.failure.state == expected)
            #expect(node.isMaster)
            if let killed { #expect(node.address.port == killed) }
            #expect(snap.slots(of: node.id) == [SlotRange(5461, 10922)])
            let f = try #require(findings(snap).first { $0.kind == .nodeFailing })
            #expect(f.severity == .critical && f.nodes == [node.id])
            if expected == .failed { #expect(snap.clusterState == .fail) }
        }
    }

    @Test("failed over: diff(healthy, failed-over) yields a failover event", arguments: cases)
    func failover(version: String, proto: String) throws {
        let before = Polls.snapshot([try Polls.node(version, "cluster-healthy", proto: proto)])
        let after = Polls.snapshot([try Polls.node(version, "cluster-failed-over", proto: proto,
                                                   time: Timestamp(milliseconds: Polls.t0.milliseconds + 5000))],
                                   at: Timestamp(milliseconds: Polls.t0.milliseconds + 5000))
        let events = diff(before, after)
        let failover = try #require(events.first { $0.kind == .failover }, "\(events.map(\.message))")
        let promoted = try #require(after.node(failover.nodes[0]))
        #expect(before.node(promoted.id)?.isReplica == true)
        #expect(promoted.isMaster)
        #expect(promoted.configEpoch > before.node(promoted.id)!.configEpoch)
        #expect(failover.nodes.count == 2)
        #expect(after.node(failover.nodes[1])?.failure.state == .failed)
        #expect(failover.slots == [SlotRange(5461, 10922)])
        #expect(events.contains { $0.kind == .nodeFailed && $0.nodes == [failover.nodes[1]] })
        #expect(events.contains { $0.kind == .slotsMoved && $0.slots == [SlotRange(5461, 10922)] })
        if let rm = Fixture.roles(version)["RM"], let m = Fixture.roles(version)["M"] {
            #expect(failover.nodes == [rm.id, m.id])
        }
        // The dead former master serves nothing now: a warning, not critical.
        let dead = try #require(findings(after).first { $0.kind == .nodeFailing })
        #expect(dead.severity == .warning)
        // Old master back as a replica.
        let rejoined = Polls.snapshot([try Polls.node(version, "cluster-old-master-rejoined", proto: proto)])
        let back = diff(after, rejoined)
        #expect(back.contains { $0.kind == .roleChanged && $0.nodes.first == failover.nodes[1] })
        #expect(back.contains { $0.kind == .nodeRecovered && $0.nodes == [failover.nodes[1]] })
        #expect(diff(after, after).isEmpty)
    }

    @Test("ghost: the old id lingers as noaddr,fail → ghost finding with FORGET on every node", arguments: cases)
    func ghost(version: String, proto: String) throws {
        let a = try Polls.node(version, "cluster-ghost", proto: proto)
        let fresh = try Polls.node(version, "cluster-ghost", proto: proto, nodes: "cluster-nodes-from-new-node",
                                   clusterInfo: nil, slots: nil, shards: nil)
        let snap = Polls.snapshot([a, fresh])
        let found = findings(snap)
        let ghosts = found.filter { $0.kind == .ghostNode }
        #expect(ghosts.count == 1, "\(found.map(\.title))")
        let ghost = try #require(ghosts.first)
        let id = try #require(ghost.nodes.first)
        #expect(snap.node(id)?.flags.contains(.noAddress) == true)
        if let r = Fixture.roles(version)["R"] { #expect(id == r.id) }
        guard case .forgetNode(let forgotten, let on)? = ghost.fix?.action else { Issue.record("no forget fix"); return }
        #expect(forgotten == id && on.count == 6 && !on.contains(id))
        // A ghost is not also reported as a failing node.
        #expect(!found.contains { $0.kind == .nodeFailing && $0.nodes == [id] })
    }

    @Test("hostname: hostnames kept; nodes up for the cluster but unresolvable here → address finding", arguments: Fixture.protocols)
    func hostname(proto: String) throws {
        let a = try Polls.node("redis-7.0.15", "cluster-hostname", proto: proto, clusterInfo: nil)
        let view = try ClusterNodesView(reply: try Fixture.value("redis-7.0.15", "cluster-hostname/cluster-nodes.\(proto)"))
        let others = view.entries.filter { !$0.isMyself }.map {
            NodePoll(address: $0.address, time: Polls.t0, outcome: .failed(.dns("Temporary failure in name resolution")))
        }
        let snap = Polls.snapshot([a] + others)
        #expect(snap.nodes.count == 6)
        #expect(snap.nodes.allSatisfy { $0.hostname == "127.0.0.2" })
        #expect(snap.unidentified.isEmpty)
        let found = findings(snap).filter { $0.kind == .announcedAddressUnreachable }
        #expect(found.count == 5)
        guard case .useAddressMap? = found.first?.fix?.action else { Issue.record("no map fix"); return }
        #expect(found.first?.fix?.commands.first?.contains("--map") == true)
    }
}
