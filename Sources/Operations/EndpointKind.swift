import ClusterModel
import RESP

/// What answered at the address the user gave, judged from the first poll's replies.
/// A check pointed at the wrong kind of endpoint must say so, not fail on a parse error.
public enum EndpointKind: Equatable, Sendable {
    case clusterNode
    /// A Redis server without cluster mode (`cluster_enabled:0`), with its replication role.
    case standalone(role: String)
    case sentinel
    /// Something that speaks RESP but is not a node (twemproxy, predixy, envoy,
    /// redis-cluster-proxy, codis): the name when it says one.
    case proxy(String?)

    /// Classifies from the seed's `CLUSTER NODES` and `INFO` replies.
    public static func classify(clusterNodes: RESPValue?, info: RESPValue?) -> EndpointKind {
        let infoText = info.flatMap { $0.isError ? nil : $0.string } ?? ""
        let parsed = try? ServerInfo(text: infoText)
        let mode = parsed?.server.mode
        if let clusterNodes, !clusterNodes.isError, mode != "sentinel" { return .clusterNode }
        if mode == "sentinel" { return .sentinel }
        if mode == "standalone" || mode == "cluster" {
            return .standalone(role: parsed?.replication?.role ?? "master")
        }
        let lowered = infoText.lowercased() + " " + (clusterNodes?.errorMessage?.lowercased() ?? "")
        for name in ["predixy", "twemproxy", "nutcracker", "envoy", "redis-cluster-proxy", "codis", "dragonfly"]
        where lowered.contains(name) {
            return .proxy(name)
        }
        if lowered.contains("# proxy") || lowered.contains("proxy_") { return .proxy(nil) }
        if parsed?.server.version != nil { return .standalone(role: parsed?.replication?.role ?? "master") }
        return .proxy(nil)
    }

    /// One line for the user: what this is, and what to give instead.
    public func explanation(address: String) -> String? {
        switch self {
        case .clusterNode:
            return nil
        case .standalone(let role):
            let what = role == "slave" ? "a replica" : "a master"
            return "\(address) is a standalone Redis server (\(what), cluster support disabled), not a cluster node: "
                + "give the address of a cluster node, or the group's sentinels with --sentinel HOST:PORT --master-name NAME"
        case .sentinel:
            return "\(address) is a Redis Sentinel, not a cluster node: use --sentinel \(address) --master-name NAME "
                + "to inspect the group it watches"
        case .proxy(let name):
            let who = name.map { "a proxy (\($0))" } ?? "a proxy or another non-node endpoint (no CLUSTER command)"
            return "\(address) answers like \(who), not a Redis cluster node: point slotscope at a node behind it "
                + "(e.g. kubectl port-forward pod/redis-0 7000:6379) and add --map ANNOUNCED=127.0.0.1:7000 for the others"
        }
    }
}
