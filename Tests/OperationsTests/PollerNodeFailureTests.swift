import ClusterModel
import Operations
import Sandbox
import Testing
import Wire

/// Nodes that stop answering: the poll finishes within its timeout and names them.
@Suite struct PollerNodeFailureTests {
    @Test func stoppedNodeIsNamedAndThePollDoesNotHang() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let stopped = try await sandbox.stopNode(cluster.masters[2], in: cluster)
        let timeout = Duration.seconds(2)
        let poller = try poller(for: cluster, timeout: timeout)
        let cycle = await poller.poll()
        // A hang guard only (the whole suite shares two cores): what matters is that the poll
        // ends on the node's own timeout and names it, below.
        #expect(cycle.duration < .seconds(30), "the poll took \(cycle.duration)")
        let node = try #require(cycle.snapshot.node(NodeID(stopped.node.id)))
        #expect(node.reachability == .unreachable(.timeout))
        let others = cycle.snapshot.nodes.filter { $0.id != NodeID(stopped.node.id) }
        #expect(others.allSatisfy { $0.reachability == .reachable })
        let found = findings(cycle.snapshot)
        #expect(!found.filter { $0.nodes.contains(NodeID(stopped.node.id)) }.isEmpty, "\(found.map(\.kind))")
        #expect(stopped.resume())
        await sandbox.stopAll()
    }

    @Test func killedMasterFailoverShowsAsEvents() async throws {
        let (sandbox, cluster) = try await freshCluster(replicas: 1, nodeTimeout: 1000)
        // The seed is the master killed below: from then on only what the first poll learnt
        // leads the poller to the others. So that poll must have reached every node; on a
        // loaded machine a short timeout once left it with nothing, and every later diff empty.
        let poller = try poller(for: cluster, timeout: .seconds(3))
        var baseline = await poller.poll().snapshot
        for _ in 0..<5 where !Self.everyNodeAnswered(baseline, of: cluster) {
            try await Task.sleep(for: .milliseconds(200))
            baseline = await poller.poll().snapshot
        }
        try #require(Self.everyNodeAnswered(baseline, of: cluster),
                     "\(baseline.nodes.map { "\($0.address) \($0.reachability)" })")
        let promoted = try await sandbox.killMasterAndAwaitPromotion(cluster.masters[0], in: cluster)
        // The failover is in the cluster's views by now; a few polls give a slow machine room.
        var events: [ClusterEvent] = []
        for _ in 0..<5 where !events.contains(where: { $0.kind == .failover }) {
            events += await poller.poll().events
            try await Task.sleep(for: .milliseconds(300))
        }
        let kinds = events.map(\.kind)
        #expect(kinds.contains(.failover), "\(events.map(\.message))")
        let failover = try #require(events.first { $0.kind == .failover })
        #expect(failover.nodes.contains(NodeID(promoted.newMaster.id)))
        #expect(failover.nodes.contains(NodeID(promoted.oldMaster.id)))
        #expect(kinds.contains(.nodeUnreachable), "the killed seed is still asked, and named")
        await sandbox.stopAll()
    }

    private static func everyNodeAnswered(_ snapshot: ClusterSnapshot, of cluster: SandboxCluster) -> Bool {
        snapshot.nodes.count == cluster.nodes.count && snapshot.nodes.allSatisfy { $0.reachability == .reachable }
    }

    @Test func unreachableAnnouncedEndpointWithAndWithoutMap() async throws {
        let sandbox = try Sandbox(binaries: try requireRedis())
        let unreachable = try await sandbox.startClusterWithUnreachableAnnouncedEndpoint()
        let cluster = unreachable.cluster
        // From "outside": the seed is reachable, the addresses the cluster announces are not.
        let found = findings(try await poller(for: cluster, timeout: .seconds(3)).poll().snapshot)
        let announced = found.of(.announcedAddressUnreachable)
        #expect(!announced.isEmpty, "\(found.map(\.kind))")
        #expect(announced.allSatisfy { $0.severity >= .warning })
        #expect(found.of(.nodeUnreachable).isEmpty, "the cluster sees its nodes up: say NAT, not 'down'")

        // With the map every node is reached; what is left is only that this sandbox has
        // no replicas.
        let mapped = findings(try await poller(for: cluster, map: unreachable.addressMaps).poll().snapshot)
        #expect(mapped.problems.kinds == [.masterWithoutReplicas], "\(mapped.problems.map(\.title))")
        await sandbox.stopAll()
    }
}
