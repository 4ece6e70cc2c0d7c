import Foundation
import Sandbox
import Testing
import TestSupport

/// Sentinels whose credentials differ from the data nodes' (`requirepass` and an ACL user
/// on the sentinels, another password on the data nodes), and sentinels over TLS: check,
/// snapshot and watch work, and a wrong sentinel login is one line naming the sentinel.
@Suite(.serialized) struct SentinelAuthTLSTests {
    static func address(_ process: ServerProcess) -> String { "127.0.0.1:\(process.port)" }

    @Test func aclProtectedSentinelsWithTheirOwnCredentials() async throws {
        let sandbox = try makeSandbox()
        let sentinelACL = ServerOptions(password: "sentinel-secret",
                                        aclUsers: [.monitoring(name: "watcher", password: "watch-pw", sentinel: true)])
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2,
                                                         options: ServerOptions(password: "data-secret"),
                                                         sentinelOptions: sentinelACL)
        let seed = Self.address(group.sentinels[0])
        let data = ["REDISCLI_AUTH": "data-secret"]
        let asWatcher = data.merging(["SLOTSCOPE_SENTINEL_AUTH": "watch-pw"]) { a, _ in a }
        let validator = try SchemaValidator.repository()

        // The read-only ACL user on the sentinels, the default user's password on the data nodes.
        let check = try await BinaryRunner.run(["check", "--sentinel", seed, "--sentinel-user", "watcher"], environment: asWatcher)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("3 sentinels (3 reachable)"), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("3 data nodes (3 reachable)"), "\(check.standardOutput)")
        #expect(!check.standardOutput.contains("watch-pw") && !check.standardError.contains("watch-pw"))

        // The sentinels' requirepass from a file; the JSON holds to its schema and no secret.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-sentinel-pass-\(getpid())")
        try "sentinel-secret\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let snapshot = try await BinaryRunner.run(["snapshot", "--sentinel", seed, "--sentinel-pass-file", file.path],
                                                  environment: data)
        #expect(snapshot.status == 0, "\(snapshot.standardError)")
        #expect(try validator.violations(of: Data(snapshot.standardOutput.utf8), against: "sentinel-snapshot.schema.json") == [])
        #expect(!snapshot.standardOutput.contains("secret"))

        let watch = try await BinaryRunner.run(["watch", "--sentinel", seed, "--sentinel-user", "watcher", "--count", "2",
                                                "--interval", "200ms"], environment: asWatcher)
        #expect(watch.status == 0, "\(watch.standardError)")
        #expect(watch.standardError.contains("watching 3 sentinels"), "\(watch.standardError)")
        #expect(!watch.standardError.contains("subscription lost"), "\(watch.standardError)")

        // From a data node: the sentinels heard there are logged in to with their own credentials.
        // (--sentinel-port: the sentinels CLIENT LIST names are probed there with those credentials too.)
        let entry = try await BinaryRunner.run(["check", Self.address(group.replicas[0]), "--sentinel-user", "watcher",
                                                "--sentinel-port", String(group.sentinels[1].port)], environment: asWatcher)
        #expect(entry.status == 0, "\(entry.standardOutput)\(entry.standardError)")
        #expect(entry.standardOutput.contains("mymaster: master \(Self.address(group.master)) named by 3/3 sentinels"),
                "\(entry.standardOutput)")

        // --sentinel-pass works too, with the ps warning redis-cli gives.
        let argv = try await BinaryRunner.run(["check", "--sentinel", seed, "--sentinel-pass", "sentinel-secret"], environment: data)
        #expect(argv.status == 0, "\(argv.standardOutput)\(argv.standardError)")
        #expect(argv.standardError.contains("--sentinel-pass on the command line is visible"), "\(argv.standardError)")

        // Wrong sentinel password, and the data nodes' password sent to the sentinels: WRONGPASS, named.
        let wrong = try await BinaryRunner.run(["check", "--sentinel", seed, "--sentinel-user", "watcher"],
                                               environment: data.merging(["SLOTSCOPE_SENTINEL_AUTH": "nope"]) { a, _ in a })
        #expect(wrong.status == 2)
        #expect(wrong.standardError.hasPrefix("slotscope: sentinel \(seed) rejected the user name or password (WRONGPASS)"),
                "\(wrong.standardError)")
        #expect(wrong.standardError.split(separator: "\n").count == 1, "\(wrong.standardError)")
        #expect(!wrong.standardError.contains("nope"))
        let inherited = try await BinaryRunner.run(["check", "--sentinel", seed], environment: data)
        #expect(inherited.status == 2)
        #expect(inherited.standardError.contains("sentinel \(seed) rejected the user name or password (WRONGPASS)"), "\(inherited.standardError)")
        #expect(inherited.standardError.contains("--sentinel-user and --sentinel-pass-file"), "\(inherited.standardError)")

        // No password at all: NOAUTH, named for the sentinel.
        let none = try await BinaryRunner.run(["check", "--sentinel", seed])
        #expect(none.status == 2)
        #expect(none.standardError.contains("sentinel \(seed) requires a password (NOAUTH)"), "\(none.standardError)")
        #expect(none.standardError.split(separator: "\n").count == 1, "\(none.standardError)")

        // A user without a password is a usage error, before anything is dialed.
        let userOnly = try await BinaryRunner.run(["check", "--sentinel", seed, "--sentinel-user", "watcher"])
        #expect(userOnly.status == 2)
        #expect(userOnly.standardError.contains("--sentinel-user watcher needs a password"), "\(userOnly.standardError)")
        await sandbox.stopAll()
    }

    @Test func tlsSentinelsAndDataNodes() async throws {
        let sandbox = try makeSandbox()
        let certificates = try await TestCertificates.shared()
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2,
                                                         options: ServerOptions(tls: ServerTLS(certificates: certificates)))
        let seed = Self.address(group.sentinels[0])
        let tls = ["--tls", "--cacert", certificates.caCertificate]
        let validator = try SchemaValidator.repository()

        let check = try await BinaryRunner.run(["check", "--sentinel", seed] + tls)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("3 sentinels (3 reachable)"), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("3 data nodes (3 reachable)"), "\(check.standardOutput)")

        let snapshot = try await BinaryRunner.run(["snapshot", "--sentinel", seed] + tls)
        #expect(snapshot.status == 0, "\(snapshot.standardError)")
        #expect(try validator.violations(of: Data(snapshot.standardOutput.utf8), against: "sentinel-snapshot.schema.json") == [])

        let watch = try await BinaryRunner.run(["watch", "--sentinel", seed, "--count", "2", "--interval", "200ms"] + tls)
        #expect(watch.status == 0, "\(watch.standardError)")
        #expect(watch.standardError.contains("watching 3 sentinels"), "\(watch.standardError)")
        #expect(!watch.standardError.contains("subscription lost"), "\(watch.standardError)")

        // From a TLS data node: hello heard over TLS, the sentinels inspected over TLS.
        let entry = try await BinaryRunner.run(["check", "--json", Self.address(group.master)] + tls)
        #expect(entry.status == 0, "\(entry.standardOutput)\(entry.standardError)")
        #expect(try validator.violations(of: Data(entry.standardOutput.utf8), against: "sentinel-check.schema.json") == [])

        // Without --tls: the sentinel's port speaks TLS, one line says so.
        let plain = try await BinaryRunner.run(["check", "--sentinel", seed, "--timeout", "1s"])
        #expect(plain.status == 2)
        #expect(plain.standardError.contains(seed), "\(plain.standardError)")
        #expect(plain.standardError.split(separator: "\n").count == 1, "\(plain.standardError)")
        await sandbox.stopAll()
    }
}
