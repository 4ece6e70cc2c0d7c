/// A running Redis Cluster started by `Sandbox.startCluster`.
public struct SandboxCluster: Sendable {
    /// Every node, masters first (in slot order), then replicas.
    public let nodes: [ClusterNode]
    /// The options every node was started with.
    public let options: ServerOptions

    /// Nodes that were started as masters.
    public var masters: [ClusterNode] { nodes.filter { $0.role == .master } }
    /// Nodes that were started as replicas.
    public var replicas: [ClusterNode] { nodes.filter { $0.role == .replica } }
    /// Every node's port (a seed list for clients).
    public var ports: [Int] { nodes.map(\.port) }

    /// The node with `id`, if any.
    public func node(id: String) -> ClusterNode? { nodes.first { $0.id == id } }
    /// The node listening on `port`, if any.
    public func node(port: Int) -> ClusterNode? { nodes.first { $0.port == port } }
    /// The replicas of the master with `masterID`.
    public func replicas(of masterID: String) -> [ClusterNode] { replicas.filter { $0.masterID == masterID } }
}

/// One node of a `SandboxCluster` as it was when the cluster became ready. Roles change after
/// a failover; ask the servers for the current state.
public struct ClusterNode: Sendable {
    /// Role at creation time.
    public enum Role: String, Sendable { case master, replica }

    public let process: ServerProcess
    /// The 40-character node id (`CLUSTER MYID`).
    public let id: String
    public let role: Role
    /// For a replica, its master's id.
    public let masterID: String?
    /// For a master, its slot ranges (inclusive).
    public let slots: [ClosedRange<Int>]

    public var port: Int { process.port }
    /// The cluster bus port.
    public var busPort: Int { process.port + PortAllocator.busPortOffset }
}
