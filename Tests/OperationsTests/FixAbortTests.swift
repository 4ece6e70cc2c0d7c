import ClusterModel
import Foundation
import Operations
import Sandbox
import Synchronization
import Testing
import Wire

/// What the TUI's abort key relies on: a stop request honoured after the key batch in flight
/// or between steps, the journal saying where the run stopped, `--resume` finishing it with
/// no key lost, and every mutating command in the command log with its reply.
@Suite struct FixAbortTests {
    /// A stop asked while keys move: the batch in flight finishes, the slot stays open, the
    /// journal says step 1 is not done, and resuming it moves the rest.
    @Test func stopMidMoveFinishesTheBatchInFlightAndResumes() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster, keys: 200, moved: 50)
        try await loadBackgroundKeys(sandbox, cluster)
        let before = try await totalKeys(cluster)
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let pool = writablePool()
        defer { pool.closeAll() }
        let snapshot = await countedSnapshot(cluster, pool: pool)
        let plan = FixPlanner.plan(snapshot, findings: findings(snapshot), options: FixOptions(move: MoveSettings(keysPerBatch: 10)))
        let journal = try PlanJournal.create(directory: directory, action: "fix", seed: "test", plan: plan)
        // Asked to stop from the start: one batch goes (a run always makes progress), then it stops.
        let executor = PlanExecutor(pool: pool, journal: journal, hooks: ExecutionHooks(shouldStop: { true }))
        await #expect(throws: ActionError.stoppedMidMove(step: 0, slot: broken.slot, moved: 10, left: 10)) {
            try await executor.run(plan)
        }
        let stopped = try #require(PlanJournal.latestUnfinished(in: directory, action: "fix"))
        #expect(stopped.record.status == .failed && stopped.record.completedSteps == 0)
        #expect(try await totalKeys(cluster) == before)
        #expect(try await remainingProblems(cluster, pool: pool).contains { $0.kind == .openSlotHalfMigrated })

        let report = try await PlanExecutor(pool: pool, journal: stopped).run(stopped.record.plan, from: 0)
        #expect(report.keysMoved == 140)
        #expect(try await remainingProblems(cluster, pool: pool).isEmpty)
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnSource + broken.keysOnTarget, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    /// A stop asked as the last batch of a slot lands: the step completes, the run stops
    /// before the next one, and every mutating command is in the command log with its reply.
    @Test func stopBetweenStepsJournalsAndResumesWithNoKeyLost() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster, keys: 200, moved: 50)
        try await loadBackgroundKeys(sandbox, cluster)
        let before = try await totalKeys(cluster)
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let pool = writablePool()
        defer { pool.closeAll() }
        let snapshot = await countedSnapshot(cluster, pool: pool)
        let plan = FixPlanner.plan(snapshot, findings: findings(snapshot), options: FixOptions(move: MoveSettings(keysPerBatch: 10)))
        #expect(plan.steps.count > 1)
        let journal = try PlanJournal.create(directory: directory, action: "fix", seed: "test", plan: plan)
        let log = try CommandLog.inDirectory(directory)
        let allMoved = Mutex(false)
        let executor = PlanExecutor(pool: pool, journal: journal, log: log,
                                    hooks: ExecutionHooks(shouldStop: { allMoved.withLock { $0 } })) { progress in
            if progress.keysMoved >= 150 { allMoved.withLock { $0 = true } }
        }
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

    private func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-abort-\(UUID().uuidString)").path
    }
}
