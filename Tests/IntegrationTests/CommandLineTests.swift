import Foundation
import RESP
import Sandbox
import Testing
import Wire

/// The `slotscope` binary, run as a person would run it, against real servers.
@Suite struct CommandLineTests {
    @Test func pingAClusterNode() async throws {
        let (_, cluster) = try await SharedCluster.get()
        let result = try await BinaryRunner.run(["ping", "127.0.0.1:\(cluster.masters[0].port)", "--read-only"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.hasPrefix("127.0.0.1:\(cluster.masters[0].port): PONG in "))
        #expect(result.standardOutput.contains("mode     cluster (cluster_state:ok)"))
        #expect(result.standardOutput.contains("role     master"))
        #expect(result.standardOutput.contains("protocol RESP3"))
        #expect(result.standardOutput.contains("TLS      off"))
    }

    @Test func pingWithPasswordFromTheEnvironmentNeverPrintsIt() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone(ServerOptions(password: "env-secret-123"))
        let ok = try await BinaryRunner.run(["ping", "-p", "\(server.port)"], environment: ["REDISCLI_AUTH": "env-secret-123"])
        #expect(ok.status == 0, "stderr: \(ok.standardError)")
        #expect(!ok.standardOutput.contains("env-secret-123") && !ok.standardError.contains("env-secret-123"))

        let missing = try await BinaryRunner.run(["ping", "-p", "\(server.port)"])
        #expect(missing.status == 2)
        #expect(missing.standardError.split(separator: "\n").count == 1)
        #expect(missing.standardError.contains("127.0.0.1:\(server.port)"))

        let wrong = try await BinaryRunner.run(["ping", "-p", "\(server.port)", "-a", "wrong-pw-456"])
        #expect(wrong.status == 2)
        #expect(wrong.standardError.contains("Warning: a password on the command line"))
        #expect(!wrong.standardError.contains("wrong-pw-456"))
        await sandbox.stopAll()
    }

    @Test func pingOverVerifiedTLSAndThePlaintextMistake() async throws {
        let sandbox = try makeSandbox()
        let certificates = try await TestCertificates.shared()
        let server = try await sandbox.startStandalone(ServerOptions(tls: ServerTLS(certificates: certificates)))
        let address = "127.0.0.1:\(server.port)"

        let verified = try await BinaryRunner.run(["ping", address, "--tls", "--cacert", certificates.caCertificate])
        #expect(verified.status == 0, "stderr: \(verified.standardError)")
        #expect(verified.standardOutput.contains("TLS      on, certificate verified"))

        let plaintext = try await BinaryRunner.run(["ping", address])
        #expect(plaintext.status == 2)
        #expect(plaintext.standardError.contains("speaks TLS"))
        #expect(plaintext.standardError.contains("--tls"))
        #expect(plaintext.standardError.split(separator: "\n").count == 1)

        let wrongCA = try await BinaryRunner.run(["ping", address, "--tls", "--cacert", certificates.otherCACertificate])
        #expect(wrongCA.status == 2)
        #expect(wrongCA.standardError.contains("certificate"))
        await sandbox.stopAll()
    }

    @Test func badUsageIsOneLineAndExitTwo() async throws {
        for arguments in [["ping", "--bogus"], ["ping", "-u", "http://x"], ["ping", "127.0.0.1:notaport"], ["ping", "--timeout", "soon"]] {
            let result = try await BinaryRunner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.standardError.hasPrefix("slotscope: "), "\(arguments): \(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1, "\(arguments): \(result.standardError)")
        }
    }

    @Test func versionAndHelp() async throws {
        let version = try await BinaryRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try await BinaryRunner.run(["ping", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--askpass"))
        #expect(help.standardOutput.contains("--read-only"))
    }
}
