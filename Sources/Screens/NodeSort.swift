import ClusterModel

/// The orders the Nodes screen offers; `s` moves to the next. Every order but `shard`
/// lists the nodes flat, largest first for the numbers, so the worst is on top.
public enum NodeSort: String, Sendable, Hashable, CaseIterable {
    /// Per shard, its master then its replicas (the default).
    case shard
    case address
    /// Replication lag (the larger of bytes and seconds against the health policy).
    case lag
    case keys
    case memory

    /// The next order, wrapping around.
    public var next: NodeSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// How the status line names it.
    public var label: String {
        switch self {
        case .shard: return "by shard"
        case .address: return "by address"
        case .lag: return "by lag, largest first"
        case .keys: return "by keys, most first"
        case .memory: return "by memory, most first"
        }
    }

    /// `rows` in this order (stable: ties keep the shard order).
    func sorted(_ rows: [NodeRow]) -> [NodeRow] {
        switch self {
        case .shard: return rows
        case .address: return stable(rows) { $0.node.address < $1.node.address }
        case .lag: return stable(rows) { LagGauge.fraction($0.node) > LagGauge.fraction($1.node) }
        case .keys: return stable(rows) { ($0.node.keys ?? -1) > ($1.node.keys ?? -1) }
        case .memory: return stable(rows) { ($0.node.usedMemory ?? -1) > ($1.node.usedMemory ?? -1) }
        }
    }

    private func stable(_ rows: [NodeRow], _ before: (NodeRow, NodeRow) -> Bool) -> [NodeRow] {
        rows.enumerated().sorted { a, b in
            if before(a.element, b.element) { return true }
            if before(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }
}
