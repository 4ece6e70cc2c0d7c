import Foundation
import Testing
@testable import Sandbox

/// A run killed with SIGKILL cannot stop its servers; the next sandbox must.
@Suite struct OrphanSweepTests {
    @Test func serversOfADeadRunAreKilledByTheNextSweep() async throws {
        let binaries = try requireRedis()
        // A PID that certainly belongs to no live process: one above the kernel's pid_max. (The
        // PID of a child that has exited can be handed out again within seconds when many tests
        // spawn processes and pid_max is 32768; the sweep then rightly leaves the directory be.)
        let pidMax = try String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)
        let deadOwner = try #require(pid_t(pidMax.trimmingCharacters(in: .whitespacesAndNewlines))) + 1

        let root = NSTemporaryDirectory() + "/" + StaleDirectories.sandboxPrefix + "\(deadOwner)-orphantest"
        let port = try PortAllocator.shared.allocate()
        let directory = root + "/server-\(port)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: binaries.server)
        server.currentDirectoryURL = URL(fileURLWithPath: directory)
        server.arguments = ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--pidfile", directory + "/server.pid",
                            "--dir", directory, "--logfile", directory + "/server.log"]
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        // Hang guards only: a loaded machine may take seconds to start the server.
        for _ in 0..<1500 where !FileManager.default.fileExists(atPath: directory + "/server.pid") {
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(FileManager.default.fileExists(atPath: directory + "/server.pid"), "the server never wrote its pidfile")

        StaleDirectories.sweep()
        for _ in 0..<1500 where server.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!server.isRunning, "the sweep did not kill the orphaned server")
        if !server.isRunning { #expect(server.terminationReason == .uncaughtSignal) }
        #expect(!FileManager.default.fileExists(atPath: root))
    }
}
