/// Runs every health rule over a snapshot. Pure; findings come worst first.
public func findings(_ snapshot: ClusterSnapshot, policy: HealthPolicy = .default) -> [Finding] {
    let context = RuleContext(snapshot: snapshot, policy: policy)
    var result: [Finding] = []
    result += slotRules(context)
    result += openSlotRules(context)
    result += nodeRules(context)
    result += replicationRules(context)
    let kindOrder = Dictionary(uniqueKeysWithValues: FindingKind.allCases.enumerated().map { ($1, $0) })
    return result.enumerated().sorted {
        ($1.element.severity, kindOrder[$0.element.kind]!, $0.offset) < ($0.element.severity, kindOrder[$1.element.kind]!, $1.offset)
    }.map(\.element)
}

/// Shared helpers for the rules.
struct RuleContext {
    let snapshot: ClusterSnapshot
    let policy: HealthPolicy

    /// `abcd1234 (10.0.0.1:6379)`.
    func name(_ id: NodeID) -> String {
        guard let node = snapshot.node(id), !node.address.isUnset else { return id.short }
        return "\(id.short) (\(node.address))"
    }

    func names(_ ids: [NodeID]) -> String { ids.map(name).joined(separator: ", ") }

    /// The address to hand to slotscope: the seed, else any reachable node.
    var seed: String {
        if let seed = policy.seed { return seed.description }
        return snapshot.nodes.first { $0.reachability.isReachable }?.address.description ?? "HOST:PORT"
    }

    /// `redis-cli -h HOST -p PORT ARGS`, addressed to a node's announced address.
    func cli(_ id: NodeID, _ args: String) -> String {
        guard let node = snapshot.node(id), !node.address.isUnset else { return "redis-cli -h ? -p ? \(args)" }
        return "redis-cli -h \(node.address.host) -p \(node.address.port) \(args)"
    }

    /// Masters that serve slots by consensus.
    var slotMasters: [ShardState] { snapshot.shards.filter { !$0.slots.isEmpty } }

    /// Nodes that are alive as far as the cluster and Slotscope can tell.
    var liveNodes: [NodeState] {
        snapshot.nodes.filter { $0.reachability.isReachable || ($0.failure.state == .ok && !$0.flags.contains(.noAddress)) }
    }

    func slotText(_ ranges: [SlotRange]) -> String {
        let n = ranges.slotCount
        let list = ranges.count > 6 ? ranges.prefix(6).map(\.description).joined(separator: ",") + ",…" : ranges.compactDescription
        return n == 1 ? "slot \(list)" : "\(n) slots (\(list))"
    }
}
