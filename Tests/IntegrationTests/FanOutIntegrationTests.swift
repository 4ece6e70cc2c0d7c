import RESP
import Sandbox
import Testing
import Wire

/// One command to every node of a real 3×1 cluster through the one I/O loop.
@Suite struct FanOutIntegrationTests {
    @Test func infoAndClusterNodesFromEveryNode() async throws {
        let (_, cluster) = try await SharedCluster.get()
        let pool = ConnectionPool(options: testOptions(readOnly: true))
        defer { pool.closeAll() }
        let endpoints = cluster.nodes.map(endpoint)
        let results = await pool.fanOut([RESPCommand("INFO", "replication"), RESPCommand("CLUSTER", "NODES")], to: endpoints)
        #expect(results.count == 6)
        for node in cluster.nodes {
            let replies = try #require(try results[endpoint(node)]?.get())
            let role = infoFields(replies[0])["role"]
            #expect(role == (node.role == .master ? "master" : "slave"))
            let lines = replies[1].text.split(separator: "\n")
            #expect(lines.count == 6)
            #expect(lines.contains { $0.hasPrefix(node.id) && $0.contains("myself") })
        }
    }

    @Test func aStoppedNodeFailsItsRowWhileTheRestAnswer() async throws {
        let sandbox = try makeSandbox()
        let servers = try await [sandbox.startStandalone(), sandbox.startStandalone(), sandbox.startStandalone()]
        let pool = ConnectionPool(options: testOptions(timeout: .seconds(2)))
        defer { pool.closeAll() }
        #expect(servers[1].pause())
        let results = await pool.fanOut(RESPCommand("PING"), to: servers.map(endpoint))
        #expect(try results[endpoint(servers[0])]?.get() == .simpleString("PONG"))
        #expect(try results[endpoint(servers[2])]?.get() == .simpleString("PONG"))
        guard case .failure(let error) = results[endpoint(servers[1])] else {
            Issue.record("the stopped node answered")
            return
        }
        #expect(error.isTimeout)
        #expect(servers[1].resume())
        await sandbox.stopAll()
    }
}
