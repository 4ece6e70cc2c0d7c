import Foundation
import RESP
import Sandbox
import Testing
import Wire

/// `slotscope fix`, run as a user runs it: dry run, read-only mode, confirmation, a real
/// repair with its journal, and BUSYKEY. Each test breaks a cluster of its own.
@Suite struct FixCommandTests {
    @Test func dryRunPrintsTheExactCommandsAndChangesNothing() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster)
        let before = try await commandStats(cluster)
        let result = try await BinaryRunner.run(["fix", "127.0.0.1:\(cluster.masters[0].port)", "--dry-run"])
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("127.0.0.1:\(broken.source.port) CLUSTER GETKEYSINSLOT \(broken.slot) 100"), "\(out)")
        #expect(out.contains("127.0.0.1:\(broken.source.port) MIGRATE 127.0.0.1 \(broken.target.port) \"\" 0 2000 KEYS"), "\(out)")
        #expect(out.contains("127.0.0.1:\(broken.target.port) CLUSTER SETSLOT \(broken.slot) NODE \(broken.target.id)"), "\(out)")
        #expect(out.contains("Dry run: nothing was changed."))
        let after = try await commandStats(cluster)
        #expect(mutating(after) == mutating(before), "\(mutating(after)) vs \(mutating(before))")
        await sandbox.stopAll()
    }

    @Test func readOnlyModeRefusesBeforeSendingAnything() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        _ = try await sandbox.leaveMigrationHalfFinished(in: cluster)
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        let before = try await commandStats(cluster)
        for (arguments, environment) in [(["fix", seed, "--yes", "--read-only"], [:]),
                                         (["fix", seed, "--yes"], ["SLOTSCOPE_READONLY": "1"]),
                                         (["fix", seed, "--dry-run"], ["SLOTSCOPE_READONLY": "1"])] {
            let result = try await BinaryRunner.run(arguments, environment: environment)
            #expect(result.status == 2)
            #expect(result.standardError.contains("refused in read-only mode"), "\(result.standardError)")
        }
        // Not one command reached a server, mutating or not (HELLO and INFO are this test's own).
        let after = try await commandStats(cluster)
        let own = ["_info", "_hello"]
        #expect(after.filter { e in !own.contains { e.key.hasSuffix($0) } } == before.filter { e in !own.contains { e.key.hasSuffix($0) } })
        await sandbox.stopAll()
    }

    @Test func withoutATerminalOrYesItRefusesAndChangesNothing() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        _ = try await sandbox.openMigratingOnly(in: cluster, slot: 9, target: cluster.masters[2])
        let before = try await commandStats(cluster)
        let result = try await BinaryRunner.run(["fix", "127.0.0.1:\(cluster.masters[0].port)"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("needs confirmation: pass --yes"), "\(result.standardError)")
        #expect(result.standardOutput.contains("CLUSTER SETSLOT 9 STABLE"))
        #expect(mutating(try await commandStats(cluster)) == mutating(before))
        await sandbox.stopAll()
    }

    /// The case redis-cli --cluster fix fails on: keys of a stable slot on a non-owner.
    @Test func yesRepairsVerifiesAndJournalsEveryStep() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let broken = try await sandbox.placeKeysOnNonOwner(in: cluster, slot: 42, holder: cluster.masters[1])
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-journal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let result = try await BinaryRunner.run(["fix", "127.0.0.1:\(cluster.masters[0].port)", "--yes", "--journal", journal])
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("moved \(broken.keysOnHolder.count) key(s)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("Verified:"))
        let files = try FileManager.default.contentsOfDirectory(atPath: journal).filter { $0.hasSuffix(".json") }
        #expect(files.count == 1)
        // Every mutating command is in the command log next to the journal, with its reply.
        let log = try String(contentsOfFile: journal + "/commands.log", encoding: .utf8)
        #expect(log.contains("CLUSTER SETSLOT 42 IMPORTING") && log.contains("-> OK"), "\(log)")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journal + "/" + files[0]))) as? [String: Any]
        #expect(record?["status"] as? String == "finished")
        #expect(record?["completedSteps"] as? Int == 3)

        // Nothing left: a second run says so and exits 0; --resume finds nothing to resume.
        let again = try await BinaryRunner.run(["fix", "127.0.0.1:\(cluster.masters[0].port)", "--yes", "--journal", journal])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("Nothing to fix"))
        let resume = try await BinaryRunner.run(["fix", "127.0.0.1:\(cluster.masters[0].port)", "--yes", "--resume", "--journal", journal])
        #expect(resume.status == 2)
        #expect(resume.standardError.contains("no interrupted fix to resume"))
        await sandbox.stopAll()
    }

    @Test func busyKeyWithADifferentValueStopsAndSaysWhich() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster)
        let clash = broken.keysOnSource[0]
        let target = Connection(endpoint: Endpoint(host: "127.0.0.1", port: broken.target.port))
        _ = try await target.pipeline([RESPCommand("ASKING"), RESPCommand("SET", clash, "another value")])
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-journal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let result = try await BinaryRunner.run(["fix", "127.0.0.1:\(cluster.masters[0].port)", "--yes", "--journal", journal])
        #expect(result.status == 1)
        #expect(result.standardError.contains(clash), "\(result.standardError)")
        #expect(result.standardError.contains("nothing was overwritten"))
        let values = try await target.pipeline([RESPCommand("ASKING"), RESPCommand("GET", clash)])
        #expect(values[1].string == "another value")

        // The operator deletes the wrong copy; --resume finishes the journaled plan.
        _ = try await target.pipeline([RESPCommand("ASKING"), RESPCommand("DEL", clash)])
        target.close()
        let resumed = try await BinaryRunner.run(["fix", "127.0.0.1:\(cluster.masters[0].port)", "--yes", "--resume", "--journal", journal])
        #expect(resumed.status == 0, "\(resumed.standardOutput)\n\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("Resuming"))
        #expect(resumed.standardOutput.contains("Verified:"))
        await sandbox.stopAll()
    }
}

