import RESP
import Testing
@testable import Wire

@Suite struct TLSDetectionTests {
    @Test func tlsClientToPlaintextServerSaysNoTLS() async throws {
        // A plaintext Redis reads the ClientHello as an inline command and answers -ERR.
        let server = FakeServer { peer in
            _ = peer.readRaw()
            peer.write("-ERR unknown command '\u{16}\u{03}\u{01}', with args beginning with: \r\n")
            peer.stall()
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions { $0.tls = TLSOptions(enabled: true) })
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        #expect(error == .doesNotSpeakTLS(server.endpoint))
        #expect(error?.description.contains("does not speak TLS") == true)
    }

    @Test func plaintextClientToServerThatClosesSaysProbablyTLS() async throws {
        // A TLS port drops a plaintext client without a reply.
        let server = FakeServer { peer in
            _ = peer.readRaw()
            peer.close()
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        #expect(error == .probablySpeaksTLS(server.endpoint))
        #expect(error?.description.contains("this port probably speaks TLS — add --tls") == true)
    }

    @Test func plaintextClientGettingATLSAlertSaysProbablyTLS() async throws {
        let server = FakeServer { peer in
            _ = peer.readRaw()
            peer.write([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46])  // fatal alert: protocol_version
            peer.close()
        }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint, options: testOptions())
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        #expect(error == .probablySpeaksTLS(server.endpoint))
    }

    @Test func unreadableCAFileIsAConfigurationError() async throws {
        let server = FakeServer { $0.stall() }
        defer { server.stop() }
        let connection = Connection(endpoint: server.endpoint,
                                    options: testOptions { $0.tls = TLSOptions(enabled: true, caFile: "/nonexistent/ca.pem") })
        defer { connection.close() }
        let error = await failure { try await connection.send(RESPCommand("PING")) }
        guard case .tlsConfiguration(let reason)? = error else {
            Issue.record("expected a TLS configuration error, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("/nonexistent/ca.pem"))
    }
}
