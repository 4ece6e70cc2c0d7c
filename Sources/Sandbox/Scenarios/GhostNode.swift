import Foundation

/// What `Sandbox.replaceReplicaLeavingGhost` left behind: a replica replaced by a fresh node
/// (new id) at the same port. Every other node still lists the old id as
/// `:0@0 slave,fail,noaddr`; the fresh node replicates the same master.
public struct GhostNode: Sendable {
    /// The id that no longer exists (shown with `fail,noaddr` by `observers`).
    public let ghostID: String
    /// The port both the old and the new node listened on.
    public let port: Int
    /// The master both replicated.
    public let master: NodeRef
    /// The fresh node.
    public let replacement: NodeRef
    /// The process of the fresh node (the old process has exited).
    public let replacementProcess: ServerProcess
    /// The nodes whose `CLUSTER NODES` shows the ghost (every node except the replacement,
    /// which never heard of it). Each reports `cluster_known_nodes` one higher than the real
    /// node count.
    public let observers: [NodeRef]
}

extension Sandbox {
    /// Replaces `replica` (default: the first replica) by a fresh node at the same port:
    /// stops it, waits until every other node flags it `fail` (about one node timeout), deletes
    /// its `nodes.conf`, starts it again (new id), `CLUSTER MEET`s it with its old master and
    /// `CLUSTER REPLICATE`s that master. Waits until every other node shows the old id with
    /// `fail` and `noaddr` (they learn the address now answers with another id) and the new id
    /// as a replica of the master, and the new replica's link is up.
    ///
    /// The old id must be `fail` before the replacement appears: a node flagged `noaddr` is no
    /// longer pinged, so it would never get the `fail` flag.
    public func replaceReplicaLeavingGhost(_ replica: ClusterNode? = nil, in cluster: SandboxCluster,
                                           timeout: Double = 30) async throws -> GhostNode {
        guard let replica = replica ?? cluster.replicas.first, replica.role == .replica,
              let masterID = replica.masterID, let master = cluster.node(id: masterID) else {
            throw SandboxError.invalidConfiguration("replaceReplicaLeavingGhost needs a replica")
        }
        let observers = cluster.nodes.filter { $0.id != replica.id && $0.process.isRunning }
        await replica.process.stop()
        try await waitForFlags(of: replica.id, ["fail"], seenBy: observers, timeout: timeout)

        try? FileManager.default.removeItem(atPath: replica.process.directory + "/nodes.conf")
        let fresh = try await restart(replica.process, timeout: timeout)
        let freshID = try await command(fresh, "CLUSTER", "MYID")
        guard freshID != replica.id else {
            throw SandboxError.commandFailed(command: "CLUSTER MYID on port \(fresh.port)", exitStatus: 0,
                                             output: "the restarted node kept its id \(freshID)")
        }
        try await expectOK(fresh, "CLUSTER", "MEET", "127.0.0.1", String(master.port), String(master.busPort))
        var last = ""
        try await Poll.until("\(fresh) to learn its master", timeout: timeout, lastObservation: { last }) {
            let view = try await self.clusterNodesView(of: fresh)
            last = "knows \(view.count) nodes"
            return view.contains { $0.id == master.id && $0.flags.isDisjoint(with: ["handshake", "noaddr"]) }
        }
        try await expectOK(fresh, "CLUSTER", "REPLICATE", master.id)

        try await waitForFlags(of: replica.id, ["fail", "noaddr"], seenBy: observers, timeout: timeout)
        try await Poll.until("every node to see \(freshID) replicate \(master.id)", timeout: timeout,
                             lastObservation: { last }) {
            for node in observers {
                let line = try await self.clusterNodesView(of: node.process).first { $0.id == freshID }
                guard let line, line.flags.contains("slave"), line.masterID == master.id,
                      line.flags.isDisjoint(with: ClusterNodesLine.unsettledFlags) else {
                    last = "port \(node.port) sees \(line?.flags.sorted().joined(separator: ",") ?? "nothing")"
                    return false
                }
            }
            return true
        }
        try await waitForReplicaLink(fresh, timeout: timeout)
        return GhostNode(ghostID: replica.id, port: replica.port, master: NodeRef(master),
                         replacement: NodeRef(id: freshID, port: fresh.port), replacementProcess: fresh,
                         observers: observers.map(NodeRef.init))
    }

    /// Waits until each of `nodes` lists `id` with all of `flags`.
    func waitForFlags(of id: String, _ flags: Set<String>, seenBy nodes: [ClusterNode], timeout: Double) async throws {
        var last = ""
        try await Poll.until("\(id) flagged \(flags.sorted().joined(separator: ",")) everywhere", timeout: timeout,
                             lastObservation: { last }) {
            for node in nodes {
                let line = try await self.clusterNodesView(of: node.process).first { $0.id == id }
                guard let line, line.flags.isSuperset(of: flags) else {
                    last = "port \(node.port) sees \(line?.flags.sorted().joined(separator: ",") ?? "nothing")"
                    return false
                }
            }
            return true
        }
    }
}
