import RESP
import Testing
@testable import Wire

@Suite struct FanOutTests {
    @Test func sendsToEveryEndpointAndReportsEachResult() async throws {
        let servers = (0..<5).map { _ in FakeServer { $0.serveLikeRedis() } }
        defer { servers.forEach { $0.stop() } }
        let dead = RefusingPort()
        defer { dead.release() }
        let deadEndpoint = dead.endpoint
        let pool = ConnectionPool(options: testOptions())
        defer { pool.closeAll() }
        let results = await pool.fanOut(RESPCommand("PING"), to: servers.map(\.endpoint) + [deadEndpoint])
        #expect(results.count == 6)
        for server in servers {
            #expect(try results[server.endpoint]?.get() == .simpleString("PONG"))
        }
        #expect(results[deadEndpoint].map { if case .failure(.connectionRefused) = $0 { true } else { false } } == true)
        #expect(pool.connection(to: servers[0].endpoint) === pool.connection(to: servers[0].endpoint))
    }

    @Test func oneLoopServesTwoHundredConnections() async throws {
        let server = FakeServer { $0.serveLikeRedis() }
        defer { server.stop() }
        let connections = (0..<200).map { _ in Connection(endpoint: server.endpoint, options: testOptions()) }
        defer { connections.forEach { $0.close() } }
        let replies = await withTaskGroup(of: RESPValue?.self) { group in
            for (index, connection) in connections.enumerated() {
                group.addTask { try? await connection.send(RESPCommand("ECHO", "c\(index)")) }
            }
            var replies: [RESPValue?] = []
            for await reply in group { replies.append(reply) }
            return replies
        }
        #expect(replies.count == 200)
        #expect(replies.allSatisfy { $0 != nil })
        #expect(server.connectionCount == 200)
    }

    @Test func stalledNodesDoNotDelayTheOthersBeyondTheTimeout() async throws {
        let healthy = FakeServer { $0.serveLikeRedis() }
        let stalled = FakeServer(accept: false)
        defer { healthy.stop(); stalled.stop() }
        let pool = ConnectionPool(options: testOptions(timeout: .seconds(3)))
        defer { pool.closeAll() }
        let results = await pool.fanOut([RESPCommand("PING"), RESPCommand("ECHO", "x")], to: [healthy.endpoint, stalled.endpoint])
        #expect(try results[healthy.endpoint]?.get() == [.simpleString("PONG"), .bulkString(Array("x".utf8))])
        #expect(results[stalled.endpoint].map { if case .failure(let e) = $0 { e.isTimeout } else { false } } == true)
    }

    @Test func cancellingAFanOutEndsItWithoutWaitingForTheStalledNode() async throws {
        let healthy = FakeServer { $0.serveLikeRedis() }
        let stalled = FakeServer(accept: false)
        defer { healthy.stop(); stalled.stop() }
        let pool = ConnectionPool(options: testOptions(timeout: .seconds(30)))
        defer { pool.closeAll() }
        let task = Task { await pool.fanOut(RESPCommand("PING"), to: [healthy.endpoint, stalled.endpoint]) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let results = await task.value  // returns on cancellation, long before the 30 s timeout
        // The healthy node has answered by now, unless the machine is so loaded that the
        // cancellation overtook it: either way it is never left waiting.
        switch results[healthy.endpoint] {
        case .success(let reply): #expect(reply == .simpleString("PONG"))
        case .failure(let error): #expect(error == .cancelled)
        case nil: Issue.record("no result for the healthy node")
        }
        #expect(results[stalled.endpoint].map { if case .failure(.cancelled) = $0 { true } else { false } } == true)
        // The pool stays usable after a cancelled fan-out.
        #expect(try await pool.connection(to: healthy.endpoint).send(RESPCommand("PING")) == .simpleString("PONG"))
    }

    @Test func fakesServeTheSameAPI() async throws {
        struct Echo: CommandSending {
            let endpoint: Endpoint
            func pipeline(_ commands: [RESPCommand]) async throws(WireError) -> [RESPValue] {
                commands.map { .simpleString($0.name) }
            }
        }
        struct Fakes: ConnectionProviding {
            func sender(for endpoint: Endpoint) -> any CommandSending { Echo(endpoint: endpoint) }
        }
        let endpoint = Endpoint(host: "10.0.0.1", port: 6379)
        let results = await Fakes().fanOut(RESPCommand("info"), to: [endpoint])
        #expect(try results[endpoint]?.get() == .simpleString("INFO"))
    }
}
