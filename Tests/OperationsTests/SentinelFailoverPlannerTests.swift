import ClusterModel
@testable import Operations
import RESP
import Testing

/// The Sentinel failover planner on a snapshot built from hand-written replies of one
/// sentinel: master on 6000, replicas on 6001 and 6002.
@Suite struct SentinelFailoverPlannerTests {
    static let sentinel = NodeAddress(host: "127.0.0.1", port: 26379)
    static let time = Timestamp(milliseconds: 1_800_000_000_000)

    static func record(_ pairs: [(String, String)]) -> RESPValue {
        .array(pairs.flatMap { [RESPValue.bulkString(Array($0.0.utf8)), .bulkString(Array($0.1.utf8))] })
    }

    static func replica(_ port: Int, priority: Int, offset: Int, runID: String, roleAge: Int = 60_000) -> RESPValue {
        record([("name", "127.0.0.1:\(port)"), ("ip", "127.0.0.1"), ("port", "\(port)"), ("runid", runID), ("flags", "slave"),
                ("slave-priority", "\(priority)"), ("slave-repl-offset", "\(offset)"), ("master-link-status", "ok"),
                ("role-reported", "slave"), ("role-reported-time", "\(roleAge)"),
                ("master-host", "127.0.0.1"), ("master-port", "6000")])
    }

    static func snapshot(flags: String = "master", epoch: Int = 0, priorities: (Int, Int) = (100, 10),
                         roleAge: Int = 60_000) -> SentinelSnapshot {
        let master = record([("name", "mymaster"), ("ip", "127.0.0.1"), ("port", "6000"), ("runid", "m"), ("flags", flags),
                             ("config-epoch", "\(epoch)"), ("quorum", "2"), ("num-slaves", "2"), ("num-other-sentinels", "0"),
                             ("role-reported", "master"), ("role-reported-time", "\(roleAge)")])
        let replies = SentinelReplies(
            masters: .array([master]),
            replicas: ["mymaster": .array([replica(6001, priority: priorities.0, offset: 500, runID: "b", roleAge: roleAge),
                                           replica(6002, priority: priorities.1, offset: 400, runID: "a", roleAge: roleAge)])],
            sentinels: ["mymaster": .array([])],
            masterAddress: ["mymaster": .array([.bulkString(Array("127.0.0.1".utf8)), .bulkString(Array("6000".utf8))])],
            info: .bulkString(Array("# Sentinel\r\nsentinel_masters:1\r\nsentinel_tilt:0\r\n".utf8)))
        return SentinelSnapshot.build(sentinels: [SentinelPoll(address: sentinel, time: time, outcome: .replied(replies))],
                                      dataNodes: [])
    }

    @Test func thePlanGoesToTheSentinelAndNamesTheLikelyPickAndWhy() throws {
        let plan = try SentinelFailoverPlanner.plan(Self.snapshot(), masterName: "mymaster").get()
        #expect(plan.sentinel == Self.sentinel)
        #expect(plan.master == NodeAddress(host: "127.0.0.1", port: 6000))
        #expect(plan.arguments == ["SENTINEL", "FAILOVER", "mymaster"])
        #expect(plan.candidates.map(\.address.port) == [6002, 6001])
        #expect(plan.likelyPick?.address.port == 6002)
        #expect(plan.notes.contains { $0.hasPrefix("Likely new master: 127.0.0.1:6002 — lowest replica-priority (priority 10") })
        #expect(!plan.risks.contains { $0.hasPrefix("A failover happened recently") })
        // Same priority: the larger offset wins.
        let tied = try SentinelFailoverPlanner.plan(Self.snapshot(priorities: (100, 100)), masterName: "mymaster").get()
        #expect(tied.likelyPick?.address.port == 6001)
    }

    @Test func refusalsNameWhatIsWrong() {
        #expect(Self.failure(Self.snapshot(), "other") == .noSentinelKnows(name: "other"))
        #expect(Self.failure(Self.snapshot(flags: "master,failover_in_progress"), "mymaster")
                == .inProgress(name: "mymaster", sentinels: [Self.sentinel]))
        guard case .noEligibleReplica(_, let reasons)? = Self.failure(Self.snapshot(priorities: (0, 0)), "mymaster") else {
            Issue.record("replicas with priority 0 cannot be promoted")
            return
        }
        #expect(reasons.count == 2 && reasons.allSatisfy { $0.contains("replica-priority 0") })
    }

    @Test func aRecentFailoverIsARisk() throws {
        let plan = try SentinelFailoverPlanner.plan(Self.snapshot(epoch: 3, roleAge: 2_000), masterName: "mymaster").get()
        #expect(plan.risks.contains { $0.hasPrefix("A failover happened recently (role changes as the sentinel saw them: 127.0.0.1:6000 2 s ago") })
    }

    @Test func theStatusIsNotSettledUntilTheNewMasterConfirmsAndEverySentinelNamesIt() {
        let status = SentinelFailoverStatus.read(Self.snapshot(), masterName: "mymaster", newMaster: NodeAddress(host: "127.0.0.1", port: 6002))
        #expect(!status.isSettled)
        #expect(status.problems.contains("127.0.0.1:6002 does not report role:master"))
        #expect(status.problems.contains("sentinel 127.0.0.1:26379 still names 127.0.0.1:6000"))
        #expect(status.sentinelsAgreeing.isEmpty && status.sentinelsAsked == [Self.sentinel])
    }

    @Test func aDataNodeThatAnsweredBeforeMustBeFoundFollowing() {
        // Right after the switch the lists may not name the old master (6000) at all yet.
        let status = SentinelFailoverStatus.read(Self.snapshot(), masterName: "mymaster", newMaster: NodeAddress(host: "127.0.0.1", port: 6002),
                                                 expected: [6000, 6001, 6002].map { NodeAddress(host: "127.0.0.1", port: $0) })
        #expect(!status.isSettled)
        #expect(status.problems.contains("127.0.0.1:6000 does not answer"), "\(status.problems)")
        #expect(status.problems.contains("127.0.0.1:6001 does not answer"), "\(status.problems)")
        #expect(status.replicasAsked.map(\.port) == [6000, 6001])
        #expect(status.replicasFollowing.isEmpty)
        let unknown = SentinelFailoverStatus.read(Self.snapshot(), masterName: "mymaster", newMaster: NodeAddress(host: "127.0.0.1", port: 6002),
                                                  expected: [NodeAddress(host: "127.0.0.1", port: 7000)])
        #expect(unknown.problems.contains("127.0.0.1:7000 is not listed in the group yet"), "\(unknown.problems)")
    }

    static func failure(_ snapshot: SentinelSnapshot, _ name: String) -> SentinelFailoverRefusal? {
        if case .failure(let refusal) = SentinelFailoverPlanner.plan(snapshot, masterName: name) { return refusal }
        return nil
    }
}
