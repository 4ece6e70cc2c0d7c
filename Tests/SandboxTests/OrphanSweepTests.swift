import Foundation
import Testing
@testable import Sandbox

/// A run killed with SIGKILL cannot stop its servers; the next sandbox must.
@Suite struct OrphanSweepTests {
    @Test func serversOfADeadRunAreKilledByTheNextSweep() async throws {
        let binaries = try requireRedis()
        // A PID that certainly belongs to no live process: a child that has exited and been reaped.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let deadOwner = finished.processIdentifier

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
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: directory + "/server.pid") {
            try await Task.sleep(for: .milliseconds(20))
        }

        StaleDirectories.sweep()
        server.waitUntilExit()  // returns only because the sweep killed it
        #expect(server.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: root))
    }
}
