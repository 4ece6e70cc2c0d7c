import ClusterModel

/// The Nodes screen's rows: per shard its master, then its replicas; nodes outside any
/// shard (e.g. a failed master that lost its slots) after them.
public struct NodeRow: Sendable, Hashable {
    public var node: NodeState
    /// The shard's mark ("A") for a master, nil for a replica.
    public var shardMark: Character?
    public var isReplica: Bool
    /// The endpoint dialed, when it differs from the announced address.
    public var dialed: String?

    /// The row's texts joined, lowercased: what `/` matches against.
    public var searchText: String {
        [node.address.description, dialed ?? "", node.id.description, node.role.rawValue, node.flags.description,
         Formatting.reachability(node.reachability), node.hostname ?? "", node.displayVersion ?? ""]
            .joined(separator: " ").lowercased()
    }

    /// All rows of `snapshot`, in shard order, filtered by `filter` (lowercased substring).
    public static func make(_ snapshot: ClusterSnapshot, dialed: [NodeAddress: String], filter: String) -> [NodeRow] {
        let palette = ShardPalette(snapshot: snapshot)
        var rows: [NodeRow] = []
        rows.reserveCapacity(snapshot.nodes.count)
        var seen: Set<NodeID> = []
        for master in palette.masters {
            guard let node = snapshot.node(master) else { continue }
            seen.insert(master)
            rows.append(NodeRow(node: node, shardMark: palette.mark(of: master), isReplica: false,
                                dialed: dialed[node.address]))
            var replicas = snapshot.replicas(of: master)
            if replicas.count > 1 { replicas.sort { $0.address < $1.address } }
            for replica in replicas {
                seen.insert(replica.id)
                rows.append(NodeRow(node: replica, shardMark: nil, isReplica: true, dialed: dialed[replica.address]))
            }
        }
        if seen.count < snapshot.nodes.count {
            for index in snapshot.nodes.indices where !seen.contains(snapshot.nodes[index].id) {
                let node = snapshot.nodes[index]
                rows.append(NodeRow(node: node, shardMark: nil, isReplica: node.isReplica, dialed: dialed[node.address]))
            }
        }
        guard !filter.isEmpty else { return rows }
        return rows.filter { $0.searchText.contains(filter) }
    }
}

extension NodeRow {
    /// The Nodes screen's rows as shown: filtered, in the chosen order (empty before the
    /// first poll and in Sentinel mode).
    static func rows(_ state: InspectorState) -> [NodeRow] {
        guard let snapshot = state.snapshot else { return [] }
        return state.nodeSort.sorted(make(snapshot, dialed: state.dialed, filter: state.filter(for: .nodes)))
    }
}
