import Foundation
import Sandbox
import Testing

@Suite("Sentinel groups")
struct SentinelTests {
    @Test("master + 2 replicas + 3 sentinels: each sentinel sees 2 replicas and 2 other sentinels")
    func discovery() async throws {
        let sandbox = try makeSandbox()
        let start = ContinuousClock.now
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2)
        print("sentinel group (1+2, 3 sentinels) ready in \(elapsed(since: start))")
        for sentinel in group.sentinels {
            let address = try await sandbox.command(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", group.masterName)
            #expect(address == "127.0.0.1\n\(group.master.port)")
            let replicas = try await sandbox.command(sentinel, "SENTINEL", "REPLICAS", group.masterName)
            for replica in group.replicas { #expect(replicas.contains(String(replica.port))) }
            let others = try await sandbox.command(sentinel, "SENTINEL", "SENTINELS", group.masterName)
            for other in group.sentinels where other.port != sentinel.port { #expect(others.contains(String(other.port))) }
            #expect(try await sandbox.command(sentinel, "SENTINEL", "CKQUORUM", group.masterName).hasPrefix("OK"))
        }
        await sandbox.stopAll()
        for process in group.sentinels + group.dataNodes { #expect(!process.isRunning) }
    }

    @Test("password-protected data nodes: sentinels use auth-pass")
    func withPassword() async throws {
        let sandbox = try makeSandbox()
        let group = try await sandbox.startSentinelGroup(replicas: 1, sentinels: 2, quorum: 1,
                                                         options: ServerOptions(password: "datapw"),
                                                         sentinelOptions: ServerOptions(password: "sentpw"))
        let sentinel = group.sentinels[0]
        #expect(try await sandbox.command(sentinel, "SENTINEL", "MASTER", group.masterName).contains("master"))
        await #expect(throws: SandboxError.self) {
            _ = try await sandbox.command(ControlEndpoint(port: sentinel.port), ["SENTINEL", "MASTERS"])
        }
        await sandbox.stopAll()
    }
}

@Suite("Sentinel groups over TLS")
struct SentinelTLSTests {
    @Test("TLS data nodes and sentinels discover each other")
    func tlsGroup() async throws {
        let sandbox = try makeSandbox()
        let certs = try await TestCertificates.shared()
        let start = ContinuousClock.now
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2,
                                                         options: ServerOptions(tls: ServerTLS(certificates: certs)))
        print("TLS sentinel group ready in \(elapsed(since: start))")
        let config = try String(contentsOfFile: group.sentinels[0].configPath, encoding: .utf8)
        #expect(config.contains("tls-port \(group.sentinels[0].port)"))
        #expect(group.sentinels[0].endpoint.tls == certs)
        await sandbox.stopAll()
    }
}

@Suite("Sentinel failover")
struct SentinelFailoverTests {
    @Test("SIGKILL the master: sentinels promote a replica and agree on it")
    func failover() async throws {
        let sandbox = try makeSandbox()
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2,
                                                         downAfterMilliseconds: 1000)
        let start = ContinuousClock.now
        group.master.kill()
        var answers: Set<String> = []
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            answers = []
            for sentinel in group.sentinels {
                answers.insert(try await sandbox.command(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", group.masterName))
            }
            if answers.count == 1, answers.first != "127.0.0.1\n\(group.master.port)" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        print("sentinels switched master \(elapsed(since: start)) after SIGKILL (down-after 1000 ms)")
        let newPort = try #require(answers.count == 1 ? answers.first?.split(separator: "\n").last : nil)
        let promoted = try #require(group.replicas.first { String($0.port) == newPort })
        try await sandbox.waitForRole(promoted, .master)
        await sandbox.stopAll()
    }
}
