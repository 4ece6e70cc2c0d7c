import RESP
import Sandbox
import Testing
import Wire

/// TLS through system OpenSSL against real TLS-only redis-servers.
@Suite struct TLSIntegrationTests {
    func startTLSServer(_ sandbox: Sandbox, authClients: ServerTLS.ClientAuth = .no) async throws -> (ServerProcess, TestCertificates) {
        let certificates = try await TestCertificates.shared()
        let server = try await sandbox.startStandalone(ServerOptions(tls: ServerTLS(certificates: certificates, authClients: authClients)))
        return (server, certificates)
    }

    @Test func verifiedCertificate() async throws {
        let sandbox = try makeSandbox()
        let (server, certificates) = try await startTLSServer(sandbox)
        let tls = TLSOptions(enabled: true, caFile: certificates.caCertificate)
        let connection = Connection(endpoint: endpoint(server), options: testOptions(tls: tls))
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        await sandbox.stopAll()
    }

    @Test func clientCertificateWhenTheServerDemandsOne() async throws {
        let sandbox = try makeSandbox()
        let (server, certificates) = try await startTLSServer(sandbox, authClients: .yes)
        let withCertificate = TLSOptions(enabled: true, caFile: certificates.caCertificate,
                                         certFile: certificates.clientCertificate, keyFile: certificates.clientKey)
        let connection = Connection(endpoint: endpoint(server), options: testOptions(tls: withCertificate))
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))

        let without = TLSOptions(enabled: true, caFile: certificates.caCertificate)
        let error = await wireError { try await Connection(endpoint: endpoint(server), options: testOptions(tls: without)).connect() }
        #expect(error != nil)
        #expect(error?.description.contains("--cert") == true, "got \(String(describing: error))")
        await sandbox.stopAll()
    }

    @Test func wrongCAFailsVerificationWithAClearError() async throws {
        let sandbox = try makeSandbox()
        let (server, certificates) = try await startTLSServer(sandbox)
        let tls = TLSOptions(enabled: true, caFile: certificates.otherCACertificate)
        let error = await wireError { try await Connection(endpoint: endpoint(server), options: testOptions(tls: tls)).connect() }
        guard case .tlsVerificationFailed(let where_, let reason) = error else {
            Issue.record("expected a verification failure, got \(String(describing: error))")
            return
        }
        #expect(where_ == endpoint(server))
        #expect(!reason.isEmpty)
        #expect(error?.description.contains("\n") == false)

        // --insecure connects anyway, and says nothing is verified.
        let insecure = TLSOptions(enabled: true, insecure: true)
        let connection = Connection(endpoint: endpoint(server), options: testOptions(tls: insecure))
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        await sandbox.stopAll()
    }

    @Test func hostnameMismatchIsRefused() async throws {
        let sandbox = try makeSandbox()
        let (server, certificates) = try await startTLSServer(sandbox)
        let tls = TLSOptions(enabled: true, caFile: certificates.caCertificate, serverName: "not-this-host.example")
        let error = await wireError { try await Connection(endpoint: endpoint(server), options: testOptions(tls: tls)).connect() }
        guard case .tlsVerificationFailed = error else {
            Issue.record("expected a verification failure, got \(String(describing: error))")
            return
        }
        await sandbox.stopAll()
    }

    @Test func plaintextClientOnTLSPortIsToldTheTruth() async throws {
        let sandbox = try makeSandbox()
        let (server, _) = try await startTLSServer(sandbox)
        let error = await wireError { try await Connection(endpoint: endpoint(server), options: testOptions()).connect() }
        #expect(error == .probablySpeaksTLS(endpoint(server)))
        #expect(error?.description.contains("--tls") == true)
        await sandbox.stopAll()
    }
}
