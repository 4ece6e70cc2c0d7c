import ClusterModel
import Foundation
import Operations
import Sandbox
import Testing
import Wire

/// What the TUI's abort key relies on: a stop request honoured between steps (the step in
/// flight finishes), the journal saying where the run stopped, `--resume` finishing it with
/// no key lost, and every mutating command in the command log with its reply.
@Suite struct FixAbortTests {
    @Test func stopBetweenStepsJournalsAndResumesWithNoKeyLost() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster, keys: 200, moved: 50)
        try await loadBackgroundKeys(sandbox, cluster)
        let before = try await totalKeys(cluster)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-abort-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let pool = writablePool()
        defer { pool.closeAll() }
        let snapshot = await countedSnapshot(cluster, pool: pool)
        let plan = FixPlanner.plan(snapshot, findings: findings(snapshot), options: FixOptions(move: MoveSettings(keysPerBatch: 10)))
        #expect(plan.steps.count > 1)
        let journal = try PlanJournal.create(directory: directory, action: "fix", seed: "test", plan: plan)
        let log = try CommandLog.inDirectory(directory)
        // Asked to stop from the start: the first step still runs whole, then the run stops.
        let executor = PlanExecutor(pool: pool, journal: journal, log: log, hooks: ExecutionHooks(shouldStop: { true }))
        await #expect(throws: ActionError.interrupted(step: 1, slotsDone: 1, slotsTotal: 1)) { try await executor.run(plan) }

        let stopped = try #require(PlanJournal.latestUnfinished(in: directory, action: "fix"))
        #expect(stopped.record.status == .failed && stopped.record.completedSteps == 1)
        #expect(stopped.record.error?.contains("--resume") == true)
        #expect(try await totalKeys(cluster) == before)

        let report = try await PlanExecutor(pool: pool, journal: stopped, log: log).run(stopped.record.plan, from: 1)
        #expect(report.stepsRun == plan.steps.count - 1)
        #expect(try await remainingProblems(cluster, pool: pool).isEmpty)
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnSource + broken.keysOnTarget, in: cluster).isEmpty)

        // Every mutating command, with its reply: the MIGRATE batches, then each SETSLOT.
        let lines = try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n")
        let migrates = lines.filter { $0.contains(" MIGRATE 127.0.0.1 ") }
        #expect(migrates.count == 15 && migrates.allSatisfy { $0.hasSuffix("KEYS <10 key(s)> -> OK") }, "\(migrates)")
        let setslots = lines.filter { $0.contains(" CLUSTER SETSLOT \(broken.slot) NODE ") }
        #expect(setslots.count == plan.steps.count - 1 && setslots.allSatisfy { $0.hasSuffix("-> OK") }, "\(setslots)")
        await sandbox.stopAll()
    }
}
