import Foundation
import Sandbox
import Testing

@Suite("Standalone servers")
struct StandaloneTests {
    @Test("starts, answers, and is gone after stop")
    func startStop() async throws {
        let sandbox = try makeSandbox()
        let start = ContinuousClock.now
        let server = try await sandbox.startStandalone()
        print("standalone ready in \(elapsed(since: start))")
        #expect(server.isRunning)
        #expect(kill(server.pid, 0) == 0)
        #expect(try await sandbox.command(server, "SET", "k", "v") == "OK")
        #expect(try await sandbox.controlCommand(port: server.port, args: ["GET", "k"]) == "v")
        let config = try String(contentsOfFile: server.configPath, encoding: .utf8)
        #expect(config.contains("bind 127.0.0.1"))
        #expect(config.contains("protected-mode no"))
        await server.stop()
        #expect(!server.isRunning)
        #expect(kill(server.pid, 0) == -1 && errno == ESRCH)
        await sandbox.stopAll()
        #expect(!FileManager.default.fileExists(atPath: sandbox.root))
    }

    @Test("pause stalls the server, resume brings it back")
    func pauseResume() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone()
        #expect(server.pause())
        await #expect(throws: SandboxError.self) {
            _ = try await sandbox.command(server, "PING", timeout: 0.5)
        }
        #expect(server.isRunning)
        #expect(server.resume())
        #expect(try await sandbox.command(server, "PING") == "PONG")
        #expect(server.kill())
        #expect(!server.isRunning)
        #expect(!server.kill())
        await sandbox.stopAll()
    }

    @Test("requirepass: AUTH via REDISCLI_AUTH, refused without it")
    func password() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone(ServerOptions(password: "s3cret pass"))
        #expect(try await sandbox.command(server, "PING") == "PONG")
        await #expect(throws: SandboxError.self) {
            _ = try await sandbox.command(ControlEndpoint(port: server.port), ["GET", "k"])
        }
        await sandbox.stopAll()
    }

    @Test("ACL users: admin can write, monitoring user can only read")
    func aclUsers() async throws {
        let sandbox = try makeSandbox()
        let options = ServerOptions(aclUsers: [.admin(name: "ops", password: "opspw"),
                                               .monitoring(password: "monpw")])
        let server = try await sandbox.startStandalone(options)
        let ops = ControlEndpoint(port: server.port, password: "opspw", user: "ops")
        let monitor = ControlEndpoint(port: server.port, password: "monpw", user: "slotscope")
        #expect(try await sandbox.command(ops, ["SET", "k", "v"]) == "OK")
        #expect(try await sandbox.command(ops, ["ACL", "WHOAMI"]) == "ops")
        #expect(try await sandbox.command(monitor, ["INFO", "server"]).contains("redis_version"))
        await #expect(throws: SandboxError.self) {
            _ = try await sandbox.command(monitor, ["SET", "k", "x"])
        }
        await #expect(throws: SandboxError.self) {
            _ = try await sandbox.command(ControlEndpoint(port: server.port, password: "wrong", user: "ops"), ["PING"])
        }
        await sandbox.stopAll()
    }

    @Test("master with two replicas syncs")
    func replication() async throws {
        let sandbox = try makeSandbox()
        let start = ContinuousClock.now
        let group = try await sandbox.startReplication(replicas: 2)
        print("master + 2 replicas ready in \(elapsed(since: start))")
        #expect(group.replicas.count == 2)
        let info = try await sandbox.command(group.master, "INFO", "replication")
        #expect(info.contains("connected_slaves:2"))
        await sandbox.stopAll()
    }
}
