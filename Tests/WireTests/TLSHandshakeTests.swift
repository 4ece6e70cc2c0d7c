import RESP
import Testing
@testable import Wire

/// TLS on the non-blocking loop against a fake TLS server with a throwaway CA.
@Suite struct TLSHandshakeTests {
    let certificates = TestCertificates.shared

    func tlsOptions(_ change: (inout TLSOptions) -> Void = { _ in }) -> ConnectionOptions {
        testOptions {
            var tls = TLSOptions(enabled: true, caFile: certificates.caFile)
            change(&tls)
            $0.tls = tls
        }
    }

    @Test func verifiesTheServerByIP() async throws {
        let server = FakeServer(tls: FakeTLSContext()) { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: tlsOptions())
        defer { connection.close() }
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        #expect(connection.session?.protocolVersion == 3)
    }

    @Test func verifiesTheServerByName() async throws {
        let server = FakeServer(tls: FakeTLSContext()) { $0.serveLikeRedis() }
        defer { server.stop() }
        // Connect by IP, verify (and send SNI) for the name in the certificate.
        let connection = Connection(endpoint: server.endpoint, options: tlsOptions { $0.serverName = "localhost" })
        defer { connection.close() }
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
    }

    @Test func wrongNameFailsVerification() async throws {
        let server = FakeServer(tls: FakeTLSContext()) { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: tlsOptions { $0.serverName = "redis.example" })
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        guard case .tlsVerificationFailed(_, let reason)? = error else {
            Issue.record("expected a verification failure, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("hostname mismatch"))
        #expect(reason.contains("redis.example"))
    }

    @Test func untrustedCAFailsVerification() async throws {
        let server = FakeServer(tls: FakeTLSContext()) { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: tlsOptions { $0.caFile = nil })  // system store
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        guard case .tlsVerificationFailed(let endpoint, let reason)? = error else {
            Issue.record("expected a verification failure, got \(String(describing: error))")
            return
        }
        #expect(endpoint == server.endpoint)
        #expect(!reason.isEmpty)
    }

    @Test func insecureSkipsVerification() async throws {
        let server = FakeServer(tls: FakeTLSContext()) { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: tlsOptions {
            $0.caFile = nil
            $0.serverName = "redis.example"
            $0.insecure = true
        })
        defer { connection.close() }
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
    }

    @Test func largeRepliesAndPipelinesOverTLS() async throws {
        let server = FakeServer(tls: FakeTLSContext()) { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: tlsOptions())
        defer { connection.close() }
        let big = String(repeating: "0123456789abcdef", count: 20_000)  // 320 KB: many TLS records
        var commands = (0..<100).map { RESPCommand("ECHO", "m\($0)") }
        commands.insert(RESPCommand("ECHO", big), at: 50)
        let replies = try await connection.pipeline(commands)
        #expect(replies.count == 101)
        #expect(replies[50] == .bulkString(Array(big.utf8)))
        #expect(replies[100] == .bulkString(Array("m99".utf8)))
    }

    @Test func presentsAClientCertificate() async throws {
        let server = FakeServer(tls: FakeTLSContext(requireClientCertificate: true)) { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: tlsOptions {
            $0.certFile = certificates.clientCertFile
            $0.keyFile = certificates.clientKeyFile
        })
        defer { connection.close() }
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
    }

    @Test func missingClientCertificateIsATLSError() async throws {
        let server = FakeServer(tls: FakeTLSContext(requireClientCertificate: true)) { $0.serveLikeRedis() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: tlsOptions())
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        // TLS 1.3: the client finishes its side first and learns of the refusal from an
        // alert, or only from a reset when the server's close discards the alert.
        switch error {
        case .tlsHandshakeFailed?, .tlsFailure?: break
        default: Issue.record("expected a TLS failure, got \(String(describing: error))")
        }
        #expect(error?.description.contains("--cert") == true)
    }

    @Test func silentServerGivesTLSStageTimeout() async throws {
        let server = FakeServer { $0.stall() }
        defer { server.stop() }
        let short = Connection(endpoint: server.endpoint, options: {
            var options = tlsOptions()
            options.connectTimeout = .milliseconds(300)
            return options
        }())
        defer { short.close() }
        let error = await failure { try await short.send(RESPCommand("PING")) }
        #expect(error == .connectTimeout(server.endpoint, stage: .tls, after: .milliseconds(300)))
    }
}
