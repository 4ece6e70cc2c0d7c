import ClusterModel

/// One change in a plain replication group between two polls, as `watch HOST:PORT` prints
/// it for a group no sentinel watches (no events to subscribe to): a node's role, the
/// master it follows, its link or its reachability changed, or it joined or left.
struct ReplicationChangeLine: Codable, Sendable, Equatable {
    var time: String
    /// `role`, `following`, `link`, `reachability`, `joined` or `left`.
    var kind: String
    var node: String
    var message: String

    var text: String { "\(time)  \(kind.padding(14))\(node)  \(message)" }

    /// The changes from `old` to `new`, node by node in address order.
    static func changes(from old: SentinelSnapshot, to new: SentinelSnapshot) -> [ReplicationChangeLine] {
        let before = Dictionary(old.groups.flatMap(\.dataNodes).map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.groups.flatMap(\.dataNodes).map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        let time = EventLine.iso8601(new.time)
        var lines: [ReplicationChangeLine] = []
        func add(_ kind: String, _ address: NodeAddress, _ message: String) {
            lines.append(ReplicationChangeLine(time: time, kind: kind, node: address.description, message: message))
        }
        for address in Set(before.keys).union(after.keys).sorted() {
            guard let now = after[address] else {
                add("left", address, "no longer linked to the group")
                continue
            }
            guard let then = before[address] else {
                add("joined", address, now.isMaster ? "master" : "replica of \(now.following?.description ?? "?")")
                continue
            }
            if reachable(then) != reachable(now) {
                if case .unreachable(let failure) = now.reachability {
                    add("reachability", address, "unreachable: \(failure)")
                } else if now.reachability == .reachable {
                    add("reachability", address, "reachable again")
                }
            }
            if let role = now.role, let previous = then.role, role != previous, now.roleFromNode {
                add("role", address, "\(name(previous)) → \(name(role))")
            }
            if !now.isMaster, let following = now.following, then.following != following, then.following != nil {
                add("following", address, "\(then.following!) → \(following)")
            }
            if !now.isMaster, let link = now.linkUp, let previous = then.linkUp, link != previous {
                add("link", address, "link to \(now.following?.description ?? "its master") \(link ? "up" : "down")")
            }
        }
        return lines
    }

    private static func reachable(_ node: DataNodeState) -> Bool { node.reachability == .reachable }
    private static func name(_ role: String) -> String { role == "slave" ? "replica" : role }
}
