import ClusterModel
import Operations
import Screens

/// `R`: move the number of slots the form asked for to the master selected on Nodes, from
/// every other master in proportion (`slotscope reshard --from all --to ID --slots N`),
/// confirmed by typing that number; done when every moved slot has its new owner everywhere
/// and no slot is left open.
struct ReshardAdapter: ActionAdapter {
    var kind: ActionKind { .reshard }

    func plan(_ cycle: PollCycle, selected: NodeID?, slots: Int?, session: ActionSession) -> Result<PlannedAction, ActionAdapterRefusal> {
        guard let target = selected, let count = slots else {
            return .failure(ActionAdapterRefusal(title: "reshard: select the target master on Nodes and press R", lines: ["Nothing was sent."]))
        }
        let move = MoveSettings(migrateTimeoutMilliseconds: session.migrateTimeoutMilliseconds,
                                authenticated: session.pool.options.credentials.password != nil)
        let plan: Plan
        do {
            plan = try ReshardPlanner.plan(cycle.snapshot, request: ReshardRequest(slots: .count(count), sources: .all,
                                                                                 target: target.description), move: move)
        } catch {
            return .failure(ActionAdapterRefusal(title: "cannot reshard", lines: [error.description, "Nothing was sent."]))
        }
        guard !plan.isEmpty else {
            return .failure(ActionAdapterRefusal(title: "nothing to move", lines: ["The plan is empty: nothing was sent."]))
        }
        let blockers = PlanReachability.blockers(plan, snapshot: cycle.snapshot)
        if !blockers.isEmpty {
            return .failure(ActionAdapterRefusal(title: "reshard cannot start: a node involved is unreachable",
                                                 lines: blockers.map(\.message) + ["Nothing was sent."]))
        }
        return .success(PlannedAction(
            plan: plan, confirmation: String(plan.slots.count), confirmationMeaning: "the number of slots this plan moves",
            remaining: { snapshot in ReshardChecks.remainingProblems(plan, snapshot: snapshot) },
            doneText: "Verified: a fresh poll shows every moved slot owned by its new master on every node, none left open."))
    }
}
