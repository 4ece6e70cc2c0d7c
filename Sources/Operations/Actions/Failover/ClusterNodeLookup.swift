import ClusterModel

extension ClusterSnapshot {
    /// The node whose id is `given` or starts with it (case-insensitive): the one match,
    /// or every match when there are several (none: empty).
    func nodes(matchingID given: String) -> [NodeState] {
        let prefix = given.lowercased()
        guard !prefix.isEmpty else { return [] }
        if let exact = nodes.first(where: { $0.id.description == prefix }) { return [exact] }
        return nodes.filter { $0.id.description.hasPrefix(prefix) }
    }

    /// A node as the plan and its refusals name it.
    func planNode(_ node: NodeState) -> PlanNode { PlanNode(id: node.id, address: node.address) }
}

extension Reachability {
    /// Why a node could not be read, for a refusal line; nil when it could.
    var problem: String? {
        switch self {
        case .reachable: return nil
        case .unreachable(let failure): return failure.description
        case .notPolled: return "not polled: no node's view led to it"
        }
    }
}
