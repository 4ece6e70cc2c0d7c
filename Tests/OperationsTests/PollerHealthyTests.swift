import ClusterModel
import Operations
import Sandbox
import Testing
import Wire

@Suite struct PollerHealthyTests {
    @Test func discoversEveryNodeFromOneSeedAndFindsNothingWrong() async throws {
        let (sandbox, cluster) = try await freshCluster(replicas: 1)
        let poller = try poller(for: cluster)
        let cycle = await poller.poll()
        let snapshot = cycle.snapshot
        #expect(snapshot.nodes.count == 6)
        #expect(snapshot.nodes.allSatisfy { $0.reachability == .reachable })
        #expect(snapshot.shards.count == 3)
        #expect(snapshot.unassignedSlots.isEmpty)
        #expect(snapshot.clusterState == .ok)
        for node in cluster.nodes {
            #expect(snapshot.node(NodeID(node.id)) != nil, "node \(node.id) missing")
        }
        let found = findings(snapshot)
        #expect(found.problems.isEmpty, "\(found.problems.map(\.title))")
        #expect(cycle.events.isEmpty)

        // A second poll of an unchanged cluster: no events.
        let second = await poller.poll()
        #expect(second.events.isEmpty, "\(second.events.map(\.message))")
        await sandbox.stopAll()
    }

    @Test func singleEndpointModePollsOnlyTheSeedAndSaysSo() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let poller = try poller(for: cluster, settings: PollSettings(singleEndpoint: true))
        let snapshot = await poller.poll().snapshot
        #expect(snapshot.nodes.count == 3)
        #expect(snapshot.nodes.filter { $0.reachability == .reachable }.count == 1)
        #expect(snapshot.nodes.filter { $0.reachability == .notPolled }.count == 2)
        #expect(snapshot.unassignedSlots.isEmpty)
        await sandbox.stopAll()
    }
}
