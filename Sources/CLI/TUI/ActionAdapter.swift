import ClusterModel
import Operations
import Screens

/// What one TUI action needs besides the shared flow: how to plan it on a fresh snapshot
/// (and what to type to confirm it, and how to tell it worked). Adding reshard or failover
/// to the TUI is one more of these.
protocol ActionAdapter: Sendable {
    var kind: ActionKind { get }
    /// The plan for `cycle` (polled with a key census), or why there is none. `selected`: the
    /// node selected on the Nodes screen, if any; `slots`: what reshard's form asked for.
    func plan(_ cycle: PollCycle, selected: NodeID?, slots: Int?, session: ActionSession) -> Result<PlannedAction, ActionAdapterRefusal>
}

/// A plan ready to show, with its confirmation word and its own check of the result.
struct PlannedAction: Sendable {
    var plan: Plan
    /// What must be typed to run it, and what that word is.
    var confirmation: String
    var confirmationMeaning: String
    /// The problems a fresh snapshot still shows (empty: the action did its job).
    var remaining: @Sendable (ClusterSnapshot) -> [String]
    /// The verdict line when none remain.
    var doneText: String
}

/// Why an adapter made no plan: a title for the footer, lines for the panel.
struct ActionAdapterRefusal: Error {
    var title: String
    var lines: [String]
}

/// `f`: the fix planner on the fresh snapshot, confirmed by the number of slots it touches.
struct FixAdapter: ActionAdapter {
    var kind: ActionKind { .fix }

    func plan(_ cycle: PollCycle, selected: NodeID?, slots: Int?, session: ActionSession) -> Result<PlannedAction, ActionAdapterRefusal> {
        let move = MoveSettings(migrateTimeoutMilliseconds: session.migrateTimeoutMilliseconds,
                                authenticated: session.pool.options.credentials.password != nil)
        let found = findings(cycle.snapshot)
        let plan = FixPlanner.plan(cycle.snapshot, findings: found, options: FixOptions(move: move))
        if plan.isEmpty {
            let remaining = found.filter { FixPlanner.verifiedKinds.contains($0.kind) }
            if remaining.isEmpty && plan.unresolved.isEmpty {
                return .failure(ActionAdapterRefusal(title: "nothing to fix", lines: [
                    "A fresh poll shows no unserved or open slots, no keys on non-owners and no ghost nodes.",
                ]))
            }
            return .failure(ActionAdapterRefusal(
                title: "nothing fix can do safely here",
                lines: remaining.map { "still wrong: " + $0.title } + plan.unresolved.map { "not repaired: " + $0 }))
        }
        let blockers = PlanReachability.blockers(plan, snapshot: cycle.snapshot)
        if !blockers.isEmpty {
            return .failure(ActionAdapterRefusal(
                title: "fix cannot start: a node involved is unreachable",
                lines: blockers.map(\.message) + ["Nothing was sent. Bring the node back (or run slotscope fix --force-unreachable in a shell)."]))
        }
        return .success(PlannedAction(
            plan: plan, confirmation: Confirmation.expectedAnswer(for: plan),
            confirmationMeaning: plan.slots.isEmpty ? "this plan touches no slot" : "the number of slots this plan touches",
            remaining: { snapshot in findings(snapshot).filter { FixPlanner.verifiedKinds.contains($0.kind) }.map(\.title) },
            doneText: "Verified: a fresh poll shows no unserved or open slots, no keys on non-owners and no ghost nodes."))
    }
}
