import Foundation
import Sandbox
import Testing
import TestSupport

/// Ctrl-C during `fix`: the step in flight finishes, the run stops with the journal saying
/// where, and `fix --resume` finishes the plan with every key readable.
@Suite struct FixInterruptionTests {
    @Test func interruptedWithCtrlCThenResumed() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        // Eight half-finished migrations with 1,500 keys each left on the source: a plan of
        // many steps whose key moves take long enough (one key a batch) to be interrupted.
        var keys: [String] = []
        for slot in 0..<8 {
            let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster, slot: slot, to: cluster.masters[1],
                                                                       keys: 1500, moved: 10)
            keys += broken.keysOnSource + broken.keysOnTarget
        }
        let before = try await totalKeys(cluster)
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        // One key per MIGRATE: the whole plan then takes seconds, not the 0.7 s that a loaded
        // machine once let pass before this test saw the first step done (the resume below
        // uses the default pipeline, so this costs nothing when the interrupt lands early).
        let running = try RunningBinary(["fix", seed, "--yes", "--journal", journal, "--pipeline", "1"])
        #expect(await whenJournal(journal, reaches: 1, send(SIGINT, to: running.pid)))
        let stopped = await running.finish()
        #expect(stopped.status == 1, "\(stopped.standardOutput)\n\(stopped.standardError)")
        #expect(stopped.standardError.contains("stopping after the step in flight"), "\(stopped.standardError)")
        #expect(stopped.standardError.contains("--resume"), "\(stopped.standardError)")
        let done = try journalRecord(journal)?["completedSteps"] as? Int ?? 0
        #expect(done >= 1)

        let resumed = try await BinaryRunner.run(["fix", seed, "--resume", "--yes", "--journal", journal])
        #expect(resumed.status == 0, "\(resumed.standardOutput)\n\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("Verified:"), "\(resumed.standardOutput)")
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)
        for node in cluster.masters { #expect(try await !slotView(of: node).open) }
        await sandbox.stopAll()
    }
}
