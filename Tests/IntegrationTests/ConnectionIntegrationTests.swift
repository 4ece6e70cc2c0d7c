import Foundation
import RESP
import Sandbox
import Testing
import Wire

/// Wire against real redis-server processes: TCP, RESP3/RESP2, pipelining, stalls.
@Suite struct ConnectionIntegrationTests {
    @Test func pingAndInfoOverTCP() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone()
        let connection = Connection(endpoint: endpoint(server), options: testOptions())
        let session = try await connection.connect()
        #expect(session.protocolVersion == 3)
        #expect(session.server == "redis")
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        let info = infoFields(try await connection.send(RESPCommand("INFO", "server")))
        #expect(info["tcp_port"] == String(server.port))
        #expect(info["redis_version"] != nil)
        // CLIENT SETNAME slotscope was part of the handshake.
        let name = try await connection.send(RESPCommand("CLIENT", "GETNAME"))
        #expect(name.string == "slotscope")
        connection.close()
        await sandbox.stopAll()
    }

    @Test func resp2WhenAskedFor() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone()
        var options = testOptions()
        options.preferRESP3 = false
        let connection = Connection(endpoint: endpoint(server), options: options)
        #expect(try await connection.connect().protocolVersion == 2)
        // RESP2 sends a map as a flat array; the pairs view is the same.
        let hello = try await connection.send(RESPCommand("HELLO"))
        #expect(hello.pairs?.contains { $0.key.string == "proto" && $0.value.integer == 2 } == true)
        await sandbox.stopAll()
    }

    @Test func hundredPipelinedCommandsComeBackInOrder() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone()
        let connection = Connection(endpoint: endpoint(server), options: testOptions())
        let commands = (0..<100).map { _ in RESPCommand("INCR", "pipelined") }
        let replies = try await connection.pipeline(commands)
        #expect(replies == (1...100).map { RESPValue.integer(Int64($0)) })
        // The server saw them as one batch of 100 calls.
        let stats = infoFields(try await connection.send(RESPCommand("INFO", "commandstats")))
        #expect(stats["cmdstat_incr"]?.hasPrefix("calls=100,") == true)
        await sandbox.stopAll()
    }

    @Test func stoppedNodeTimesOutWithinTheTimeoutAndRecoversAfterSIGCONT() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone()
        let timeout = Duration.milliseconds(800)
        let connection = Connection(endpoint: endpoint(server), options: testOptions(timeout: timeout))
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))

        #expect(server.pause())  // SIGSTOP by PID: the kernel still accepts and buffers
        let clock = ContinuousClock()
        let started = clock.now
        let error = await wireError { try await connection.send(RESPCommand("PING")) }
        let waited = clock.now - started
        #expect(error?.isTimeout == true, "got \(String(describing: error))")
        // No hang: the error is the timeout's (a hang guard, not a speed test: the suite
        // shares two cores).
        #expect(waited < timeout + .seconds(20))

        // A new connection to the stopped node: TCP connects, the handshake times out.
        let fresh = Connection(endpoint: endpoint(server), options: testOptions(timeout: timeout))
        let freshError = await wireError { try await fresh.connect() }
        #expect(freshError?.isTimeout == true, "got \(String(describing: freshError))")
        #expect(freshError?.description.contains("127.0.0.1:\(server.port)") == true)

        #expect(server.resume())  // SIGCONT
        var recovered = false
        for _ in 0..<40 where !recovered {
            if (try? await connection.send(RESPCommand("PING"))) == .simpleString("PONG") {
                recovered = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(recovered)
        await sandbox.stopAll()
    }

    @Test func refusedPortIsAOneLineError() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone()
        let port = server.port
        await server.stop()
        let error = await wireError {
            try await Connection(endpoint: Endpoint(host: "127.0.0.1", port: port), options: testOptions()).connect()
        }
        #expect(error == .connectionRefused(Endpoint(host: "127.0.0.1", port: port)))
        #expect(error?.description == "cannot connect to 127.0.0.1:\(port): connection refused")
    }
}
