import Foundation
import Sandbox
import Testing

@Suite("Clusters")
struct ClusterTests {
    @Test("3 masters × 1 replica reach cluster_state:ok with 16384 slots")
    func threeByOne() async throws {
        let sandbox = try makeSandbox()
        let start = ContinuousClock.now
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
        print("3×1 cluster ok in \(elapsed(since: start))")
        #expect(cluster.nodes.count == 6)
        #expect(cluster.masters.count == 3)
        #expect(cluster.masters.map { $0.slots.map(\.count).reduce(0, +) }.reduce(0, +) == 16384)
        for master in cluster.masters { #expect(cluster.replicas(of: master.id).count == 1) }
        for node in cluster.nodes {
            let info = try await sandbox.command(node.process, "CLUSTER", "INFO")
            #expect(info.contains("cluster_state:ok"))
            #expect(info.contains("cluster_slots_ok:16384"))
            #expect(info.contains("cluster_known_nodes:6"))
            #expect(try await sandbox.command(node.process, "CLUSTER", "MYID") == node.id)
        }
        let replica = try #require(cluster.replicas.first)
        let role = try await sandbox.command(replica.process, "ROLE")
        #expect(role.hasPrefix("slave"))
        let master = try #require(cluster.node(id: replica.masterID ?? ""))
        #expect(role.contains(String(master.port)))
        await sandbox.stopAll()
        for node in cluster.nodes { #expect(!node.process.isRunning) }
    }

    @Test("two clusters side by side on distinct ports")
    func twoClusters() async throws {
        let sandbox = try makeSandbox()
        async let first = sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        async let second = sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let (a, b) = try await (first, second)
        #expect(Set(a.ports).isDisjoint(with: b.ports))
        let aIDs = Set(a.nodes.map(\.id))
        let nodesSeenByB = try await sandbox.command(b.nodes[0].process, "CLUSTER", "NODES")
        #expect(aIDs.allSatisfy { !nodesSeenByB.contains($0) })
        await sandbox.stopAll()
    }

    @Test("announced hostname 127.0.0.2 shows up in CLUSTER SLOTS and MOVED")
    func announcedHostname() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0,
                                                     options: ServerOptions(announceHostname: "127.0.0.2"))
        let slots = try await sandbox.command(cluster.nodes[0].process, "CLUSTER", "SLOTS")
        #expect(slots.contains("127.0.0.2"))
        // Slot of "foo" is 12182, served by the third master: the first answers MOVED.
        await #expect(throws: SandboxError.self) {
            _ = try await sandbox.command(cluster.nodes[0].process, "GET", "foo")
        }
        let reply = (try? await sandbox.command(ControlEndpoint(host: "127.0.0.2", port: cluster.nodes[2].port),
                                                ["GET", "foo"])) ?? "unreachable"
        #expect(reply == "")
        await sandbox.stopAll()
    }

    @Test("controlCommand can build a broken state (open slot)")
    func openSlot() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let source = cluster.masters[0], target = cluster.masters[1]
        #expect(try await sandbox.controlCommand(port: target.port, args: ["CLUSTER", "SETSLOT", "0", "IMPORTING", source.id]) == "OK")
        #expect(try await sandbox.controlCommand(port: source.port, args: ["CLUSTER", "SETSLOT", "0", "MIGRATING", target.id]) == "OK")
        let nodes = try await sandbox.controlCommand(port: source.port, args: ["CLUSTER", "NODES"])
        #expect(nodes.contains("[0->-\(target.id)]"))
        await sandbox.stopAll()
    }
}

@Suite("Cluster failover")
struct ClusterFailoverTests {
    @Test("SIGKILL a master: its replica takes over and the survivors converge")
    func killMaster() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1,
                                                     options: ServerOptions(nodeTimeoutMilliseconds: 1000))
        let victim = cluster.masters[0]
        let heir = try #require(cluster.replicas(of: victim.id).first)
        let start = ContinuousClock.now
        victim.process.kill()
        try await sandbox.waitForRole(heir.process, .master)
        print("replica promoted \(elapsed(since: start)) after SIGKILL (node timeout 1000 ms)")
        try await sandbox.waitForClusterConvergence(cluster)
        print("survivors converged \(elapsed(since: start)) after SIGKILL")
        let nodes = try await sandbox.command(heir.process, "CLUSTER", "NODES")
        let victimLine = nodes.split(separator: "\n").first { $0.hasPrefix(victim.id) } ?? ""
        #expect(victimLine.contains(",fail "), "\(victimLine)")
        await sandbox.stopAll()
    }
}
