import Foundation
import RESP
import Sandbox
import Testing
import Wire

/// A fresh 3-master cluster with `keysPerSlot` keys in each of `slots` (values: the key names).
func reshardCluster(slots: [Int], keysPerSlot: Int) async throws -> (Sandbox, SandboxCluster, [String]) {
    let sandbox = try makeSandbox()
    let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
    let keys = try await sandbox.loadKeys(into: cluster, slots: slots, keysPerSlot: keysPerSlot, prefix: "rs").keys
    return (sandbox, cluster, keys)
}

/// A journal folder of the test's own.
func temporaryJournal() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-reshard-\(UUID().uuidString)").path
}

/// Slot → owner id, as `node` sees it (CLUSTER SLOTS); and whether any slot is open there.
func slotView(of node: ClusterNode) async throws -> (owners: [Int: String], open: Bool) {
    let connection = Connection(endpoint: endpoint(node))
    defer { connection.close() }
    let replies = try await connection.pipeline([RESPCommand("CLUSTER", "SLOTS"), RESPCommand("CLUSTER", "NODES")])
    var owners: [Int: String] = [:]
    for range in replies[0].elements ?? [] {
        guard let fields = range.elements, fields.count >= 3, let start = fields[0].integer, let end = fields[1].integer,
              let master = fields[2].elements, master.count >= 3, let id = master[2].string else { continue }
        for slot in Int(start)...Int(end) { owners[slot] = id }
    }
    return (owners, (replies[1].string ?? "").contains("->-") || (replies[1].string ?? "").contains("-<-"))
}

/// The slot count of each master as the first master sees it.
func slotCounts(_ cluster: SandboxCluster) async throws -> [String: Int] {
    let owners = try await slotView(of: cluster.masters[0]).owners
    return owners.values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}

/// The reshard journal's record in `directory` (the only one), as JSON.
func journalRecord(_ directory: String) throws -> [String: Any]? {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
    guard names.count == 1 else { return nil }
    return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/" + names[0]))) as? [String: Any]
}

/// The built binary running in the background, for tests that signal it mid-run.
final class RunningBinary: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = try BinaryRunner.locate()
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["REDISCLI_AUTH"] = nil
        merged["SLOTSCOPE_READONLY"] = nil
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Waits (on GCD threads, not the cooperative pool) until it exits.
    func finish() async -> BinaryRunner.Result {
        let process = self.process, output = self.output, errors = self.errors
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let group = DispatchGroup()
                nonisolated(unsafe) var err = Data()
                DispatchQueue.global().async(group: group) { err = errors.fileHandleForReading.readDataToEndOfFile() }
                let out = output.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(returning: BinaryRunner.Result(status: process.terminationStatus,
                                                                   standardOutput: String(decoding: out, as: UTF8.self),
                                                                   standardError: String(decoding: err, as: UTF8.self)))
            }
        }
    }
}

/// Waits until the journal in `directory` records at least `steps` finished steps, then does
/// `action` at once; returns whether the steps were reached (hang guard: 120 s) and the action
/// succeeded. Both run on a thread of its own: on a loaded machine the cooperative pool can be
/// starved for seconds, long enough for the run being watched to finish before the action.
func whenJournal(_ directory: String, reaches steps: Int, _ action: @escaping @Sendable () -> Bool) async -> Bool {
    await withCheckedContinuation { continuation in
        let watcher = Thread {
            for _ in 0..<24_000 {
                if let record = try? journalRecord(directory), let done = record["completedSteps"] as? Int, done >= steps {
                    continuation.resume(returning: action())
                    return
                }
                usleep(5_000)
            }
            continuation.resume(returning: false)
        }
        watcher.start()
    }
}

/// `kill(pid, signal)` as a `whenJournal` action.
func send(_ signal: Int32, to pid: Int32) -> @Sendable () -> Bool {
    { kill(pid, signal) == 0 }
}
