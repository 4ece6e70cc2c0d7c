#if canImport(Glibc)
import Glibc
#endif
import RESP
import Testing
@testable import Wire

@Suite struct ConnectionTests {
    @Test func handshakesWithHello3AndRecordsServerInfo() async throws {
        let server = FakeServer { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        #expect(connection.session == SessionInfo(protocolVersion: 3, server: "redis", version: "7.0.15",
                                                  mode: "cluster", role: "master", connectionID: 42))
        #expect(server.receivedText.contains("HELLO"))
        #expect(server.receivedText.contains("SETNAME"))
    }

    @Test func fallsBackToRESP2WhenHelloIsUnknown() async throws {
        let server = FakeServer { peer in
            while let command = peer.readCommand() {
                if command.first == "HELLO" {
                    peer.write("-ERR unknown command 'HELLO', with args beginning with: '3'\r\n")
                } else {
                    peer.answer(command)
                }
            }
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint,
                                    options: testOptions { $0.credentials = Credentials(password: "sekret") })
        defer { connection.close() }
        let session = try await connection.connect()
        #expect(session.protocolVersion == 2)
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        let text = server.receivedText
        #expect(text.contains("AUTH\r\n$6\r\nsekret"))
        #expect(text.contains("CLIENT\r\n$7\r\nSETNAME\r\n$9\r\nslotscope"))
    }

    @Test func pipelinesAHundredCommandsInOrder() async throws {
        let server = FakeServer { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        let commands = (0..<100).map { RESPCommand("ECHO", "message-\($0)") }
        let replies = try await connection.pipeline(commands)
        #expect(replies == (0..<100).map { .bulkString(Array("message-\($0)".utf8)) })
    }

    @Test func concurrentRequestsShareOneConnectionInOrder() async throws {
        let server = FakeServer { $0.serveLikeRedis() }
        defer { server.stop() }
        // Not a timeout test: a loaded machine must not turn a slow reply into a reconnect.
        let connection = Connection(endpoint: server.endpoint, options: testOptions(timeout: .seconds(60)))
        defer { connection.close() }
        try await connection.connect()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let reply = try await connection.send(RESPCommand("ECHO", "task-\(index)"))
                    #expect(reply == .bulkString(Array("task-\(index)".utf8)))
                }
            }
            try await group.waitForAll()
        }
        #expect(server.connectionCount == 1)
    }

    @Test func errorRepliesAreValuesAndKeepThePipelineInStep() async throws {
        let server = FakeServer { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        let replies = try await connection.pipeline([RESPCommand("PING"), RESPCommand("NOPE"), RESPCommand("ECHO", "x")])
        #expect(replies.count == 3)
        #expect(replies[1].isError)
        #expect(replies[2] == .bulkString(Array("x".utf8)))
    }

    @Test func malformedReplyIsAProtocolError() async throws {
        let server = FakeServer { peer in
            _ = peer.readCommand()
            peer.write(FakePeer.helloReply)
            _ = peer.readCommand()
            peer.write("?garbage\r\n")
            peer.stall()
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        #expect(error == .protocolError(server.endpoint, .unknownType(byte: UInt8(ascii: "?"))))
    }

    @Test func stalledServerGivesReadTimeout() async throws {
        let server = FakeServer { $0.stall() }
        defer { server.stop() }
        // No handshake: with a 300 ms budget, a slow fake on a loaded machine must not
        // turn this into a HELLO timeout.
        let connection = Connection(endpoint: server.endpoint, options: testOptions(timeout: .milliseconds(300), withoutHandshake))
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("CLUSTER", "NODES")) }
        #expect(error == .readTimeout(server.endpoint, command: "CLUSTER NODES", after: .milliseconds(300)))
    }

    @Test func acceptedButNeverAnsweredGivesTimeout() async throws {
        // Listening, never accepting: the kernel completes the TCP handshake, as for a
        // SIGSTOPped redis-server, and nothing ever answers HELLO.
        let server = FakeServer(accept: false)
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint,
                                    options: testOptions(timeout: .milliseconds(300)) { $0.credentials = Credentials(user: "u", password: "hunter2") })
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        guard case .readTimeout(let endpoint, let command, _) = error else {
            Issue.record("expected a read timeout, got \(String(describing: error))")
            return
        }
        #expect(endpoint == server.endpoint)
        #expect(command.hasPrefix("HELLO 3 AUTH u ***"))
    }

    @Test func connectionResetIsTyped() async throws {
        let server = FakeServer { peer in
            _ = peer.readCommand()
            peer.write(FakePeer.helloReply)
            _ = peer.readCommand()
            peer.reset()
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        #expect(error == .connectionReset(server.endpoint) || error == .connectionClosed(server.endpoint),
                "\(String(describing: error))")
    }

    @Test func oversizedReplyIsReplyTooLarge() async throws {
        let server = FakeServer { peer in
            _ = peer.readCommand()
            peer.write(FakePeer.helloReply)
            _ = peer.readCommand()
            peer.write("$100000\r\n")
            peer.stall()
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint,
                                    options: testOptions { $0.limits = RESPLimits(maxBulkLength: 1024) })
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("INFO")) }
        #expect(error == .replyTooLarge(server.endpoint, .bulkTooLong(length: 100000, limit: 1024)))
    }

    @Test func reconnectsAfterATimeout() async throws {
        let server = FakeServer { peer in
            guard let command = peer.readCommand() else { return }
            if command == ["ECHO", "stall"] { return peer.stall() }
            peer.answer(command)
            peer.serveLikeRedis()
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions(timeout: .seconds(1), withoutHandshake))
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("ECHO", "stall")) }
        #expect(error?.isTimeout == true)
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        #expect(server.connectionCount == 2)
    }

    @Test func failsFastDuringBackoff() async throws {
        let refusing = RefusingPort()
        defer { refusing.release() }
        let endpoint = refusing.endpoint
        let connection = Connection(endpoint: endpoint, options: testOptions {
            $0.reconnectBackoffMin = .seconds(30)
            $0.reconnectBackoffMax = .seconds(30)
        })
        defer { connection.close() }
        let first = await failure { try await connection.send(RESPCommand("PING")) }
        #expect(first == .connectionRefused(endpoint))
        #expect(first?.description == "cannot connect to \(endpoint): connection refused")
        let second = await failure { try await connection.send(RESPCommand("PING")) }
        #expect(second == .connectionRefused(endpoint))
    }

    @Test func authRequiredIsTyped() async throws {
        let server = FakeServer { peer in
            while peer.readCommand() != nil {
                peer.write("-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n")
            }
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        #expect(error == .authenticationRequired(server.endpoint))
    }

    @Test func dnsFailureIsTyped() async throws {
        let connection = Connection(endpoint: Endpoint(host: "no-such-host.invalid", port: 6379), options: testOptions())
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        switch error {
        case .dnsFailure(let host, let message)?:
            #expect(host == "no-such-host.invalid")
            #expect(!message.isEmpty)
        case .connectTimeout(_, .dns, _)?:
            break  // a resolver that cannot answer in time
        default:
            Issue.record("expected a DNS failure, got \(String(describing: error))")
        }
    }

    @Test func closeFailsLaterRequests() async throws {
        let server = FakeServer { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        try await connection.connect()
        connection.close()
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        #expect(error == .closed)
    }

    @Test func cancellationReturnsPromptlyAndKeepsTheStreamInStep() async throws {
        let server = FakeServer { peer in
            _ = peer.readCommand()
            peer.write(FakePeer.helloReply)
            guard peer.readCommand() != nil else { return }  // the cancelled ECHO
            usleep(200_000)
            peer.write("$4\r\nlate\r\n")
            peer.serveLikeRedis()
        }
        defer { server.stop() }
        // A generous timeout: this test is about cancellation, and on a loaded machine a
        // short one would expire first, reconnect, and replay the fake's script.
        let connection = Connection(endpoint: server.endpoint, options: testOptions { $0.requestTimeout = .seconds(60) })
        defer { connection.close() }
        try await connection.connect()
        let task = Task { await failure { try await connection.send(RESPCommand("ECHO", "slow")) } }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        #expect(await task.value == .cancelled)
        // The late reply belongs to the cancelled request; the next one gets its own.
        #expect(try await connection.send(RESPCommand("ECHO", "next")) == .bulkString(Array("next".utf8)))
    }
}

@Suite struct ReadOnlyConnectionTests {
    @Test func refusedCommandsNeverReachTheServer() async throws {
        let server = FakeServer { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions { $0.readOnly = true })
        defer { connection.close() }

        let first = await failure { try await connection.send(RESPCommand("CLUSTER", "SETSLOT", "1", "STABLE")) }
        #expect(first == .refusedInReadOnlyMode(command: "CLUSTER SETSLOT"))
        #expect(server.connectionCount == 0)  // refused before even connecting

        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        let pipelined = await failure { try await connection.pipeline([RESPCommand("PING"), RESPCommand("SET", "k", "v")]) }
        #expect(pipelined == .refusedInReadOnlyMode(command: "SET"))
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))

        let text = server.receivedText
        #expect(!text.contains("SETSLOT"))
        #expect(!text.contains("SET\r\n"))
        #expect(text.occurrences(of: "PING") == 2)  // exactly the two allowed PINGs
    }
}

