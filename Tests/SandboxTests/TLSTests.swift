import Foundation
import Sandbox
import Testing
import TestSupport

@Suite("TLS", .onOwnThreads)  // redis-cli and openssl are waited for synchronously
struct TLSTests {
    /// redis-cli run directly (not through the sandbox helper), as a user would.
    private func redisCLI(_ binaries: RedisBinaries, _ args: [String]) throws -> (status: Int32, output: String) {
        try run(binaries.cli, args)
    }

    private func run(_ executable: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("certificates: server cert chains to the CA and carries the loopback SANs")
    func certificates() async throws {
        let certs = try await TestCertificates.shared()
        #expect(try await TestCertificates.shared() == certs)
        for file in [certs.caCertificate, certs.serverCertificate, certs.serverKey, certs.clientCertificate,
                     certs.clientKey, certs.otherCACertificate, certs.otherClientCertificate] {
            #expect(FileManager.default.fileExists(atPath: file))
        }
        let verify = try run("/usr/bin/env", ["openssl", "verify", "-CAfile", certs.caCertificate,
                                              certs.serverCertificate, certs.clientCertificate])
        #expect(verify.status == 0)
        let stranger = try run("/usr/bin/env", ["openssl", "verify", "-CAfile", certs.caCertificate,
                                                certs.otherClientCertificate])
        #expect(stranger.status != 0)
        let sans = try run("/usr/bin/env", ["openssl", "x509", "-in", certs.serverCertificate, "-noout", "-ext",
                                            "subjectAltName"])
        #expect(sans.output.contains("IP Address:127.0.0.1, IP Address:127.0.0.2, DNS:localhost"))
    }

    @Test("TLS standalone is reachable with redis-cli --tls --cacert, not in plaintext")
    func tlsStandalone() async throws {
        let sandbox = try makeSandbox()
        let certs = try await TestCertificates.shared()
        let server = try await sandbox.startStandalone(ServerOptions(tls: ServerTLS(certificates: certs)))
        let port = String(server.port)
        let ok = try redisCLI(sandbox.binaries, ["-p", port, "--tls", "--cacert", certs.caCertificate, "PING"])
        #expect(ok.status == 0 && ok.output.contains("PONG"))
        let wrongCA = try redisCLI(sandbox.binaries, ["-p", port, "--tls", "--cacert", certs.otherCACertificate, "PING"])
        #expect(!wrongCA.output.contains("PONG"))
        let plain = try redisCLI(sandbox.binaries, ["-p", port, "PING"])
        #expect(!plain.output.contains("PONG"))
        await sandbox.stopAll()
    }

    @Test("tls-auth-clients yes: only a client certificate from the trusted CA gets in")
    func clientAuth() async throws {
        let sandbox = try makeSandbox()
        let certs = try await TestCertificates.shared()
        let server = try await sandbox.startStandalone(ServerOptions(tls: ServerTLS(certificates: certs, authClients: .yes)))
        let port = String(server.port)
        let ok = try redisCLI(sandbox.binaries, ["-p", port, "--tls", "--cacert", certs.caCertificate,
                                                 "--cert", certs.clientCertificate, "--key", certs.clientKey, "PING"])
        #expect(ok.output.contains("PONG"))
        let noCert = try redisCLI(sandbox.binaries, ["-p", port, "--tls", "--cacert", certs.caCertificate, "PING"])
        #expect(!noCert.output.contains("PONG"))
        let strangerCert = try redisCLI(sandbox.binaries, ["-p", port, "--tls", "--cacert", certs.caCertificate,
                                                           "--cert", certs.otherClientCertificate,
                                                           "--key", certs.otherClientKey, "PING"])
        #expect(!strangerCert.output.contains("PONG"))
        await sandbox.stopAll()
    }

    @Test("TLS cluster 3×1 with tls-cluster/tls-replication and a password")
    func tlsCluster() async throws {
        let sandbox = try makeSandbox()
        let certs = try await TestCertificates.shared()
        let start = ContinuousClock.now
        let cluster = try await sandbox.startCluster(
            masters: 3, replicasPerMaster: 1,
            options: ServerOptions(password: "pw", tls: ServerTLS(certificates: certs), announceHostname: "127.0.0.2"))
        print("TLS 3×1 cluster ok in \(elapsed(since: start))")
        let config = try String(contentsOfFile: cluster.nodes[0].process.configPath, encoding: .utf8)
        #expect(config.contains("port 0") && config.contains("tls-cluster yes"))
        let info = try await sandbox.command(cluster.nodes[0].process, "CLUSTER", "INFO")
        #expect(info.contains("cluster_state:ok"))
        await sandbox.stopAll()
    }
}
