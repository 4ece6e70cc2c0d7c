import ClusterModel
@testable import Operations
import Testing

/// The pure reshard planner on a synthetic 3-master cluster (slots shared evenly).
@Suite struct ReshardPlannerUnitTests {
    let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1)
    var snapshot: ClusterSnapshot {
        let t = Timestamp(milliseconds: 1_800_000_000_000)
        return ClusterSnapshot.build(from: cluster.polls(at: t), at: t)
    }

    func moves(_ plan: Plan) -> [SlotMove] {
        plan.steps.flatMap { step -> [SlotMove] in
            guard case .moveSlots(let moves, _) = step.action else { return [] }
            return moves
        }
    }

    @Test func countFromAllIsProportionalAndExact() throws {
        let target = String(cluster.id(0).description.prefix(10))
        let plan = try ReshardPlanner.plan(snapshot, request: ReshardRequest(slots: .count(1001), sources: .all, target: target))
        let all = moves(plan)
        #expect(all.count == 1001 && plan.slots.count == 1001)
        let fromOne = all.filter { $0.source.id == cluster.id(1) }.map(\.slot)
        let fromTwo = all.filter { $0.source.id == cluster.id(2) }.map(\.slot)
        // Shares in proportion (one slot apart at most), each source's lowest slots first.
        #expect(abs(fromOne.count - fromTwo.count) <= 1)
        let startOne = snapshot.slots(of: cluster.id(1))[0].start, startTwo = snapshot.slots(of: cluster.id(2))[0].start
        #expect(fromOne == Array(startOne..<(startOne + fromOne.count)))
        #expect(fromTwo == Array(startTwo..<(startTwo + fromTwo.count)))
        #expect(all.allSatisfy { $0.target.id == cluster.id(0) })
        // Windows of 64, each mixing both sources so they move in parallel.
        #expect(plan.steps.count == (1001 + 63) / 64)
        guard case .moveSlots(let first, let masters) = plan.steps[0].action else { Issue.record("not a window"); return }
        #expect(Set(first.map(\.source.id)).count == 2)
        #expect(masters.count == 3)
    }

    @Test func rangesComeFromTheirOwnersAndSkipTheTargetsOwn() throws {
        let end = snapshot.slots(of: cluster.id(0))[0].end
        let plan = try ReshardPlanner.plan(snapshot, request: ReshardRequest(slots: .ranges([SlotRange(end - 60, end + 40)]), sources: .owners,
                                                                             target: cluster.id(1).description))
        #expect(plan.slots == Array((end - 60)...end))
        #expect(moves(plan).allSatisfy { $0.source.id == cluster.id(0) })
        #expect(plan.notes.contains { $0.contains("40 of the slots asked for are already on") })
    }

    @Test func badIdsAndImpossibleRequestsSayWhatIsWrong() {
        func message(_ request: ReshardRequest) -> String {
            do {
                _ = try ReshardPlanner.plan(snapshot, request: request)
                return ""
            } catch {
                return error.description
            }
        }
        #expect(message(ReshardRequest(slots: .count(10), sources: .all, target: "zz")).contains("--to zz: no node id starts with that"))
        #expect(message(ReshardRequest(slots: .count(10), sources: .all, target: cluster.id(3).description)).contains("a replica"))
        #expect(message(ReshardRequest(slots: .count(10), sources: .owners, target: cluster.id(0).description)).contains("needs --from"))
        #expect(message(ReshardRequest(slots: .count(6000), sources: .nodes([cluster.id(1).description]),
                                       target: cluster.id(0).description)).contains("own only 5461"))
        #expect(message(ReshardRequest(slots: .ranges([SlotRange(0, 10)]), sources: .nodes([cluster.id(2).description]),
                                       target: cluster.id(1).description)).contains("not one of --from"))
        #expect(message(ReshardRequest(slots: .count(10), sources: .nodes([cluster.id(0).description]),
                                       target: cluster.id(0).description)).contains("is the target itself"))
    }

    @Test func balanceFollowsWeightsAndTheThreshold() throws {
        let even = try ReshardPlanner.balance(snapshot, request: BalanceRequest())
        #expect(even.isEmpty && even.notes[0].contains("No rebalancing needed"))
        let heavy = try ReshardPlanner.balance(snapshot, request: BalanceRequest(weights: [cluster.id(0).description: 2]))
        // Shares 8192 / 4096 / 4096: the first master gets what it lacks from the two others.
        let all = moves(heavy)
        let owned = snapshot.slots(of: cluster.id(0)).slotCount
        #expect(all.allSatisfy { $0.target.id == cluster.id(0) })
        #expect(all.count == 8192 - owned)
        let drained = try ReshardPlanner.balance(snapshot, request: BalanceRequest(weights: [cluster.id(2).description: 0]))
        #expect(moves(drained).count == snapshot.slots(of: cluster.id(2)).slotCount)
        #expect(moves(drained).allSatisfy { $0.source.id == cluster.id(2) })
    }

    @Test func dryRunLinesFollowRedisCliOrderPerSlot() throws {
        let plan = try ReshardPlanner.plan(snapshot, request: ReshardRequest(slots: .ranges([SlotRange(slot: 7)]), sources: .owners,
                                                                             target: cluster.id(1).description))
        let lines = plan.steps[0].commandLines(move: MoveSettings(keysPerBatch: 1000))
        let source = cluster.address(0), target = cluster.address(1), other = cluster.address(2)
        #expect(lines == [
            "\(target) CLUSTER SETSLOT 7 IMPORTING \(cluster.id(0))",
            "\(source) CLUSTER SETSLOT 7 MIGRATING \(cluster.id(1))",
            "\(source) CLUSTER GETKEYSINSLOT 7 1000",
            "\(source) MIGRATE \(target.host) \(target.port) \"\" 0 5000 KEYS <those keys>   # repeat both until no key is left",
            "\(target) CLUSTER SETSLOT 7 NODE \(cluster.id(1))",
            "\(source) CLUSTER SETSLOT 7 NODE \(cluster.id(1))",
            "\(other) CLUSTER SETSLOT 7 NODE \(cluster.id(1))",
        ])
    }
}