/// `cmdstat_<name>` → calls, per node port: `INFO commandstats` of every node.
func commandStats(_ cluster: SandboxCluster) async throws -> [String: Int] {
    try await commandStats(of: cluster.nodes)
}

/// `cmdstat_<name>` → calls, per node port, for some nodes.
func commandStats(of nodes: [ClusterNode]) async throws -> [String: Int] {
    var stats: [String: Int] = [:]
    for node in nodes {
        let connection = Connection(endpoint: endpoint(node))
        defer { connection.close() }
        let info = try await connection.send(RESPCommand("INFO", "commandstats"))
        for (name, value) in infoFields(info) {
            guard let calls = value.split(separator: ",").first?.split(separator: "=").last.flatMap({ Int($0) }) else { continue }
            stats["\(node.port) \(name)"] = calls
        }
    }
    return stats
}

/// Only the commands that change a cluster: slot assignment, migration, forget, failover,
/// replication changes, writes.
func mutating(_ stats: [String: Int]) -> [String: Int] {
    let names = ["migrate", "setslot", "addslots", "addslotsrange", "delslots", "forget", "set", "del", "restore",
                 "failover", "replicate", "replicaof", "slaveof", "meet", "bumpepoch", "reset"]
    // calls=0: only refused (ACL `rejected_calls`, e.g. another test's restricted user on a shared cluster).
    return stats.filter { entry in entry.value > 0 && names.contains { entry.key.hasSuffix("_" + $0) || entry.key.hasSuffix("|" + $0) } }
}

/// The typed confirmation on a terminal: the number of slots, never a single key press.
@Suite struct FixConfirmationTests {
    @Test func onATerminalOnlyTheSlotCountGoesAhead() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        _ = try await sandbox.openMigratingOnly(in: cluster, slot: 9, target: cluster.masters[2])
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-journal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let arguments = ["fix", "127.0.0.1:\(cluster.masters[0].port)", "--journal", journal]
        let before = try await commandStats(cluster)
        for wrong in ["y\n", "yes\n", "2\n"] {
            let refused = try await BinaryRunner.run(arguments, terminal: true, input: wrong)
            #expect(refused.status == 1, "\(refused.standardOutput)")
            #expect(refused.standardOutput.contains("Type 1 (the number of slots this plan touches)"))
            #expect(refused.standardOutput.contains("not confirmed: nothing was changed"))
        }
        #expect(mutating(try await commandStats(cluster)) == mutating(before))
        let confirmed = try await BinaryRunner.run(arguments, terminal: true, input: "1\n")
        #expect(confirmed.status == 0, "\(confirmed.standardOutput)")
        #expect(confirmed.standardOutput.contains("Verified:"))
        await sandbox.stopAll()
    }
}

/// A stopped node: fix refuses to start, names it and says why, within its timeout.
@Suite struct FixUnreachableTests {
    /// Just stopped, and stopped long enough for the cluster to flag it `fail`: a failed
    /// master without a replica still owns its slots, so it is an outage, not a node to skip.
    @Test(arguments: [false, true])
    func stoppedMasterRefusesToStartAndNamesIt(flaggedFailed: Bool) async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        _ = try await sandbox.openMigratingOnly(in: cluster, slot: 9, target: cluster.masters[2])
        let stopped = cluster.masters[1]
        #expect(stopped.process.pause())
        if flaggedFailed { try await waitUntilFlaggedFailed(stopped.id, by: cluster.masters[0]) }
        let before = try await mutatingStats(of: [cluster.masters[0], cluster.masters[2]])
        let result = try await BinaryRunner.run(["fix", "127.0.0.1:\(cluster.masters[0].port)", "--yes", "--timeout", "1s"])
        #expect(result.status == 2, "\(result.standardOutput)")
        #expect(result.standardError.contains("cannot start: 127.0.0.1:\(stopped.port)"), "\(result.standardError)")
        #expect(result.standardError.contains("--force-unreachable"))
        #expect(try await mutatingStats(of: [cluster.masters[0], cluster.masters[2]]) == before)
        #expect(stopped.process.resume())
        await sandbox.stopAll()
    }
}

/// Waits (up to 30 s) until `observer`'s CLUSTER NODES flags `id` as `fail` (not `fail?`).
func waitUntilFlaggedFailed(_ id: String, by observer: ClusterNode) async throws {
    let connection = Connection(endpoint: endpoint(observer))
    defer { connection.close() }
    let deadline = ContinuousClock.now + .seconds(30)
    while ContinuousClock.now < deadline {
        let nodes = try await connection.send(RESPCommand("CLUSTER", "NODES")).string ?? ""
        let flags = nodes.split(separator: "\n").first { $0.hasPrefix(id) }?.split(separator: " ").dropFirst(2).first ?? ""
        if flags.split(separator: ",").contains("fail") { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("\(observer.port) never flagged \(id) as fail")
}

/// Mutating command counts of some nodes.
func mutatingStats(of nodes: [ClusterNode]) async throws -> [String: Int] {
    mutating(try await commandStats(of: nodes))
}
