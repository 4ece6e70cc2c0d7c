import Foundation
import RESP
import Sandbox
import Testing
import TestSupport
import Wire

/// A reshard stopped part-way — kill -9 at chosen points, kill -9 from outside, a node
/// frozen with SIGSTOP, Ctrl-C — then finished with `--resume`: zero keys lost.
@Suite struct ReshardInterruptionTests {
    /// 256 slots of 40 keys: four windows of 64 slots.
    static let slots = Array(0..<256)
    /// For signals sent from outside: 16 windows, moved 2 keys per MIGRATE, so the run is
    /// still going when the test has seen the first window journaled.
    static let longSlots = Array(0..<1024)

    func arguments(_ cluster: SandboxCluster, journal: String, slots: [Int] = slots) -> [String] {
        ["reshard", "127.0.0.1:\(cluster.masters[0].port)", "--from", cluster.masters[0].id, "--to", cluster.masters[2].id,
         "--slots", String(slots.count), "--yes", "--journal", journal]
    }

    /// Finishes with --resume and checks every key and slot.
    func resumeAndCheck(_ cluster: SandboxCluster, journal: String, keys: [String], slots: [Int] = slots) async throws {
        let resumed = try await BinaryRunner.run(["reshard", "127.0.0.1:\(cluster.masters[0].port)", "--resume", "--yes", "--journal", journal])
        #expect(resumed.status == 0, "\(resumed.standardOutput)\n\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("Resuming"))
        #expect(resumed.standardOutput.contains("Verified:"), "\(resumed.standardOutput)")
        #expect(try await totalKeys(cluster) == keys.count)
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)
        for node in cluster.masters {
            let view = try await slotView(of: node)
            #expect(slots.allSatisfy { view.owners[$0] == cluster.masters[2].id })
            #expect(!view.open)
        }
        #expect(try journalRecord(journal)?["status"] as? String == "finished")
    }

    /// kill -9 while window 2 opens its slots, mid key move, after the targets took the
    /// slots but before the sources knew, and before the other masters were told.
    @Test(arguments: ["importing@2", "opened@2", "keys@2", "target-node@2", "source-node@2"])
    func killedAtAPointThenResumed(point: String) async throws {
        let (sandbox, cluster, keys) = try await reshardCluster(slots: Self.slots, keysPerSlot: 40)
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let killed = try await BinaryRunner.run(arguments(cluster, journal: journal), environment: ["SLOTSCOPE_FAULT": point])
        #expect(killed.status == SIGKILL, "\(killed.standardOutput)\n\(killed.standardError)")
        #expect(try journalRecord(journal)?["completedSteps"] as? Int == 1)
        #expect(try await totalKeys(cluster) == keys.count)
        try await resumeAndCheck(cluster, journal: journal, keys: keys)
        await sandbox.stopAll()
    }

    /// kill -9 from outside, as soon as the first window is journaled.
    @Test func killedFromOutsideThenResumed() async throws {
        let (sandbox, cluster, keys) = try await reshardCluster(slots: Self.longSlots, keysPerSlot: 40)
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let running = try RunningBinary(arguments(cluster, journal: journal, slots: Self.longSlots) + ["--pipeline", "2"])
        #expect(await whenJournal(journal, reaches: 1, send(SIGKILL, to: running.pid)))
        let killed = await running.finish()
        #expect(killed.status == SIGKILL)
        try await resumeAndCheck(cluster, journal: journal, keys: keys, slots: Self.longSlots)
        await sandbox.stopAll()
    }

    /// Ctrl-C: the window in flight finishes, nothing is left open, --resume moves the rest.
    @Test func interruptedWithCtrlCThenResumed() async throws {
        let (sandbox, cluster, keys) = try await reshardCluster(slots: Self.longSlots, keysPerSlot: 40)
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let running = try RunningBinary(arguments(cluster, journal: journal, slots: Self.longSlots) + ["--pipeline", "2"])
        #expect(await whenJournal(journal, reaches: 1, send(SIGINT, to: running.pid)))
        let stopped = await running.finish()
        #expect(stopped.status == 1, "\(stopped.standardOutput)\n\(stopped.standardError)")
        #expect(stopped.standardError.contains("stopping after the step in flight"), "\(stopped.standardError)")
        #expect(stopped.standardError.contains("none left half-way") && stopped.standardError.contains("--resume"), "\(stopped.standardError)")
        let done = try journalRecord(journal)?["completedSteps"] as? Int ?? 0
        #expect(done >= 1 && done < 16)
        for node in cluster.masters { #expect(try await !slotView(of: node).open) }
        try await resumeAndCheck(cluster, journal: journal, keys: keys, slots: Self.longSlots)
        await sandbox.stopAll()
    }

    /// The target frozen mid-reshard: the run stops with a clear error within its timeout,
    /// and --resume finishes once the node answers again.
    @Test func nodeStoppedMidReshardThenResumedAfterSIGCONT() async throws {
        let (sandbox, cluster, keys) = try await reshardCluster(slots: Self.longSlots, keysPerSlot: 40)
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let target = cluster.masters[2]
        let running = try RunningBinary(arguments(cluster, journal: journal, slots: Self.longSlots) + ["--pipeline", "2", "--timeout", "1s"])
        let frozen = target.process
        #expect(await whenJournal(journal, reaches: 1) { frozen.pause() })
        let stopped = await running.finish()
        #expect(target.process.resume())
        #expect(stopped.status == 1, "\(stopped.standardOutput)\n\(stopped.standardError)")
        #expect(stopped.standardError.contains("reshard stopped: step"), "\(stopped.standardError)")
        #expect(stopped.standardError.contains("127.0.0.1:\(target.port)"), "\(stopped.standardError)")
        #expect(try journalRecord(journal)?["status"] as? String == "failed")
        try await waitUntilClusterOK(cluster)
        try await resumeAndCheck(cluster, journal: journal, keys: keys, slots: Self.longSlots)
        await sandbox.stopAll()
    }

    /// After SIGCONT the frozen node is flagged failed for a moment; resume once every node says ok.
    func waitUntilClusterOK(_ cluster: SandboxCluster) async throws {
        for _ in 0..<600 {
            var ok = true
            for node in cluster.masters {
                let connection = Connection(endpoint: endpoint(node))
                defer { connection.close() }
                let info = try await connection.send(RESPCommand("CLUSTER", "INFO"))
                ok = ok && (info.string ?? "").contains("cluster_state:ok")
            }
            if ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// A master drained of every slot turns into a replica of the new owner once it has lost
    /// its last slot; killed right then, the resumed run leaves out what is complete and does
    /// not send the former master its window again.
    @Test func drainKilledAfterTheLastSlotChangedHandsThenResumed() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let drained = cluster.masters[2]
        let owned = try await slotView(of: cluster.masters[0]).owners.filter { $0.value == drained.id }.keys.sorted()
        let keys = try await sandbox.loadKeys(into: cluster, slots: Array(owned.suffix(200)), keysPerSlot: 5, prefix: "dr").keys
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let windows = (owned.count + 63) / 64
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        let killed = try await BinaryRunner.run(["reshard", seed, "--from", drained.id, "--to", cluster.masters[0].id,
                                                 "--slots", String(owned.count), "--yes", "--journal", journal],
                                                environment: ["SLOTSCOPE_FAULT": "target-node@\(windows)"])
        #expect(killed.status == SIGKILL, "\(killed.standardError)")
        let resumed = try await BinaryRunner.run(["reshard", seed, "--resume", "--yes", "--journal", journal])
        #expect(resumed.status == 0, "\(resumed.standardOutput)\n\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("Verified:"), "\(resumed.standardOutput)")
        let owners = try await slotView(of: cluster.masters[0]).owners
        #expect(owned.allSatisfy { owners[$0] == cluster.masters[0].id })
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)
        await sandbox.stopAll()
    }
}
