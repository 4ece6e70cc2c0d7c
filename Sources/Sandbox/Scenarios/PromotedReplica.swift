import Foundation

/// What `Sandbox.killMasterAndAwaitPromotion` left behind: a master killed with SIGKILL, its
/// replica promoted by the cluster, the survivors agreeing again with `cluster_state:ok`.
public struct PromotedReplica: Sendable {
    /// The killed master (still listed by every survivor, flagged `master,fail`).
    public let oldMaster: NodeRef
    /// Its former replica, now master of `slots`.
    public let newMaster: NodeRef
    /// The slots that changed hands.
    public let slots: [ClosedRange<Int>]
    /// Wall-clock time of the SIGKILL (to line up with `watch` events).
    public let killedAt: Date
    /// SIGKILL → every survivor flags the old master `fail`.
    public let failFlaggedAfter: Duration
    /// SIGKILL → the replica answers `ROLE` with `master`.
    public let promotedAfter: Duration
    /// SIGKILL → every survivor says `cluster_state:ok` and all views agree.
    public let convergedAfter: Duration
}

extension Sandbox {
    /// SIGKILLs `master` (default: the first master that has a replica) by PID, then waits until
    /// its replica is master, every survivor flags the old master `fail`, and the survivors have
    /// converged (`cluster_state:ok`, same slots and roles everywhere).
    ///
    /// Start the cluster with a small `nodeTimeoutMilliseconds` (1000–2000): promotion takes
    /// about 1.5–2 node timeouts (measured: ~2.9–3.8 s at 2000 ms).
    public func killMasterAndAwaitPromotion(_ master: ClusterNode? = nil, in cluster: SandboxCluster,
                                            timeout: Double = 30) async throws -> PromotedReplica {
        guard let victim = master ?? cluster.masters.first(where: { !cluster.replicas(of: $0.id).isEmpty }),
              let heir = cluster.replicas(of: victim.id).first else {
            throw SandboxError.invalidConfiguration("killMasterAndAwaitPromotion needs a master with a replica")
        }
        let survivors = cluster.nodes.filter { $0.id != victim.id && $0.process.isRunning }
        let killedAt = Date()
        let start = ContinuousClock.now
        victim.process.kill()

        async let promoted: Duration = {
            try await self.waitForRole(heir.process, .master, timeout: timeout)
            return ContinuousClock.now - start
        }()
        var last = ""
        try await Poll.until("every survivor to flag \(victim.id) fail", timeout: timeout, interval: 0.05,
                             lastObservation: { last }) {
            for node in survivors {
                let line = try await self.clusterNodesView(of: node.process).first { $0.id == victim.id }
                guard let line, line.flags.contains("fail") else {
                    last = "port \(node.port) sees \(line?.flags.sorted().joined(separator: ",") ?? "nothing")"
                    return false
                }
            }
            return true
        }
        let failFlaggedAfter = ContinuousClock.now - start
        let promotedAfter = try await promoted
        try await waitForClusterConvergence(cluster, timeout: timeout)
        return PromotedReplica(oldMaster: NodeRef(victim), newMaster: NodeRef(heir), slots: victim.slots,
                               killedAt: killedAt, failFlaggedAfter: failFlaggedAfter,
                               promotedAfter: promotedAfter, convergedAfter: ContinuousClock.now - start)
    }
}
