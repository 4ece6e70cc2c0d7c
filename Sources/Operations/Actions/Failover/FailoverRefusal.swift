import ClusterModel

/// Why a cluster failover will not be planned: one line that names what is wrong and what
/// to do instead. Nothing has been sent when one of these is raised.
public enum FailoverRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case noSuchNode(given: String, replicas: [String])
    case ambiguous(given: String, matches: [String])
    case isMaster(node: String, replicas: [String])
    case noMaster(node: String)
    case replicaUnreachable(node: String, why: String)
    case replicaFailing(node: String, state: String)
    case masterUnreachable(master: String, why: String)
    case linkDown(node: String, master: String, seconds: Int64?)
    case lagging(node: String, bytes: Int64, limit: Int64)
    case offsetUnknown(node: String)
    case noMajority(up: Int, voters: Int, down: [String])

    public var description: String {
        switch self {
        case .noSuchNode(let given, let replicas):
            return "no node id starts with \(given); replicas: \(Self.list(replicas))"
        case .ambiguous(let given, let matches):
            return "\(given) matches \(matches.count) nodes (\(Self.list(matches))): give more of the id"
        case .isMaster(let node, let replicas):
            return "\(node) is a master: give one of its replicas (\(Self.list(replicas))) — the replica is promoted, not the master"
        case .noMaster(let node):
            return "\(node) is a replica of no known master: there is nothing to fail over"
        case .replicaUnreachable(let node, let why):
            return "\(node) is unreachable (\(why)): CLUSTER FAILOVER must be sent to it; pick a replica that answers"
        case .replicaFailing(let node, let state):
            return "\(node) is flagged \(state) by other nodes: a failing replica would not win the election; pick another"
        case .masterUnreachable(let master, let why):
            return "its master \(master) is unreachable (\(why)): a default failover needs the master's handshake — "
                + "if the master is dead, pass --force (the masters vote; unreplicated writes are lost)"
        case .linkDown(let node, let master, let seconds):
            let since = seconds.map { " for \($0) s" } ?? ""
            return "\(node)'s replication link to its master \(master) is down\(since) while the master answers: "
                + "its data may be stale; wait for master_link_status:up or pick another replica"
        case .lagging(let node, let bytes, let limit):
            return "\(node) is \(bytes) bytes behind its master (limit \(limit), --max-lag): wait for it to catch up, "
                + "or raise --max-lag if the lag is expected"
        case .offsetUnknown(let node):
            return "\(node)'s replication offset could not be read: cannot tell whether it has caught up; "
                + "check INFO replication on it (or raise --max-lag to -1 to skip this check)"
        case .noMajority(let up, let voters, let down):
            return "only \(up) of \(voters) masters serving slots are up (down: \(Self.list(down))): a default or FORCE "
                + "failover needs a majority (\(voters / 2 + 1)) to vote — bring them back, or pass --takeover (read its risks)"
        }
    }

    private static func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.joined(separator: ", ") }
}
