import Sandbox
import Testing

@Suite("Scenarios: catalog")
struct BrokenStateTests {
    @Test("every drill has a distinct name and a summary")
    func names() {
        #expect(Set(BrokenState.allCases.map(\.rawValue)).count == BrokenState.allCases.count)
        #expect(BrokenState.allCases.allSatisfy { !$0.summary.isEmpty })
        #expect(BrokenState(rawValue: "ghost-node") == .ghostNode)
        #expect(BrokenState.allCases.filter(\.needsReplicas) == [.killedMaster, .ghostNode])
    }

    @Test("apply breaks a 2-master cluster and says what it did")
    func apply() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 2, replicasPerMaster: 0)
        let account = try await BrokenState.migratingOnly.apply(to: cluster, in: sandbox)
        print("migrating-only: \(account)")
        #expect(account.hasPrefix("slot 0 migrating on \(NodeRef(cluster.masters[0])) (10 keys)"), "\(account)")
        #expect(try await sandbox.nodesLine(of: cluster.masters[0].id, seenBy: cluster.masters[0].port)
            .contains("[0->-\(cluster.masters[1].id)]"))
        await sandbox.stopAll()
    }
}