extension String {
    /// Non-overlapping occurrences of `needle` (no Foundation in this target).
    fileprivate func occurrences(of needle: String) -> Int {
        let haystack = Array(utf8), pattern = Array(needle.utf8)
        guard !pattern.isEmpty, haystack.count >= pattern.count else { return 0 }
        var count = 0, index = 0
        while index + pattern.count <= haystack.count {
            if haystack[index..<index + pattern.count].elementsEqual(pattern) {
                count += 1
                index += pattern.count
            } else {
                index += 1
            }
        }
        return count
    }
}

@Suite struct ConnectStageTests {
    @Test func resolvesNamesOffTheLoop() async throws {
        let server = FakeServer { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: Endpoint(host: "localhost", port: server.port), options: testOptions())
        defer { connection.close() }
        do {
            #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        } catch .connectionRefused {
            // localhost resolved to ::1 first and only 127.0.0.1 listens: still a typed answer.
        }
    }

    @Test func unansweredSynGivesConnectTimeout() async throws {
        // A listener whose accept queue is full drops new SYNs: connect never completes.
        let server = FakeServer(accept: false, backlog: 0)
        defer { server.stop() }
        let fillers = (0..<4).map { _ in openNonBlockingConnection(to: server.port) }
        defer { fillers.forEach { close($0) } }
        usleep(50_000)
        let connection = Connection(endpoint: server.endpoint, options: testOptions { $0.connectTimeout = .milliseconds(300) })
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        switch error {
        case .connectTimeout(let endpoint, .tcp, let after)?:
            #expect(endpoint == server.endpoint)
            #expect(after == .milliseconds(300))
        case .readTimeout?:
            // Some kernels complete the handshake anyway and drop it later; still a timeout.
            break
        default:
            Issue.record("expected a connect timeout, got \(String(describing: error))")
        }
    }
}

private func openNonBlockingConnection(to port: Int) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return fd
}
