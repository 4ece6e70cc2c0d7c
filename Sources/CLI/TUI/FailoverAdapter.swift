import ClusterModel
import Operations
import Screens

/// `F`: `CLUSTER FAILOVER` (default mode, the safe one) on the replica selected on the Nodes
/// screen, with the failover planner's pre-checks; confirmed by typing the replica's short
/// id; done when the replica is master with a higher epoch and every view agrees. FORCE and
/// TAKEOVER stay in the shell (`slotscope failover --force|--takeover`), where their risks
/// are spelled out on request.
struct FailoverAdapter: ActionAdapter {
    var kind: ActionKind { .failover }

    func plan(_ cycle: PollCycle, selected: NodeID?, slots: Int?, session: ActionSession) -> Result<PlannedAction, ActionAdapterRefusal> {
        guard let selected else {
            return .failure(ActionAdapterRefusal(title: "failover: select a replica first", lines: [
                "Open the Nodes screen, move to the replica to promote, and press F there.",
                "Nothing was sent. FORCE and TAKEOVER: slotscope failover HOST:PORT --replica ID --force|--takeover.",
            ]))
        }
        switch FailoverPlanner.plan(cycle.snapshot, replica: selected.description, mode: .coordinated) {
        case .failure(let refusal):
            return .failure(ActionAdapterRefusal(title: "cannot fail over", lines: [refusal.description, "Nothing was sent."]))
        case .success(let planned):
            return .success(PlannedAction(
                plan: planned.plan, confirmation: planned.confirmation,
                confirmationMeaning: "the id of the replica to promote",
                remaining: { snapshot in
                    let status = FailoverStatus.read(snapshot, for: planned)
                    guard !status.isComplete(after: planned) else { return [] }
                    if !status.promoted { return ["\(planned.replica) is not master yet"] }
                    if (status.epoch ?? 0) <= planned.masterEpoch { return ["\(planned.replica) has no newer config epoch yet"] }
                    if status.agreeing.count < status.asked.count {
                        return ["\(status.asked.count - status.agreeing.count) node(s) do not yet give it the shard's slots"]
                    }
                    return ["the old master \(planned.master) does not follow \(planned.replica) yet"]
                },
                doneText: "Verified: \(planned.replica) is master of the shard with a newer epoch; every node agrees."))
        }
    }
}
