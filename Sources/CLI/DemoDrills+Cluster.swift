import Sandbox

/// The cluster's drills: kill a master, stop a replica, open a slot, unassign slots.
extension DemoDrills {
    private func runningMasters(_ cluster: SandboxCluster) -> [ClusterNode] {
        cluster.masters.filter { $0.process.isRunning }
    }

    func killMaster(of cluster: SandboxCluster, post: @escaping @Sendable (String) -> Void) async throws -> String {
        // The last such master: the first node is the inspector's seed, best kept alive.
        guard let victim = runningMasters(cluster).last(where: { master in
            cluster.replicas(of: master.id).contains { $0.process.isRunning }
        }) else { return "kill a master: no running master has a running replica left (restart the demo)" }
        post("SIGKILL to master 127.0.0.1:\(victim.port) (pid \(victim.process.pid)); its replica takes over in a few seconds: see Events")
        let promoted = try await sandbox.killMasterAndAwaitPromotion(victim, in: cluster)
        return "killed master: \(promoted)"
    }

    /// SIGSTOP a running replica whose master still runs (a promoted one is a master now).
    func stopReplica(of cluster: SandboxCluster) async throws -> Result<Paused, DrillRefusal> {
        let masters = Set(runningMasters(cluster).map(\.id))
        guard let node = cluster.replicas.first(where: { $0.process.isRunning && masters.contains($0.masterID ?? "") }) else {
            return .failure(DrillRefusal(line: "stop a node: no running replica left (restart the demo)"))
        }
        let stopped = try await sandbox.stopNode(node, in: cluster)
        return .success(Paused(what: "replica 127.0.0.1:\(node.port)", pid: stopped.pid, resume: { stopped.resume() }))
    }

    func openSlot(in cluster: SandboxCluster) async throws -> String {
        let masters = runningMasters(cluster)
        guard masters.count >= 2, let slot = masters[0].slots.first?.lowerBound else {
            return "open a slot: needs two running masters of the demo (restart the demo)"
        }
        let open = try await sandbox.leaveMigrationHalfFinished(in: cluster, slot: slot, to: masters[1])
        return "opened \(open); press f to fix it"
    }

    func unassignSlots(in cluster: SandboxCluster) async throws -> String {
        guard let first = runningMasters(cluster).first?.slots.first else { return "unassign slots: no running master" }
        let range = first.lowerBound...min(first.lowerBound + 99, first.upperBound)
        let unassigned = try await sandbox.unassignSlots(range, in: cluster, keysPerSlot: 1)
        return "\(unassigned); press f to fix it"
    }
}
