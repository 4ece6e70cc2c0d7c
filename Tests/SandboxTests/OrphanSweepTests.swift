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

        // A temp folder of the test's own: every slotscope process sweeps the shared one once,
        // and another's sweep may take this dead run's directory before its server has started.
        // (Paths without a doubled slash: the sweep compares them with /proc/PID/cwd.)
        let tmp = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("slotscope-orphan-test-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let root = (tmp as NSString).appendingPathComponent(StaleDirectories.sandboxPrefix + "\(deadOwner)-orphantest")
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

        StaleDirectories.sweep(in: tmp)
        for _ in 0..<1500 where server.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!server.isRunning, "the sweep did not kill the orphaned server")
        if !server.isRunning { #expect(server.terminationReason == .uncaughtSignal) }
        #expect(!FileManager.default.fileExists(atPath: root))
    }
}
