import ClusterModel
import Foundation
import Operations
import Sandbox
import Synchronization
import Testing
import TestSupport
import Wire

/// Interrupted runs, and clusters that need a password for MIGRATE.
@Suite struct FixResumeTests {
    /// A run cancelled while keys move leaves a journal; resuming from it finishes the move
    /// with no key lost.
    @Test func runInterruptedMidMoveResumesFromItsJournal() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster, keys: 2000, moved: 0)
        let before = try await totalKeys(cluster)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-resume-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let pool = writablePool()
        defer { pool.closeAll() }
        let snapshot = await countedSnapshot(cluster, pool: pool)
        let plan = FixPlanner.plan(snapshot, findings: findings(snapshot), options: FixOptions(move: MoveSettings(keysPerBatch: 10)))
        let journal = try PlanJournal.create(directory: directory, action: "fix", seed: "test", plan: plan)
        let running = Mutex<Task<ExecutionReport, any Error>?>(nil)
        let executor = PlanExecutor(pool: pool, journal: journal) { progress in
            if progress.keysMoved >= 300 { running.withLock { $0?.cancel() } }
        }
        let task = Task { try await executor.run(plan) }
        running.withLock { $0 = task }
        await #expect(throws: ActionError.self) { try await task.value }

        let interrupted = try #require(PlanJournal.latestUnfinished(in: directory, action: "fix"))
        #expect(interrupted.record.status == .failed)
        #expect(interrupted.record.completedSteps == 0)
        #expect(try await totalKeys(cluster) == before)
        let report = try await PlanExecutor(pool: pool, journal: interrupted).run(interrupted.record.plan,
                                                                                  from: interrupted.record.completedSteps)
        #expect(report.keysMoved > 0 && report.keysMoved < 2000)
        #expect(PlanJournal.latestUnfinished(in: directory, action: "fix") == nil)
        #expect(try await remainingProblems(cluster, pool: pool).isEmpty)
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(broken.keysOnSource + broken.keysOnTarget, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    /// MIGRATE carries AUTH (default user) or AUTH2 (an ACL user) to the target.
    @Test(arguments: [false, true])
    func passwordProtectedClusterMovesKeysWithAuth(aclUser: Bool) async throws {
        let sandbox = try Sandbox(binaries: try requireRedis())
        let options = ServerOptions(password: "s3cret", aclUsers: aclUser ? [.admin(name: "fixer", password: "fixpw")] : [])
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0, options: options)
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster, keys: 40, moved: 10)
        let credentials = aclUser ? Credentials(user: "fixer", password: "fixpw") : Credentials(password: "s3cret")
        let before = try await totalKeys(cluster, credentials: credentials)
        let (plan, report, remaining) = try await repair(cluster, options: FixOptions(move: MoveSettings(authenticated: true)),
                                                         credentials: credentials)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(report.keysMoved == 30)
        let lines = plan.steps.flatMap { $0.commandLines(move: plan.move) }.joined(separator: "\n")
        #expect(lines.contains("AUTH ***") && !lines.contains("s3cret") && !lines.contains("fixpw"), "\(lines)")
        #expect(try await totalKeys(cluster, credentials: credentials) == before)
        #expect(try await unreadableKeys(broken.keysOnSource + broken.keysOnTarget, in: cluster, credentials: credentials).isEmpty)
        await sandbox.stopAll()
    }
}
