import ClusterModel
@testable import Operations
import Testing

/// The pure parts of failover: the cluster pre-checks and plans on synthetic snapshots
/// (3 masters × 1 replica: nodes 0-2 masters, 3-5 their replicas), the progress read from a
/// later snapshot, and Sentinel's pick order.
@Suite struct FailoverPlannerUnitTests {
    static let time = Timestamp(milliseconds: 1_800_000_000_000)

    static func snapshot(failedOver: Set<Int> = []) -> (SyntheticCluster, ClusterSnapshot) {
        let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1, failedOver: failedOver)
        return (cluster, ClusterSnapshot.build(from: cluster.polls(at: time), at: time))
    }

    static func refusal(_ result: Result<FailoverPlan, FailoverRefusal>) -> FailoverRefusal? {
        if case .failure(let refusal) = result { return refusal }
        return nil
    }

    @Test func eachModeSendsItsCommandToTheReplicaWithItsRisks() throws {
        let (cluster, snapshot) = Self.snapshot()
        let replica = cluster.id(3)
        for mode in FailoverMode.allCases {
            let planned = try FailoverPlanner.plan(snapshot, replica: String(replica.description.prefix(10)), mode: mode).get()
            #expect(planned.replica.id == replica)
            #expect(planned.master.id == cluster.id(0))
            #expect(planned.plan.steps.count == 1)
            guard case .command(let node, let arguments, _, _) = planned.plan.steps[0].action else {
                Issue.record("not a command step")
                continue
            }
            #expect(node.id == replica)
            #expect(arguments == mode.arguments)
            #expect(planned.slots == snapshot.slots(of: cluster.id(0)))
            #expect(planned.confirmation == replica.short)
        }
        let force = try FailoverPlanner.plan(snapshot, replica: replica.description, mode: .force).get()
        #expect(force.plan.risks.contains { $0.contains("writes it accepted that the replica has not received yet are lost") })
        let takeover = try FailoverPlanner.plan(snapshot, replica: replica.description, mode: .takeover).get()
        #expect(takeover.plan.risks.contains { $0.contains("epoch collision") })
        #expect(takeover.plan.notes.contains { $0.contains("TAKEOVER asks no master for a vote") })
    }

    @Test func idsThatNameNoReplicaAreRefused() {
        let (cluster, snapshot) = Self.snapshot()
        #expect(Self.refusal(FailoverPlanner.plan(snapshot, replica: "zz", mode: .coordinated))
                == .noSuchNode(given: "zz", replicas: snapshot.replicas.map { FailoverPlanner.name($0) }))
        #expect(Self.refusal(FailoverPlanner.plan(snapshot, replica: "", mode: .coordinated)) != nil)
        guard case .isMaster? = Self.refusal(FailoverPlanner.plan(snapshot, replica: cluster.id(1).description, mode: .force)) else {
            Issue.record("a master's id must be refused")
            return
        }
        // Synthetic ids repeat a 16-digit pattern: a one-digit prefix can match several nodes.
        let first = String(cluster.id(3).description.prefix(1))
        let matching = snapshot.nodes.filter { $0.id.description.hasPrefix(first) }
        if matching.count > 1, case .ambiguous(let given, let matches)? = Self.refusal(FailoverPlanner.plan(snapshot, replica: first, mode: .coordinated)) {
            #expect(given == first)
            #expect(matches.count == matching.count)
        }
    }

    @Test func aDeadMasterNeedsForceAndItsRisksAreSpelledOut() throws {
        // Master 0 is dead and its replica (3) already took over: fail over shard 1 instead,
        // after making its master look dead too.
        var (cluster, snapshot) = Self.snapshot()
        let masterIndex = try #require(snapshot.nodeIndex(cluster.id(1)))
        snapshot.nodes[masterIndex].reachability = .unreachable(.timeout)
        let replica = cluster.id(4).description
        guard case .masterUnreachable(_, let why)? = Self.refusal(FailoverPlanner.plan(snapshot, replica: replica, mode: .coordinated)) else {
            Issue.record("default mode needs the master")
            return
        }
        #expect(why == "timed out")
        let forced = try FailoverPlanner.plan(snapshot, replica: replica, mode: .force).get()
        #expect(forced.plan.notes.contains { $0.contains("is down (timed out): that is what FORCE is for") })
        #expect(forced.plan.risks.contains { $0.contains("whatever the master accepted after that is lost") })
    }

    @Test func linkDownAndLagAreRefusedWhileTheMasterAnswers() throws {
        var (cluster, snapshot) = Self.snapshot()
        let index = try #require(snapshot.nodeIndex(cluster.id(3)))
        let replica = cluster.id(3).description
        snapshot.nodes[index].replication?.lagBytes = 5_000_000
        #expect(Self.refusal(FailoverPlanner.plan(snapshot, replica: replica, mode: .coordinated))
                == .lagging(node: FailoverPlanner.name(snapshot.nodes[index]), bytes: 5_000_000, limit: FailoverPlanner.defaultMaxLagBytes))
        #expect((try? FailoverPlanner.plan(snapshot, replica: replica, mode: .coordinated, maxLagBytes: -1).get()) != nil)
        snapshot.nodes[index].replication?.lagBytes = nil
        guard case .offsetUnknown? = Self.refusal(FailoverPlanner.plan(snapshot, replica: replica, mode: .force)) else {
            Issue.record("an unknown offset must be refused")
            return
        }
        snapshot.nodes[index].replication?.linkUp = false
        snapshot.nodes[index].replication?.linkDownSeconds = 42
        #expect(Self.refusal(FailoverPlanner.plan(snapshot, replica: replica, mode: .takeover))
                == .linkDown(node: FailoverPlanner.name(snapshot.nodes[index]), master: FailoverPlanner.name(try #require(snapshot.node(cluster.id(0)))), seconds: 42))
    }

    @Test func withoutAMajorityOnlyTakeoverIsPlanned() throws {
        var (cluster, snapshot) = Self.snapshot()
        for master in [0, 1] {
            snapshot.nodes[try #require(snapshot.nodeIndex(cluster.id(master)))].reachability = .unreachable(.refused)
        }
        let replica = cluster.id(3).description
        guard case .noMajority(let up, let voters, let down)? = Self.refusal(FailoverPlanner.plan(snapshot, replica: replica, mode: .force)) else {
            Issue.record("FORCE needs a majority")
            return
        }
        #expect((up, voters, down.count) == (1, 3, 2))
        #expect((try? FailoverPlanner.plan(snapshot, replica: replica, mode: .takeover).get()) != nil)
    }

    @Test func progressIsCompleteOnceTheReplicaIsMasterAndEveryViewAgrees() throws {
        let (cluster, before) = Self.snapshot()
        let planned = try FailoverPlanner.plan(before, replica: cluster.id(3).description, mode: .force).get()
        let unchanged = FailoverStatus.read(before, for: planned)
        #expect(!unchanged.promoted)
        #expect(!unchanged.isComplete(after: planned))
        // The synthetic failover of shard 0: replica 3 serves its slots with a higher epoch, master 0 is dead.
        let (_, after) = Self.snapshot(failedOver: [0])
        let status = FailoverStatus.read(after, for: planned)
        #expect(status.promoted)
        #expect(status.agreeing.count == status.asked.count)
        #expect(status.oldMasterFollows == nil)
        #expect(status.isComplete(after: planned))
    }

    @Test func sentinelPicksEligibleThenLowestPriorityThenHighestOffsetThenRunID() {
        func candidate(_ port: Int, priority: Int64, offset: Int64, runID: String, excluded: String? = nil) -> SentinelCandidate {
            SentinelCandidate(address: NodeAddress(host: "127.0.0.1", port: port), priority: priority, offset: offset,
                              runID: runID, lagBytes: nil, excluded: excluded)
        }
        let all = [candidate(1, priority: 1, offset: 10, runID: "a", excluded: "down"),
                   candidate(2, priority: 100, offset: 50, runID: "b"),
                   candidate(3, priority: 10, offset: 5, runID: "c"),
                   candidate(4, priority: 100, offset: 50, runID: "a"),
                   candidate(5, priority: 100, offset: 90, runID: "z")]
        #expect(all.sorted(by: SentinelFailoverPlanner.ranked).map(\.address.port) == [3, 5, 4, 2, 1])
        let sorted = all.sorted(by: SentinelFailoverPlanner.ranked)
        #expect(SentinelFailoverPlanner.reason(sorted[0], among: sorted).hasPrefix("lowest replica-priority"))
        let tied = [candidate(4, priority: 100, offset: 50, runID: "a"), candidate(2, priority: 100, offset: 50, runID: "b")]
        #expect(SentinelFailoverPlanner.reason(tied[0], among: tied).hasPrefix("same priority and offset as another, lowest run id"))
    }
}
