import Foundation
@testable import Sandbox
import Testing

@Suite("Ports and process lifecycle")
struct LifecycleTests {
    @Test("allocated ports stay below 22768 with a free bus port, and never repeat")
    func ports() async throws {
        let ports = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<64 { group.addTask { try PortAllocator.shared.allocate() } }
            var result: [Int] = []
            for try await port in group { result.append(port) }
            return result
        }
        #expect(Set(ports).count == ports.count)
        for port in ports {
            #expect(PortAllocator.range.contains(port))
            #expect(port + PortAllocator.busPortOffset < 32768)
        }
    }

    @Test("a port in use is skipped")
    func busyPortSkipped() throws {
        let start = try PortAllocator.shared.allocate()
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(start).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        listen(listener, 1)
        #expect(!PortAllocator.isBindable(start))
        #expect(try PortAllocator(start: start).allocate() != start)
    }

    @Test("dropping the sandbox kills its servers and removes its directory")
    func deinitKills() async throws {
        let binaries = try requireRedis()
        var pid: pid_t = 0
        var root = ""
        do {
            let sandbox = try Sandbox(binaries: binaries)
            let server = try await sandbox.startStandalone()
            pid = server.pid
            root = sandbox.root
            #expect(ProcessRegistry.livePIDs.contains(pid))
        }
        #expect(kill(pid, 0) == -1)
        #expect(!ProcessRegistry.livePIDs.contains(pid))
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test("stop() of a paused server still ends it gracefully")
    func stopPaused() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone()
        server.pause()
        await server.stop(grace: 5)
        #expect(server.exitStatus == "exit 0")
        await sandbox.stopAll()
    }

    @Test("restart brings a killed cluster node back with the same id")
    func restartNode() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let node = cluster.nodes[1]
        node.process.kill()
        let again = try await sandbox.restart(node.process)
        #expect(again.port == node.port && again.pid != node.process.pid)
        #expect(try await sandbox.command(again, "CLUSTER", "MYID") == node.id)
        try await sandbox.waitForClusterConvergence(cluster)
        await sandbox.stopAll()
    }

    @Test("a server that cannot start reports its log")
    func badConfig() async throws {
        let sandbox = try makeSandbox()
        await #expect {
            _ = try await sandbox.startStandalone(ServerOptions(extraConfig: ["no-such-directive yes"]))
        } throws: { error in
            "\(error)".contains("no-such-directive")
        }
        await sandbox.stopAll()
    }
}

@Suite("Binaries and test policy")
struct BinariesTests {
    @Test("a missing tool names the packages to install")
    func missingTool() throws {
        #expect {
            _ = try RedisBinaries.locateTool("surely-not-installed-tool", hint: RedisBinaries.installHint,
                                             environment: ["PATH": "/nonexistent"])
        } throws: { error in
            "\(error)".contains("apt-get install -y redis-server redis-sentinel redis-tools")
        }
    }

    @Test("CI=true turns a missing binary into a failure; locally it is a skip")
    func ciPolicy() {
        #expect(RedisTestPolicy.isCI(environment: ["CI": "true"]))
        #expect(!RedisTestPolicy.isCI(environment: [:]))
        #expect(RedisTestPolicy.skipMessage.contains("apt-get install -y redis-server"))
    }

    @Test("locate finds all three binaries on this machine")
    func locate() throws {
        let binaries = try requireRedis()
        for path in [binaries.server, binaries.sentinel, binaries.cli] { #expect(access(path, X_OK) == 0) }
    }
}
