import Foundation
import Sandbox
import RESP
import Testing
import Wire

/// Each test breaks one node of its own cluster and checks the state with plain commands.
@Suite("Scenarios: nodes")
struct NodeScenarioTests {
    @Test("killed master: its replica is promoted, survivors agree, the old id is fail")
    func killedMaster() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1,
                                                     options: ServerOptions(nodeTimeoutMilliseconds: 1000))
        let state = try await sandbox.killMasterAndAwaitPromotion(in: cluster)
        print("killed master: \(state)")
        #expect(state.oldMaster == NodeRef(cluster.masters[0]))
        #expect(state.newMaster == NodeRef(cluster.replicas[0]))
        #expect(state.slots == [0...5461])
        for node in cluster.nodes where node.id != state.oldMaster.id {
            #expect(try await sandbox.info(node.port, "CLUSTER", "INFO")["cluster_state"] == "ok")
            #expect(try await sandbox.flags(of: state.oldMaster.id, seenBy: node.port).isSuperset(of: ["master", "fail"]))
            #expect(try await sandbox.nodesLine(of: state.newMaster.id, seenBy: node.port).hasSuffix(" 0-5461"))
        }
        #expect(try await sandbox.controlCommand(port: state.newMaster.port, args: ["ROLE"]).hasPrefix("master"))
        await sandbox.stopAll()
    }

    @Test("stopped node: no answer, flagged by the others, answers again after resume")
    func stoppedNode() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0,
                                                     options: ServerOptions(nodeTimeoutMilliseconds: 1000))
        let victim = cluster.masters[2]
        let state = try await sandbox.stopNode(victim, in: cluster, waitUntilFlagged: true)
        print("stopped node flagged after \(state.flaggedAfter.map { "\($0)" } ?? "-")")
        #expect(state.node == NodeRef(victim))
        #expect(state.pid == victim.process.pid)
        #expect(victim.process.isRunning)
        let flags = try await sandbox.flags(of: victim.id, seenBy: cluster.masters[0].port)
        #expect(!flags.isDisjoint(with: ["fail?", "fail"]), "\(flags)")
        await #expect(throws: (any Error).self) {
            _ = try await sandbox.controlCommand(port: victim.port, args: ["PING"], timeout: 0.5)
        }
        #expect(state.resume())
        try await sandbox.waitForClusterConvergence(cluster)
        #expect(try await sandbox.controlCommand(port: victim.port, args: ["PING"]) == "PONG")
        await sandbox.stopAll()
    }

    @Test("ghost node: a replica replaced at the same port leaves its old id as noaddr,fail")
    func ghostNode() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1,
                                                     options: ServerOptions(nodeTimeoutMilliseconds: 1000))
        let start = ContinuousClock.now
        let state = try await sandbox.replaceReplicaLeavingGhost(in: cluster)
        print("ghost node built in \(elapsed(since: start)): \(state)")
        let old = cluster.replicas[0]
        #expect(state.ghostID == old.id && state.port == old.port)
        #expect(state.replacement.port == old.port && state.replacement.id != old.id)
        #expect(state.master == NodeRef(cluster.masters[0]))
        #expect(state.observers.count == 5)
        for observer in state.observers {
            let line = try await sandbox.nodesLine(of: state.ghostID, seenBy: observer.port)
            #expect(line.contains(" :0@0"), "\(line)")
            #expect(try await sandbox.flags(of: state.ghostID, seenBy: observer.port) == ["slave", "fail", "noaddr"])
            #expect(try await sandbox.info(observer.port, "CLUSTER", "INFO")["cluster_known_nodes"] == "7")
            #expect(try await sandbox.nodesLine(of: state.replacement.id, seenBy: observer.port)
                .contains(" slave \(state.master.id) "))
        }
        #expect(try await sandbox.nodesLine(of: state.ghostID, seenBy: state.replacement.port) == "")
        #expect(try await sandbox.info(state.replacement.port, "INFO", "replication")["master_link_status"] == "up")
        await sandbox.stopAll()
    }

    @Test("unreachable announced endpoint: SLOTS and MOVED name 127.0.0.2, which refuses; 127.0.0.1 works")
    func unreachableAnnounced() async throws {
        let sandbox = try makeSandbox()
        let state = try await sandbox.startClusterWithUnreachableAnnouncedEndpoint()
        let cluster = state.cluster
        #expect(state.announcedHost == "127.0.0.2")
        #expect(state.addressMaps.first == "127.0.0.2:\(cluster.nodes[0].port)=127.0.0.1:\(cluster.nodes[0].port)")
        for node in cluster.nodes {
            #expect(try await sandbox.info(node.port, "CLUSTER", "INFO")["cluster_state"] == "ok")
        }
        let slots = try await sandbox.controlCommand(port: cluster.nodes[0].port, args: ["CLUSTER", "SLOTS"])
        #expect(slots.contains("127.0.0.2"))
        // "foo" is in slot 12182, owned by the third master.
        let moved = await sandbox.replyOrError(port: cluster.nodes[0].port, "GET", "foo")
        #expect(moved == "MOVED 12182 127.0.0.2:\(cluster.masters[2].port)", "\(moved)")
        let direct = Connection(endpoint: Endpoint(host: "127.0.0.2", port: cluster.masters[2].port))
        defer { direct.close() }
        do {
            _ = try await direct.send(RESPCommand("PING"))
            Issue.record("127.0.0.2 answered")
        } catch {
            #expect(error == .connectionRefused(Endpoint(host: "127.0.0.2", port: cluster.masters[2].port)))
        }
        #expect(try await sandbox.controlCommand(port: cluster.masters[2].port, args: ["GET", "foo"]) == "")
        await sandbox.stopAll()
    }

    @Test("loading node: answers LOADING for a few seconds, then serves its keys")
    func loadingNode() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        // Long enough that the checks below still find it loading when the suite's parallel
        // tests slow them down.
        let state = try await sandbox.startSlowReload(in: cluster, keys: 2000, loadingSeconds: 6)
        #expect(state.node == NodeRef(cluster.masters[0]))
        #expect(state.keys == 2000)
        // One round trip for the three looks, so a loaded machine cannot spend the loading
        // window between them (one redis-cli each took over 6 s under two CPU hogs).
        let direct = Connection(endpoint: Endpoint(host: "127.0.0.1", port: state.node.port))
        defer { direct.close() }
        let replies = try await direct.pipeline([RESPCommand("PING"), RESPCommand("CLUSTER", "NODES"),
                                                  RESPCommand("INFO", "persistence")])
        #expect(replies[0].errorMessage?.hasPrefix("LOADING") == true, "\(replies[0])")
        #expect(replies[1].errorMessage?.hasPrefix("LOADING") == true, "\(replies[1])")
        let persistence = replies[2].string ?? ""
        #expect(persistence.split(whereSeparator: \.isNewline).contains("loading:1"), "\(persistence)")
        // The others do not flag it.
        #expect(try await sandbox.flags(of: state.node.id, seenBy: cluster.masters[1].port) == ["master"])
        let loadedAfter = try await state.waitUntilLoaded()
        print("loading node: seen loading after \(state.seenLoadingAfter), loaded after \(loadedAfter)")
        #expect(loadedAfter > .seconds(1))
        #expect(try await sandbox.controlCommand(port: state.node.port, args: ["PING"]) == "PONG")
        #expect(try await sandbox.info(state.node.port, "INFO", "keyspace")["db0"]?.hasPrefix("keys=2000,") == true)
        await sandbox.stopAll()
    }
}
