import ClusterModel
import Operations

/// The nodes that stop a plan from starting: a node the plan sends commands to, or a master
/// (whose keys the plan relies on), that is unreachable. Shared by `fix` and the TUI.
enum PlanReachability {
    struct Blocker {
        var node: NodeState
        var why: String
        /// The plan sends it commands (else: its keys could not be counted).
        var involved: Bool

        /// `cannot start: ADDR (id) is unreachable: WHY — REASON`.
        var message: String {
            "cannot start: \(node.address) (\(node.id.short)) is unreachable: \(why) — "
                + (involved ? "the plan sends it commands" : "its keys could not be counted")
        }
    }

    /// The blockers of `plan` from `firstStep` on, in `snapshot`'s node order. A node the plan
    /// forgets and a dead master already replaced (failed, not involved) do not block.
    static func blockers(_ plan: Plan, snapshot: ClusterSnapshot, from firstStep: Int = 0) -> [Blocker] {
        let involved = Set(plan.steps.dropFirst(firstStep).flatMap(\.nodes).map(\.id))
        let forgotten = Set(plan.steps.compactMap { step -> NodeID? in
            guard case .commandOnAll(_, let arguments, _, _) = step.action, arguments.count == 3, arguments[1] == "FORGET" else { return nil }
            return NodeID(arguments[2])
        })
        var result: [Blocker] = []
        for node in snapshot.nodes where (involved.contains(node.id) || node.isMaster) && !forgotten.contains(node.id) {
            guard case .unreachable(let why) = node.reachability else { continue }
            // A dead master already replaced (flagged fail, its slots served by another node).
            // One that still owns slots is an outage the plan cannot work around: it counts.
            if !involved.contains(node.id) && node.failure.state == .failed && snapshot.slots(of: node.id).isEmpty { continue }
            result.append(Blocker(node: node, why: "\(why)", involved: involved.contains(node.id)))
        }
        return result
    }
}
