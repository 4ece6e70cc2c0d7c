import ClusterModel
import Operations
import Sandbox
import Testing
import TestSupport
import Wire

/// What a fix must never do: overwrite a different value, or act in read-only mode.
@Suite struct FixSafetyTests {
    @Test func busyKeyWithADifferentValueStopsWithoutOverwriting() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster, keys: 20, moved: 10)
        let target = try #require(cluster.node(id: broken.target.id))
        let source = try #require(cluster.node(id: broken.source.id))
        let clash = broken.keysOnSource[0]
        try await setAsking([(clash, "another value")], on: target)
        await #expect(throws: ActionError.self) { try await repair(cluster) }
        do {
            _ = try await repair(cluster)
        } catch let error as ActionError {
            guard case .busyKey(_, _, _, _, let keys) = error else { Issue.record("\(error)"); return }
            #expect(keys == [clash])
            #expect(error.description.contains("nothing was overwritten"))
        }
        #expect(try await localValue(clash, on: source) == clash)
        #expect(try await localValue(clash, on: target) == "another value")
        await sandbox.stopAll()
    }

    @Test func busyKeyWithTheSameValueIsReplacedAndTheMoveFinishes() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster, keys: 20, moved: 10)
        let target = try #require(cluster.node(id: broken.target.id))
        try await setAsking([(broken.keysOnSource[0], broken.keysOnSource[0])], on: target)
        let (_, report, remaining) = try await repair(cluster)
        #expect(remaining.isEmpty, "\(remaining.map(\.title))")
        #expect(report.identicalReplaced == 1)
        #expect(try await unreadableKeys(broken.keysOnSource + broken.keysOnTarget, in: cluster).isEmpty)
        #expect(try await totalKeys(cluster) == 20)
        await sandbox.stopAll()
    }

    @Test func readOnlyPoolIsRefusedBeforeAnythingIsSent() async throws {
        let (sandbox, cluster) = try await freshCluster()
        _ = try await sandbox.leaveMigrationHalfFinished(in: cluster)
        let pool = writablePool(readOnly: true)
        let snapshot = await countedSnapshot(cluster, pool: pool)
        let plan = FixPlanner.plan(snapshot, findings: findings(snapshot))
        #expect(!plan.isEmpty)
        await #expect(throws: ActionError.readOnly) { try await PlanExecutor(pool: pool).run(plan) }
        await sandbox.stopAll()
    }
}
