import Foundation

extension Sandbox {
    /// Starts `masters` × (1 + `replicasPerMaster`) cluster nodes and builds the cluster the way
    /// `redis-cli --cluster create` does, without its fixed sleeps: distinct config epochs,
    /// `CLUSTER ADDSLOTSRANGE` (slots split evenly), `CLUSTER MEET` between every pair, then
    /// `CLUSTER REPLICATE` (the replicas are assigned to the masters round-robin).
    ///
    /// A master only reports `cluster_state:ok` 2 s after it started (Redis's writable delay),
    /// so a cluster takes a little over 2 s however small it is.
    ///
    /// Returns when every node reports `cluster_state:ok`, 16384 assigned slots, all nodes known,
    /// the same slots/roles for every node (gossip converged, no handshake/fail flags), and each
    /// replica's link to its master is up.
    public func startCluster(masters: Int = 3, replicasPerMaster: Int = 1,
                             options: ServerOptions = ServerOptions()) async throws -> SandboxCluster {
        guard masters >= 1, masters <= 16384, replicasPerMaster >= 0 else {
            throw SandboxError.invalidConfiguration("cluster needs 1...16384 masters and >= 0 replicas per master")
        }
        let total = masters * (1 + replicasPerMaster)
        let processes = try await launchClusterNodes(count: total, options: options)
        var ids: [String] = []
        for process in processes { ids.append(try await command(process, "CLUSTER", "MYID")) }

        for (index, process) in processes.enumerated() {
            _ = try await command(process, "CLUSTER", "SET-CONFIG-EPOCH", String(index + 1))
        }
        let ranges = Self.slotRanges(masters: masters)
        for (index, range) in ranges.enumerated() {
            _ = try await command(processes[index], "CLUSTER", "ADDSLOTSRANGE",
                                  String(range.lowerBound), String(range.upperBound))
        }
        try await meetAll(processes)
        try await waitForClusterMembership(processes, timeout: options.readyTimeoutSeconds)

        var masterOf: [String: String] = [:]
        for index in masters..<total {
            let masterIndex = (index - masters) % masters
            masterOf[ids[index]] = ids[masterIndex]
            _ = try await command(processes[index], "CLUSTER", "REPLICATE", ids[masterIndex])
        }
        try await waitForClusterConvergence(processes, timeout: options.readyTimeoutSeconds)
        for index in masters..<total {
            try await waitForReplicaLink(processes[index], timeout: options.readyTimeoutSeconds)
        }

        let nodes = processes.enumerated().map { index, process in
            ClusterNode(process: process, id: ids[index], role: index < masters ? .master : .replica,
                        masterID: masterOf[ids[index]], slots: index < masters ? [ranges[index]] : [])
        }
        return SandboxCluster(nodes: nodes, options: options)
    }

    /// Every node MEETs every node before it. A star (one node meets all, gossip does the
    /// rest) is enough for correctness, but spreading the handshakes by gossip takes ~1.8 s;
    /// the mesh settles in a few hundred ms. One task per node, its MEETs in sequence.
    private func meetAll(_ processes: [ServerProcess]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, process) in processes.enumerated() where index > 0 {
                let earlier = processes[..<index]
                group.addTask {
                    for peer in earlier {
                        _ = try await self.command(process, "CLUSTER", "MEET", "127.0.0.1", String(peer.port),
                                                   String(peer.port + PortAllocator.busPortOffset))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Slots 0...16383 split into `masters` contiguous ranges (the first ones one slot larger).
    static func slotRanges(masters: Int) -> [ClosedRange<Int>] {
        let base = 16384 / masters, extra = 16384 % masters
        var start = 0
        return (0..<masters).map { index in
            let size = base + (index < extra ? 1 : 0)
            defer { start += size }
            return start...(start + size - 1)
        }
    }

    private func launchClusterNodes(count: Int, options: ServerOptions) async throws -> [ServerProcess] {
        try await withThrowingTaskGroup(of: (Int, ServerProcess).self) { group in
            for index in 0..<count {
                group.addTask {
                    let process = try await self.launch(kind: .server, options: options) { port, directory in
                        ConfigWriter.server(port: port, directory: directory, role: .clusterNode, options: options)
                    }
                    return (index, process)
                }
            }
            var result: [(Int, ServerProcess)] = []
            for try await item in group { result.append(item) }
            return result.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Waits until every node knows every other node and no handshake is pending.
    private func waitForClusterMembership(_ processes: [ServerProcess], timeout: Double) async throws {
        var last = ""
        try await Poll.until("cluster nodes to meet", timeout: timeout, lastObservation: { last }) {
            for process in processes {
                let lines = ClusterNodesLine.parse(try await self.command(process, "CLUSTER", "NODES"))
                let settled = lines.count == processes.count && lines.allSatisfy { $0.flags.isDisjoint(with: ["handshake", "noaddr"]) }
                if !settled {
                    last = "port \(process.port) knows \(lines.count)/\(processes.count) nodes"
                    return false
                }
            }
            return true
        }
    }

    /// Waits until every running node of `cluster` says `cluster_state:ok` with 16384 slots,
    /// knows every node, flags none as failed or in handshake, and all views agree on slots and
    /// roles. Use after poking a cluster (failover, restart) to get back to a settled state.
    /// Nodes that are not running are not asked, may be flagged `fail`, and still count as known.
    public func waitForClusterConvergence(_ cluster: SandboxCluster, timeout: Double = 30) async throws {
        let running = cluster.nodes.filter { $0.process.isRunning }
        let down = Set(cluster.nodes.filter { !$0.process.isRunning }.map(\.id))
        try await waitForClusterConvergence(running.map(\.process), knownNodes: cluster.nodes.count,
                                            ignoringFlagsOf: down, timeout: timeout)
    }

    /// Waits until every node says `cluster_state:ok` and all views agree.
    func waitForClusterConvergence(_ processes: [ServerProcess], knownNodes: Int? = nil,
                                   ignoringFlagsOf down: Set<String> = [], timeout: Double) async throws {
        let known = String(knownNodes ?? processes.count)
        var last = ""
        try await Poll.until("cluster to converge", timeout: timeout, lastObservation: { last }) {
            var reference: [String]?
            for process in processes {
                let info = InfoText.fields(try await self.command(process, "CLUSTER", "INFO"))
                guard info["cluster_state"] == "ok", info["cluster_slots_assigned"] == "16384",
                      info["cluster_known_nodes"] == known else {
                    last = "port \(process.port): state \(info["cluster_state"] ?? "?"), slots \(info["cluster_slots_assigned"] ?? "?"), known \(info["cluster_known_nodes"] ?? "?")"
                    return false
                }
                let lines = ClusterNodesLine.parse(try await self.command(process, "CLUSTER", "NODES"))
                if let bad = lines.first(where: { !down.contains($0.id) && !$0.flags.isDisjoint(with: ClusterNodesLine.unsettledFlags) }) {
                    last = "port \(process.port) sees \(bad.id) as \(bad.flags.sorted().joined(separator: ","))"
                    return false
                }
                let key = ClusterNodesLine.agreementKey(lines)
                if let reference, reference != key {
                    last = "port \(process.port) disagrees: \(key)"
                    return false
                }
                reference = key
            }
            return true
        }
    }
}
