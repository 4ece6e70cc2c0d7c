import ClusterModel
import Operations
import Screens

/// What one TUI action needs besides the shared flow: how to plan it on a fresh snapshot,
/// what the user types to confirm it, and which findings must be gone afterwards. Adding
/// reshard or failover to the TUI is one more of these.
protocol ActionAdapter: Sendable {
    var kind: ActionKind { get }
    /// The plan for `cycle` (polled with a key census), or why there is none (title, lines).
    func plan(_ cycle: PollCycle, session: ActionSession) -> Result<Plan, ActionAdapterRefusal>
    /// What must be typed to run `plan`, and what that word is.
    func confirmation(for plan: Plan) -> (word: String, meaning: String)
    /// The problems of `snapshot` the action should have removed.
    func remaining(in snapshot: ClusterSnapshot) -> [Finding]
    /// The verdict line when none remain.
    var repairedText: String { get }
}

/// Why an adapter made no plan: a title for the footer, lines for the panel.
struct ActionAdapterRefusal: Error {
    var title: String
    var lines: [String]
}

/// `f`: the fix planner on the fresh snapshot, confirmed by the number of slots it touches.
struct FixAdapter: ActionAdapter {
    var kind: ActionKind { .fix }

    func plan(_ cycle: PollCycle, session: ActionSession) -> Result<Plan, ActionAdapterRefusal> {
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
        return .success(plan)
    }

    func confirmation(for plan: Plan) -> (word: String, meaning: String) {
        (Confirmation.expectedAnswer(for: plan),
         plan.slots.isEmpty ? "this plan touches no slot" : "the number of slots this plan touches")
    }

    func remaining(in snapshot: ClusterSnapshot) -> [Finding] {
        findings(snapshot).filter { FixPlanner.verifiedKinds.contains($0.kind) }
    }

    var repairedText: String {
        "Verified: a fresh poll shows no unserved or open slots, no keys on non-owners and no ghost nodes."
    }
}
