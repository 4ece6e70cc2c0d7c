@testable import CLI
import ClusterModel
import Operations
import Testing

/// The checks around a reshard run, on a synthetic 3-master cluster, and its flag parsing.
@Suite struct ReshardChecksTests {
    let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1)
    var snapshot: ClusterSnapshot {
        let t = Timestamp(milliseconds: 1_800_000_000_000)
        return ClusterSnapshot.build(from: cluster.polls(at: t), at: t)
    }

    func plan(slot: Int, from source: Int, to target: Int) -> Plan {
        let move = SlotMove(slot: slot, source: PlanNode(id: cluster.id(source), address: cluster.address(source)),
                            target: PlanNode(id: cluster.id(target), address: cluster.address(target)), keys: 0)
        return Plan(steps: [Step(.moveSlots(moves: [move], masters: []), why: "test")], slots: [slot])
    }

    @Test func resumeRefusesASlotNowOwnedByAThirdNode() {
        #expect(ReshardChecks.resumeConflicts(plan(slot: 7, from: 0, to: 1), snapshot: snapshot, from: 0).isEmpty)
        #expect(ReshardChecks.resumeConflicts(plan(slot: 7, from: 1, to: 0), snapshot: snapshot, from: 0).isEmpty)
        let conflicts = ReshardChecks.resumeConflicts(plan(slot: 7, from: 2, to: 1), snapshot: snapshot, from: 0)
        #expect(conflicts == ["slot 7 is now owned by \(cluster.address(0)), neither \(cluster.address(2)) nor \(cluster.address(1))"])
        // Steps already done are not checked.
        #expect(ReshardChecks.resumeConflicts(plan(slot: 7, from: 2, to: 1), snapshot: snapshot, from: 1).isEmpty)
    }

    @Test func verificationNamesSlotsNotYetWithTheirTarget() {
        #expect(ReshardChecks.remainingProblems(plan(slot: 7, from: 1, to: 0), snapshot: snapshot).isEmpty)
        #expect(ReshardChecks.remainingProblems(plan(slot: 7, from: 0, to: 1), snapshot: snapshot)
                == ["slots 7 are not served by their new owner"])
    }

    @Test func slotsFromAndWeightsParseOrSayWhatIsWrong() throws {
        #expect(try ReshardArguments.slots("1000") == .count(1000))
        #expect(try ReshardArguments.slots("0-999,3000,2000-2099") == .ranges([SlotRange(0, 999), SlotRange(2000, 2099), SlotRange(3000, 3000)]))
        #expect(try ReshardArguments.slots("3-5,4-8") == .ranges([SlotRange(3, 8)]))
        for bad in ["0", "16385", "5-3", "0-16384", "a-b", "1,,2"] {
            #expect(throws: CLIError.self) { try ReshardArguments.slots(bad) }
        }
        #expect(try ReshardArguments.sources(nil) == .owners)
        #expect(try ReshardArguments.sources("ALL") == .all)
        #expect(try ReshardArguments.sources("ab12, cd34") == .nodes(["ab12", "cd34"]))
        #expect(try ReshardArguments.weights(["ab=2", "cd=0.5"]) == ["ab": 2, "cd": 0.5])
        #expect(throws: CLIError.self) { try ReshardArguments.weights(["ab=-1"]) }
    }
}
